-- 015_channel_keys: the `channel` scope (issue 11): a key for a connector that
-- pulls one shop's orders from its platform's API and hands them to Pallet.
-- Forward-only: never edit this file once applied; add the next number instead.
--
-- Such a key is bound to exactly one channel of its tenant and holds no other
-- scope, so a leaked connector key can import into that one channel and read
-- its imports and dead letters, and nothing else. The checks keep the rows
-- honest whatever the code above them does:
-- - `channel` is among the scopes exactly when the key names a channel;
-- - a `channel` key holds that scope alone;
-- - the channel is one of the key's own tenant's (a foreign key on the pair;
--   referential checks bypass row-level security, so this needs no tenant scope).
alter table api_keys drop constraint api_keys_scopes_valid;
alter table api_keys add constraint api_keys_scopes_valid
  check (cardinality(scopes) > 0 and scopes <@ array['checkout', 'admin', 'read', 'ops', 'channel']::text[]);

alter table api_keys add column channel text;

alter table api_keys add constraint api_keys_channel_bound
  check ((channel is not null) = ('channel' = any (scopes)));
alter table api_keys add constraint api_keys_channel_alone
  check (not ('channel' = any (scopes)) or cardinality(scopes) = 1);
alter table api_keys add constraint api_keys_channel_fkey
  foreign key (tenant_id, channel) references channels (tenant_id, id);
