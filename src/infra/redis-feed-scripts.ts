/**
 * The Lua scripts of the Redis feed store (`redis-feeds.ts`). A feed is one sorted set: its ids
 * as members, scored by their numeric value, plus a marker member `#` whose presence says the
 * feed exists and whose score is 0 when the feed is complete, or minus its floor (the oldest id
 * kept) when it is not. Ids are positive, so the marker always sorts first (rank 0) and ranges
 * by score from `(0` never include it. Ids are passed and stored as strings and scores are built
 * by string concatenation: Lua's number-to-string conversion keeps only 14 digits.
 */

/**
 * KEYS: feeds; ARGV[1]: cap; ARGV[2…]: ids. Adds the ids to each feed that exists (skipping, in
 * an incomplete feed, ids at or below its floor), then trims it to its `cap` newest ids; when
 * it trims, the feed becomes incomplete and its new floor is the oldest id kept.
 */
export const ADD_SCRIPT = `
local cap = tonumber(ARGV[1])
for _, key in ipairs(KEYS) do
  local marker = redis.call('ZSCORE', key, '#')
  if marker then
    local floor = -tonumber(marker)
    for i = 2, #ARGV do
      if floor == 0 or tonumber(ARGV[i]) > floor then redis.call('ZADD', key, ARGV[i], ARGV[i]) end
    end
    local count = redis.call('ZCARD', key) - 1
    if count > cap then
      redis.call('ZREMRANGEBYRANK', key, 1, count - cap)
      local oldest = redis.call('ZRANGE', key, 1, 1)[1]
      redis.call('ZADD', key, '-' .. oldest, '#')
    end
  end
end
return 0
`;

/**
 * KEYS[1]: feed; ARGV: ttl ms, min, max, '1' for newest first, limit. Returns nil when the feed
 * is absent, else { marker score, ids } after extending the feed's life.
 */
export const READ_SCRIPT = `
local marker = redis.call('ZSCORE', KEYS[1], '#')
if not marker then return false end
redis.call('PEXPIRE', KEYS[1], ARGV[1])
local ids
if ARGV[4] == '1' then
  ids = redis.call('ZRANGE', KEYS[1], ARGV[3], ARGV[2], 'BYSCORE', 'REV', 'LIMIT', 0, ARGV[5])
else
  ids = redis.call('ZRANGE', KEYS[1], ARGV[2], ARGV[3], 'BYSCORE', 'LIMIT', 0, ARGV[5])
end
return { marker, ids }
`;
