/**
 * Lua scripts for the Redis backend. Each runs atomically in Redis, which makes a commit, a claim
 * or a delivery one step however many keys it touches. Layout (prefix "lotse:"):
 *   r:<ns>:<key>      hash {d: value, v: version, e: expires}   records (PEXPIREAT when they expire)
 *   version           counter: every write takes a new version (never reused, so no ABA)
 *   s:<ns>:<key>      set                                        indices
 *   q:i:<id>          hash                                       an outbox message
 *   q:c:<chat>        sorted set id -> seq                       a chat's pending messages, in order
 *   q:h:<platform>    sorted set chat -> when its head may go    due time, or the lease's end while sent
 *   q:p / q:d         sorted sets id -> seq                      all pending / given-up messages
 *   q:s:<subject>     set of ids                                 messages carrying one person's data
 * Keys are built inside the scripts: one Redis server (or primary with replicas), not Redis Cluster.
 */

const COMMON = `
local P = 'lotse:'
local function rkey(ns, key) return P .. 'r:' .. ns .. ':' .. key end
local function put(ns, key, value, expires)
  local k = rkey(ns, key)
  redis.call('DEL', k)
  if value == nil or value == cjson.null then return end
  local v = redis.call('INCR', P .. 'version')
  if expires ~= nil and expires ~= cjson.null then
    redis.call('HSET', k, 'd', value, 'v', v, 'e', expires)
    redis.call('PEXPIREAT', k, expires)
  else
    redis.call('HSET', k, 'd', value, 'v', v)
  end
end
local function live(ns, key) return redis.call('EXISTS', rkey(ns, key)) == 1 end
-- After the head of a chat left (delivered, given up, removed): index the next one by its due time.
local function rehead(chat, platform)
  local nxt = redis.call('ZRANGE', P .. 'q:c:' .. chat, 0, 0)[1]
  if nxt then
    local due = redis.call('HGET', P .. 'q:i:' .. nxt, 'due')
    redis.call('ZADD', P .. 'q:h:' .. platform, due, chat)
  else
    redis.call('ZREM', P .. 'q:h:' .. platform, chat)
  end
end
local function unlink(id)
  local ik = P .. 'q:i:' .. id
  local f = redis.call('HMGET', ik, 'chat', 'platform', 'subject')
  if not f[1] then return nil end
  redis.call('ZREM', P .. 'q:c:' .. f[1], id)
  redis.call('ZREM', P .. 'q:p', id)
  return f
end
-- A message leaves the queue for good (delivered, erased, pruned); its chat's next one becomes the head.
local function drop(id)
  local f = unlink(id)
  if not f then return end
  redis.call('SREM', P .. 'q:s:' .. f[3], id)
  redis.call('ZREM', P .. 'q:d', id)
  redis.call('DEL', P .. 'q:i:' .. id)
  rehead(f[1], f[2])
end
`;

/** ARGV[1]: {now, mark?: [key, expires], reads: [ns, key, version][], writes: [ns, key, value|null, expires|null][], sets: [ns, key, member, add][], enqueue: item[]} */
export const COMMIT = `${COMMON}
local c = cjson.decode(ARGV[1])
if c.mark and c.mark ~= cjson.null and live('marks', c.mark[1]) then return 'duplicate' end
for _, r in ipairs(c.reads) do
  local v = redis.call('HGET', rkey(r[1], r[2]), 'v')
  if (tonumber(v) or 0) ~= r[3] then return 'conflict' end
end
for _, w in ipairs(c.writes) do put(w[1], w[2], w[3], w[4]) end
if c.mark and c.mark ~= cjson.null then put('marks', c.mark[1], '1', c.mark[2]) end
for _, s in ipairs(c.sets) do
  if s[4] then redis.call('SADD', P .. 's:' .. s[1] .. ':' .. s[2], s[3]) else redis.call('SREM', P .. 's:' .. s[1] .. ':' .. s[2], s[3]) end
end
for _, it in ipairs(c.enqueue) do
  local ik = P .. 'q:i:' .. it.id
  if redis.call('EXISTS', ik) == 0 and not live('marks', 'outbox:' .. it.id) then
    local seq = redis.call('INCR', P .. 'q:seq')
    redis.call('HSET', ik, 'id', it.id, 'chat', it.chat, 'platform', it.platform, 'subject', it.subject, 'payload', it.payload,
      'attempts', 0, 'due', it.dueAt, 'created', it.createdAt, 'seq', seq, 'state', 'pending')
    redis.call('ZADD', P .. 'q:c:' .. it.chat, seq, it.id)
    redis.call('ZADD', P .. 'q:p', seq, it.id)
    if it.subject ~= '' then redis.call('SADD', P .. 'q:s:' .. it.subject, it.id) end
    if redis.call('ZRANGE', P .. 'q:c:' .. it.chat, 0, 0)[1] == it.id then redis.call('ZADD', P .. 'q:h:' .. it.platform, it.dueAt, it.chat) end
  end
end
return 'ok'`;

/** ARGV: platforms (JSON), now, limit, owner, lease end. Returns the claimed items as flat hashes. */
export const CLAIM = `${COMMON}
local platforms = cjson.decode(ARGV[1])
local now, limit, owner, untl = tonumber(ARGV[2]), tonumber(ARGV[3]), ARGV[4], ARGV[5]
local out = {}
for _, platform in ipairs(platforms) do
  local hk = P .. 'q:h:' .. platform
  local chats = redis.call('ZRANGEBYSCORE', hk, '-inf', now, 'LIMIT', 0, limit)
  for _, chat in ipairs(chats) do
    if #out >= limit then break end
    local head = redis.call('ZRANGE', P .. 'q:c:' .. chat, 0, 0)[1]
    if not head then
      redis.call('ZREM', hk, chat)
    else
      local ik = P .. 'q:i:' .. head
      local due = tonumber(redis.call('HGET', ik, 'due'))
      if due > now then
        redis.call('ZADD', hk, due, chat)
      else
        redis.call('HSET', ik, 'owner', owner, 'lease', untl)
        redis.call('ZADD', hk, untl, chat)
        table.insert(out, redis.call('HGETALL', ik))
      end
    end
  end
end
return out`;

/** ARGV: id, owner, lease end. */
export const RENEW = `${COMMON}
local ik = P .. 'q:i:' .. ARGV[1]
if redis.call('HGET', ik, 'owner') ~= ARGV[2] then return 0 end
redis.call('HSET', ik, 'lease', ARGV[3])
local f = redis.call('HMGET', ik, 'chat', 'platform')
if redis.call('ZRANGE', P .. 'q:c:' .. f[1], 0, 0)[1] == ARGV[1] then redis.call('ZADD', P .. 'q:h:' .. f[2], ARGV[3], f[1]) end
return 1`;

/** ARGV: id, done-mark end ('' for none). */
export const COMPLETE = `${COMMON}
local id = ARGV[1]
drop(id)
if ARGV[2] ~= '' then put('marks', 'outbox:' .. id, '1', tonumber(ARGV[2])) end
return 1`;

/** ARGV: id, attempts, due. The item stays its chat's head; the chat waits until then. */
export const RESCHEDULE = `${COMMON}
local ik = P .. 'q:i:' .. ARGV[1]
if redis.call('EXISTS', ik) == 0 then return 0 end
redis.call('HSET', ik, 'attempts', ARGV[2], 'due', ARGV[3], 'owner', '', 'lease', '')
local f = redis.call('HMGET', ik, 'chat', 'platform')
rehead(f[1], f[2])
return 1`;

/** ARGV: id, attempts, dead at, reason. */
export const KILL = `${COMMON}
local id = ARGV[1]
local ik = P .. 'q:i:' .. id
local f = unlink(id)
if not f then return 0 end
redis.call('HSET', ik, 'state', 'dead', 'attempts', ARGV[2], 'deadAt', ARGV[3], 'deadReason', ARGV[4], 'owner', '', 'lease', '')
redis.call('ZADD', P .. 'q:d', redis.call('HGET', ik, 'seq'), id)
rehead(f[1], f[2])
return 1`;

/** ARGV: ids (JSON), now. */
export const REVIVE = `${COMMON}
for _, id in ipairs(cjson.decode(ARGV[1])) do
  local ik = P .. 'q:i:' .. id
  if redis.call('HGET', ik, 'state') == 'dead' then
    local f = redis.call('HMGET', ik, 'chat', 'platform', 'seq')
    redis.call('HSET', ik, 'state', 'pending', 'attempts', 0, 'due', ARGV[2], 'deadAt', '', 'deadReason', '')
    redis.call('ZREM', P .. 'q:d', id)
    redis.call('ZADD', P .. 'q:c:' .. f[1], f[3], id)
    redis.call('ZADD', P .. 'q:p', f[3], id)
    rehead(f[1], f[2])
  end
end
return 1`;

/** ARGV: ids (JSON). */
export const REMOVE = `${COMMON}
for _, id in ipairs(cjson.decode(ARGV[1])) do drop(id) end
return 1`;

/** ARGV: JSON list of ids. Returns their hashes (empty for gone ones). */
export const ITEMS = `
local out = {}
for _, id in ipairs(cjson.decode(ARGV[1])) do table.insert(out, redis.call('HGETALL', 'lotse:q:i:' .. id)) end
return out`;

export const TAKE_OR_RENEW =
  "local v = redis.call('get', KEYS[1]) if v == false or v == ARGV[1] then redis.call('set', KEYS[1], ARGV[1], 'PX', ARGV[2]) return 1 end return 0";
export const DELETE_IF_HELD = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";
