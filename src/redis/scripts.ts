// The Lua that makes the Redis store safe: each script runs atomically inside
// Redis, so a compare-and-swap, its history entry, the pruning and the
// announcement happen together or not at all, and no other client can slip
// a write between the check and the swap.

/**
 * swap — KEYS: live, history. ARGV: docPrefix, events channel, check, match,
 * version, document, meta JSON ('' = none), serial ('' = unsigned), keep,
 * patchBase, patch ('' = none: snapshot-bytes/patch.ts, from patchBase's
 * document to this one).
 *
 * check: 'any' (unconditional), 'none' (only if nothing is live),
 * 'version' (only if the live version field is `match`), or 'damaged' (a
 * repair: only if the live hash still holds the very bytes the client found
 * damaged, `match` being their SHA-1).
 *
 * The patch is kept beside the document only when patchBase is the version
 * being replaced, so a replica holding that version can read the patch
 * instead of the document; every swap drops the one before.
 *
 * Replies { 'ok', previous } or { 'stale', current }; previous/current are
 * the live version field before (nil when none).
 */
export const SWAP_LUA = `
local live, history = KEYS[1], KEYS[2]
local docPrefix, channel, check, match = ARGV[1], ARGV[2], ARGV[3], ARGV[4]
local version, document, meta, serial = ARGV[5], ARGV[6], ARGV[7], ARGV[8]
local keep = tonumber(ARGV[9])
local patchBase, patch = ARGV[10] or '', ARGV[11] or ''

local current = redis.call('HGET', live, 'version')
if check == 'none' then
  if redis.call('EXISTS', live) == 1 then return {'stale', current} end
elseif check == 'version' then
  if current ~= match then return {'stale', current} end
elseif check == 'damaged' then
  if redis.call('EXISTS', live) == 0 then return {'stale', current} end
  local held = redis.call('HGET', live, 'document') or ''
  if redis.sha1hex(held) ~= match then return {'stale', current} end
elseif check ~= 'any' then
  return redis.error_reply('modelctl swap: unknown check ' .. check)
end

-- Everything that can fail is done before the first write: Redis does not
-- undo a script's writes when it errors half-way.
if redis.call('TYPE', history).ok ~= 'none' and redis.call('TYPE', history).ok ~= 'list' then
  return redis.error_reply('modelctl swap: ' .. history .. ' is not a list (changed by hand?); nothing was written')
end
if not keep or keep < 1 then return redis.error_reply('modelctl swap: keep must be at least 1') end
-- The Redis server's clock, so appliedAt is ordered whatever the clients' clocks say.
local t = redis.call('TIME')
local appliedAt = t[1] .. string.format('%03d', math.floor(tonumber(t[2]) / 1000))
local entry = {version = version, appliedAt = appliedAt}
if meta ~= '' then entry.meta = cjson.decode(meta) end
entry = cjson.encode(entry)

redis.call('DEL', live)
redis.call('HSET', live, 'version', version, 'document', document, 'appliedAt', appliedAt)
if meta ~= '' then redis.call('HSET', live, 'meta', meta) end
if serial ~= '' then redis.call('HSET', live, 'serial', serial) end
if patch ~= '' and patchBase == current then redis.call('HSET', live, 'patchBase', patchBase, 'patch', patch) end

redis.call('SET', docPrefix .. version, document)
redis.call('LPUSH', history, entry)

-- Cap the history; a dropped version's document goes unless a kept entry still names it.
local dropped = redis.call('LRANGE', history, keep, -1)
redis.call('LTRIM', history, 0, keep - 1)
if #dropped > 0 then
  local kept = {}
  for _, e in ipairs(redis.call('LRANGE', history, 0, -1)) do
    local ok, d = pcall(cjson.decode, e)
    if ok and type(d) == 'table' and type(d.version) == 'string' then kept[d.version] = true end
  end
  for _, e in ipairs(dropped) do
    local ok, d = pcall(cjson.decode, e)
    if ok and type(d) == 'table' and type(d.version) == 'string' and not kept[d.version] then
      redis.call('DEL', docPrefix .. d.version)
    end
  end
end

redis.call('PUBLISH', channel, version)
return {'ok', current}
`;

/**
 * readLive — KEYS: live. ARGV: max document bytes, and the version the reader
 * holds ('' or absent: none). Replies { 'none' }, { 'too-large', bytes },
 * { 'patch', version, patch, appliedAt, serial } when the live hash keeps a
 * patch from the reader's version to another, else { 'live', version,
 * document, appliedAt, serial } (missing fields nil). Sizes are checked
 * before anything is sent, so a huge value planted in Redis is refused, not
 * loaded. HMGET only: the replica ACL in the README grants no HGET.
 */
export const READ_LIVE_LUA = `
if redis.call('EXISTS', KEYS[1]) == 0 then return {'none'} end
local have = ARGV[2] or ''
if have ~= '' then
  local f = redis.call('HMGET', KEYS[1], 'version', 'patchBase', 'appliedAt', 'serial')
  if f[2] == have and f[1] ~= have then
    local n = redis.call('HSTRLEN', KEYS[1], 'patch')
    if n > 0 and n <= tonumber(ARGV[1]) then
      return {'patch', f[1], redis.call('HMGET', KEYS[1], 'patch')[1], f[3], f[4]}
    end
  end
end
local n = redis.call('HSTRLEN', KEYS[1], 'document')
if n > tonumber(ARGV[1]) then return {'too-large', n} end
local f = redis.call('HMGET', KEYS[1], 'version', 'document', 'appliedAt', 'serial')
return {'live', f[1], f[2], f[3], f[4]}
`;

/** readDoc — KEYS: one kept document. ARGV: max bytes. Replies { 'none' }, { 'too-large', bytes } or { 'doc', text }. */
export const READ_DOC_LUA = `
if redis.call('EXISTS', KEYS[1]) == 0 then return {'none'} end
local n = redis.call('STRLEN', KEYS[1])
if n > tonumber(ARGV[1]) then return {'too-large', n} end
return {'doc', redis.call('GET', KEYS[1])}
`;
