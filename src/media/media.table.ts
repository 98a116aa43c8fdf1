import type { Generated, GeneratedAlways } from 'kysely';

export interface MediaAttachmentsTable {
  id: GeneratedAlways<string>;
  account_id: string;
  status_id: string | null;
  kind: 'image' | 'video' | 'document';
  file_path: string;
  preview_path: string | null;
  mime_type: string;
  width: number | null;
  height: number | null;
  description: Generated<string>;
  /** The description of an attachment of a private message, sealed; `description` then stays empty. */
  sealed_description: Generated<Buffer | null>;
  created_at: Generated<Date>;
}
