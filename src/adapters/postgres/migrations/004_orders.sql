-- 004_orders: the central order pool (issue 11): channels, orders, their
-- tamper-evident audit trail, webhook replay records and dead letters.
-- Names are unqualified: migrate() sets search_path to the instance's schema.
-- Forward-only: never edit this file once applied; add the next number instead.
--
-- Tenant isolation is enforced by PostgreSQL itself, not only by WHERE clauses:
-- every table here has row-level security (enabled and forced, so the table
-- owner is subject to it too) with one policy, tenant_id =
-- current_setting('pallet.tenant'). Superusers and BYPASSRLS roles skip RLS,
-- and Pallet may well connect as one, so the repositories run every
-- tenant-scoped transaction as the role pallet_tenant (NOLOGIN, no BYPASSRLS)
-- with the tenant set for that transaction only (withTenant in
-- tenant.scope.ts). A transaction that forgets the tenant sees no rows at all.
-- A table added to this set later must repeat the RLS lines and the grants.

-- pallet_tenant is cluster-wide, shared by every Pallet schema on the server:
-- create it once. Two migrators (two schemas) may race here; the loser's
-- CREATE ROLE waits for the winner and then fails with a unique violation,
-- which is caught. A connecting user that is neither superuser nor already a
-- member gets membership, so that SET ROLE pallet_tenant works for it.
do $$
begin
  if not exists (select 1 from pg_roles where rolname = 'pallet_tenant') then
    begin
      create role pallet_tenant nologin nosuperuser nobypassrls noinherit;
    exception when duplicate_object or unique_violation then
      null;
    end;
  end if;
  if not pg_has_role(current_user, 'pallet_tenant', 'member') then
    execute format('grant pallet_tenant to %I', current_user);
  end if;
  execute format('grant usage on schema %I to pallet_tenant', current_schema());
end;
$$;

-- ------------------------------------------------------------------ channels

-- One row per connected sales channel (a shop on a platform). The webhook
-- secrets are stored encrypted (AES-256-GCM, iv ‖ tag ‖ ciphertext, key
-- outside the database): two slots so a secret can be rotated while the
-- platform still signs with the old one. No read returns them.
create table channels (
  tenant_id text not null references tenants,
  id text not null,
  -- shopify, woocommerce, taobao, jd, pinduoduo, douyin, generic (order.types.ts)
  type text not null,
  name text not null,
  -- The tenant's field mapping override; null: the channel type's default mapping.
  mapping jsonb,
  -- +1 on every change of mapping; dead letters and audit entries name it.
  mapping_version int not null default 1,
  -- Channel SKU code → Pallet SKU.
  sku_map jsonb not null default '{}',
  secret_current bytea,
  secret_current_created_at timestamptz,
  secret_previous bytea,
  secret_previous_created_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (tenant_id, id),
  constraint channels_type_known
    check (type in ('shopify', 'woocommerce', 'taobao', 'jd', 'pinduoduo', 'douyin', 'generic')),
  constraint channels_sku_map_object check (jsonb_typeof(sku_map) = 'object'),
  constraint channels_mapping_version_positive check (mapping_version >= 1),
  constraint channels_secret_current_dated check ((secret_current is null) = (secret_current_created_at is null)),
  constraint channels_secret_previous_dated check ((secret_previous is null) = (secret_previous_created_at is null))
);

-- -------------------------------------------------------------------- orders

-- The canonical order (order.types.ts), one row per order, changed in place
-- under optimistic concurrency (version). No foreign key to tenants: orders
-- are the hot path and their tenant is the authenticated caller's, which
-- exists; tenants are never deleted.
create table orders (
  tenant_id text not null,
  id text not null,
  channel text not null,
  -- The platform's order number exactly as it wrote it (no trimming, no case folding).
  external_id text not null,
  status text not null,
  placed_at timestamptz not null,
  paid_at timestamptz,
  cancelled_at timestamptz,
  buyer jsonb not null,
  shipping_address jsonb not null,
  -- [{sku, channelSku?, qty, unitPriceMinor}, …]
  lines jsonb not null,
  totals jsonb not null,
  -- Copies of totals.currency and totals.totalMinor, for filters and sums.
  currency text not null,
  total_minor bigint not null,
  reservation_id text,
  -- [{rule, detail}, …]: why the order waits (or waited) for review.
  holds jsonb not null default '[]',
  -- Channel flags (name → true); null when the channel sent none.
  flags jsonb,
  version int not null,
  -- The head of the order's audit chain: the last entry's seq and hash,
  -- written in the same transaction as the entry. The verifier compares the
  -- chain's end with it, so deleting the newest entries is detected too.
  audit_seq int not null default 0,
  audit_head bytea,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (tenant_id, id),
  constraint orders_external_id_unique unique (tenant_id, channel, external_id),
  constraint orders_tenant_set check (tenant_id <> ''),
  constraint orders_status_known check (status in ('pending_payment', 'paid', 'on_hold', 'released', 'picking',
    'packed', 'shipped', 'delivered', 'cancelled', 'refunded', 'exception')),
  constraint orders_lines_array check (jsonb_typeof(lines) = 'array'),
  constraint orders_holds_array check (jsonb_typeof(holds) = 'array'),
  constraint orders_flags_object check (flags is null or jsonb_typeof(flags) = 'object'),
  constraint orders_totals_agree
    check (currency = totals ->> 'currency' and total_minor = (totals ->> 'totalMinor')::bigint),
  constraint orders_version_positive check (version >= 1),
  constraint orders_audit_head_sized check ((audit_head is null and audit_seq = 0) or octet_length(audit_head) = 32)
-- Room for the in-place updates of an order's life to stay on its page.
) with (fillfactor = 85);

-- The list query: newest first, keyset-paged over (created_at, id).
create index orders_created_idx on orders (tenant_id, created_at desc, id desc);
create index orders_status_idx on orders (tenant_id, status, created_at desc, id desc);
create index orders_channel_idx on orders (tenant_id, channel, created_at desc, id desc);
-- An order number pasted without its channel.
create index orders_external_id_idx on orders (tenant_id, external_id);
-- A phone number matches the shipping address's or the buyer's.
create index orders_ship_phone_idx on orders (tenant_id, (shipping_address ->> 'phone'));
create index orders_buyer_phone_idx on orders (tenant_id, (buyer ->> 'phone'));
-- Orders that carry hold reasons (the review queue and its history).
create index orders_held_idx on orders (tenant_id, created_at desc, id desc) where holds <> '[]'::jsonb;
-- Orders containing a SKU: `lines @> '[{"sku": "…"}]'`. A GIN index over
-- lines rather than an order_skus side table: the side table costs one row
-- and index entry per line and must be rewritten in step whenever lines
-- change; the GIN index follows the row by itself, its pending list batches
-- the insert cost off the hot path, and jsonb_path_ops keeps it small (it
-- indexes hashes of paths to values and serves exactly the @> query). Its
-- price: tenant_id is not in it, so a SKU shared by many tenants is
-- rechecked against the tenant filter.
create index orders_lines_sku_idx on orders using gin (lines jsonb_path_ops);

-- ---------------------------------------------------------------- order audit

-- Every change to an order, append-only and hash-chained (core/audit.chain.ts):
-- hash = SHA-256(prev_hash ‖ canonical entry), prev_hash of seq 1 is 32 zero
-- bytes. `pallet audit verify` recomputes every chain.
create table order_audit (
  tenant_id text not null,
  order_id text not null,
  -- 1, 2, 3, … per order, no gaps.
  seq int not null,
  actor_kind text not null,
  actor_id text not null,
  -- Millisecond precision (the canonical entry carries epoch milliseconds).
  at timestamptz not null,
  action text not null,
  -- {field: {before, after}}
  changes jsonb not null,
  prev_hash bytea not null,
  hash bytea not null,
  primary key (tenant_id, order_id, seq),
  constraint order_audit_seq_positive check (seq >= 1),
  constraint order_audit_actor_known check (actor_kind in ('key', 'customer_token', 'channel', 'system')),
  constraint order_audit_changes_object check (jsonb_typeof(changes) = 'object'),
  constraint order_audit_hashes_sized check (octet_length(prev_hash) = 32 and octet_length(hash) = 32)
);

-- reject_change() is 002's: statement triggers, so even a statement that
-- matches no row is refused.
create trigger order_audit_append_only before update or delete or truncate on order_audit
  for each statement execute function reject_change();

-- ------------------------------------------------- webhook deliveries, letters

-- Delivery ids already accepted, for replay detection. Kept for a bounded
-- time: a row older than the repository's retention no longer counts as a
-- replay (the webhook's own timestamp window refuses such old deliveries) and
-- is pruned.
create table channel_deliveries (
  tenant_id text not null,
  channel text not null,
  delivery_id text not null,
  received_at timestamptz not null default now(),
  primary key (tenant_id, channel, delivery_id)
);

create index channel_deliveries_received_idx on channel_deliveries (tenant_id, received_at);

-- Channel documents that could not be mapped to an order, kept verbatim for
-- a person to look at and replay once the mapping is fixed.
create table dead_letters (
  tenant_id text not null,
  channel text not null,
  id text not null,
  -- The raw body as received (bytes: it may not even be valid UTF-8).
  document bytea not null,
  -- Where in the document mapping failed (a JSON path) and which rule failed.
  source_path text,
  rule text,
  reason text not null,
  mapping_version int,
  created_at timestamptz not null default now(),
  replayed_at timestamptz,
  primary key (tenant_id, id)
);

create index dead_letters_created_idx on dead_letters (tenant_id, created_at desc, id desc);

-- ------------------------------------------------------- row-level security

alter table channels enable row level security;
alter table channels force row level security;
create policy channels_tenant on channels
  using (tenant_id = current_setting('pallet.tenant', true))
  with check (tenant_id = current_setting('pallet.tenant', true));

alter table orders enable row level security;
alter table orders force row level security;
create policy orders_tenant on orders
  using (tenant_id = current_setting('pallet.tenant', true))
  with check (tenant_id = current_setting('pallet.tenant', true));

alter table order_audit enable row level security;
alter table order_audit force row level security;
create policy order_audit_tenant on order_audit
  using (tenant_id = current_setting('pallet.tenant', true))
  with check (tenant_id = current_setting('pallet.tenant', true));

alter table channel_deliveries enable row level security;
alter table channel_deliveries force row level security;
create policy channel_deliveries_tenant on channel_deliveries
  using (tenant_id = current_setting('pallet.tenant', true))
  with check (tenant_id = current_setting('pallet.tenant', true));

alter table dead_letters enable row level security;
alter table dead_letters force row level security;
create policy dead_letters_tenant on dead_letters
  using (tenant_id = current_setting('pallet.tenant', true))
  with check (tenant_id = current_setting('pallet.tenant', true));

-- Unqualified names resolve to this schema (search_path), so these grants
-- land on this instance's tables only. order_audit: read and append, nothing
-- else. channel_deliveries: delete too, for pruning expired rows.
grant select, insert, update on channels, orders, dead_letters to pallet_tenant;
grant select, insert on order_audit to pallet_tenant;
grant select, insert, update, delete on channel_deliveries to pallet_tenant;
