import type { Generated, GeneratedAlways } from 'kysely';

export interface MediaAttachmentsTable {
  id: GeneratedAlways<string>;
  account_id: string;
  status_id: string | null;
  kind: 'image' | 'video';
  file_path: string;
  preview_path: string | null;
  mime_type: string;
  width: number | null;
  height: number | null;
  description: Generated<string>;
  created_at: Generated<Date>;
}
