--[[ bumpCatalogVersion-1.lua — raise the tenant's catalog version to at least ARGV[1] (never lowers it).
KEYS[1] catalog version   ARGV[1] version (from PostgreSQL, the catalog's system of record)
Returns: the version now stored.
]]
local v = tonumber(ARGV[1])
local cur = tonumber(redis.call('GET', KEYS[1]) or '0')
if v > cur then redis.call('SET', KEYS[1], v) return v end
return cur
