-- Hashtag search while typing: prefix match on the lower-cased name (LIKE 'abc%') needs an index
-- with pattern operators, since the unique index on lower(name) follows the collation.
CREATE INDEX tags_name_prefix_idx ON tags (lower(name) text_pattern_ops);
