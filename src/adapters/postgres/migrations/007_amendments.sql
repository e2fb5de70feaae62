-- 007_amendments: changes to an order the warehouse must hear of (issue 11).
-- Forward-only: never edit this file once applied; add the next number instead.
--
-- A shipping address changed after the order was released to the warehouse
-- is an amendment: pending until the warehouse acknowledges it, exactly once
-- (core/amendment.rules.ts). Each row is written in the same transaction as
-- the order update and audit entry it belongs to (adapters/postgres/amendment.repo.ts).

create table order_amendments (
  tenant_id text not null,
  order_id text not null,
  id text not null,
  -- The order's version the change produced: orders an order's amendments exactly.
  order_version int not null,
  kind text not null,
  before jsonb not null,
  after jsonb not null,
  status text not null default 'pending',
  -- Millisecond precision (the app's clock).
  created_at timestamptz not null,
  acknowledged_at timestamptz,
  -- Who changed it (a key or a customer token), as in order_audit.
  actor_kind text not null,
  actor_id text not null,
  -- Who acknowledged it (the warehouse, or ops for it).
  acknowledged_by_kind text,
  acknowledged_by_id text,
  primary key (tenant_id, id),
  foreign key (tenant_id, order_id) references orders (tenant_id, id),
  constraint order_amendments_kind_known check (kind in ('address')),
  constraint order_amendments_status_known check (status in ('pending', 'acknowledged')),
  constraint order_amendments_ack_consistent check (
    (status = 'pending' and acknowledged_at is null and acknowledged_by_kind is null and acknowledged_by_id is null)
    or (status = 'acknowledged' and acknowledged_at is not null and acknowledged_by_kind is not null and acknowledged_by_id is not null)),
  constraint order_amendments_actor_known check (actor_kind in ('key', 'customer_token', 'channel', 'system')),
  constraint order_amendments_ack_actor_known check (acknowledged_by_kind is null or acknowledged_by_kind in ('key', 'customer_token', 'channel', 'system')),
  constraint order_amendments_addresses_objects check (jsonb_typeof(before) = 'object' and jsonb_typeof(after) = 'object')
);

-- An order's amendments, oldest first.
create unique index order_amendments_order_idx on order_amendments (tenant_id, order_id, order_version);
-- What the warehouse still has to acknowledge.
create index order_amendments_pending_idx on order_amendments (tenant_id, created_at) where status = 'pending';

alter table order_amendments enable row level security;
alter table order_amendments force row level security;
create policy order_amendments_tenant on order_amendments
  using (tenant_id = current_setting('pallet.tenant', true))
  with check (tenant_id = current_setting('pallet.tenant', true));
-- An amendment's content never changes; only its acknowledgement is written later.
grant select, insert on order_amendments to pallet_tenant;
grant update (status, acknowledged_at, acknowledged_by_kind, acknowledged_by_id) on order_amendments to pallet_tenant;
