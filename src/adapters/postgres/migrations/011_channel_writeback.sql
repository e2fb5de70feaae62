-- 011_channel_writeback: pushing shipments back to the platforms (issue 12).
-- Forward-only: never edit this file once applied; add the next number instead.
--
-- channel_writeback: where and how a channel's shipments are pushed (the
-- platform's endpoint URL; the credentials as one AES-256-GCM box, 0x01 ‖ iv
-- ‖ tag ‖ ciphertext of their JSON, under the channel-secrets key, bound to
-- tenant and channel; no read returns them).
-- writebacks: one row per (order, shipment) pushed or tried: a shipment
-- recorded `pushed` is never pushed again, whatever is redelivered.
-- Both under row-level security like 004 (enabled, forced, one policy on
-- pallet.tenant, grants to pallet_tenant).

create table channel_writeback (
  tenant_id text not null,
  channel text not null,
  url text not null,
  credentials bytea not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (tenant_id, channel),
  foreign key (tenant_id, channel) references channels (tenant_id, id),
  constraint channel_writeback_url_bounded check (length(url) between 1 and 2048)
);

create table writebacks (
  tenant_id text not null,
  order_id text not null,
  carrier text not null,
  tracking_number text not null,
  channel text not null,
  status text not null,
  attempts int not null default 0,
  last_error text,
  -- What the platform answered to the push that was taken (e.g. Shopify's fulfillment id).
  reference text,
  pushed_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (tenant_id, order_id, carrier, tracking_number),
  foreign key (tenant_id, order_id, carrier, tracking_number) references shipments (tenant_id, order_id, carrier, tracking_number),
  constraint writebacks_status_known check (status in ('pushed', 'failed', 'dead')),
  constraint writebacks_attempts_natural check (attempts >= 0)
);

-- Failed and dead write-backs, newest first (for the board and ops).
create index writebacks_unpushed_idx on writebacks (tenant_id, updated_at desc) where status <> 'pushed';

alter table channel_writeback enable row level security;
alter table channel_writeback force row level security;
create policy channel_writeback_tenant on channel_writeback
  using (tenant_id = current_setting('pallet.tenant', true))
  with check (tenant_id = current_setting('pallet.tenant', true));

alter table writebacks enable row level security;
alter table writebacks force row level security;
create policy writebacks_tenant on writebacks
  using (tenant_id = current_setting('pallet.tenant', true))
  with check (tenant_id = current_setting('pallet.tenant', true));

grant select, insert, update on channel_writeback, writebacks to pallet_tenant;
