-- Media (issue 11): Mastodon's asynchronous processing, meta (sizes, focus), blurhash, and the
-- storage area a file lives in.

-- 'queued' while a job makes the variants (video poster, large images), 'done' when the entity
-- may show it, 'failed' with the reason when it could not be processed (the row and the upload
-- stay: nothing is lost, the owner reads why).
ALTER TABLE media_attachments ADD COLUMN processing text NOT NULL DEFAULT 'done' CHECK (processing IN ('queued', 'done', 'failed'));
ALTER TABLE media_attachments ADD COLUMN processing_error text CHECK (char_length(processing_error) <= 500);
-- Mastodon's `meta` as the entity shows it: original/small sizes, video length, focus.
ALTER TABLE media_attachments ADD COLUMN meta jsonb;
ALTER TABLE media_attachments ADD COLUMN blurhash text CHECK (char_length(blurhash) <= 100);
-- Files of private messages live in the private storage area, never under the public media root.
ALTER TABLE media_attachments ADD COLUMN private boolean NOT NULL DEFAULT false;
-- An upload waiting to be processed, as received (with its metadata): in the private area only.
ALTER TABLE media_attachments ADD COLUMN incoming_path text;

-- Verification documents moved from `<DATA_DIR>/media/private/` to the private storage area
-- (`<DATA_DIR>/private/`, or the S3 private prefix); their keys lose the `private/` prefix.
UPDATE verification_requests SET document_path = substr(document_path, 9) WHERE document_path LIKE 'private/%';

-- A video whose preview is a picture its owner chose (Mastodon's `thumbnail`), not the first frame.
ALTER TABLE media_attachments ADD COLUMN custom_thumbnail boolean NOT NULL DEFAULT false;
