-- 009_wms_callbacks: what warehouses report back (issue 12).
-- Forward-only: never edit this file once applied; add the next number instead.
--
-- Every WMS callback that changed something is recorded once per
-- (tenant, warehouse, callback id), in the same transaction as the order
-- update and audit entry it caused (adapters/postgres/fulfilment.store.ts):
-- a callback sent again finds its row and changes nothing. Parcels that left
-- the warehouse are shipments, written by the `shipped` callback.

create table wms_callbacks (
  tenant_id text not null,
  warehouse text not null,
  callback_id text not null,
  task_id text not null,
  order_id text not null,
  status text not null,
  -- The parcels reported (packed: weights; shipped: carrier and tracking number), as sent.
  parcels jsonb not null default '[]',
  reason text,
  -- The order's version once the callback was applied.
  order_version int not null,
  received_at timestamptz not null,
  primary key (tenant_id, warehouse, callback_id),
  foreign key (tenant_id, order_id) references orders (tenant_id, id),
  constraint wms_callbacks_status_known check (status in ('accepted', 'picking', 'packed', 'shipped', 'cannot_fulfil', 'exception')),
  constraint wms_callbacks_parcels_array check (jsonb_typeof(parcels) = 'array')
);

-- An order's callbacks, in arrival order.
create index wms_callbacks_order_idx on wms_callbacks (tenant_id, order_id, received_at);

create table shipments (
  tenant_id text not null,
  order_id text not null,
  warehouse text not null,
  carrier text not null,
  tracking_number text not null,
  weight_grams int,
  shipped_at timestamptz not null,
  callback_id text not null,
  primary key (tenant_id, order_id, carrier, tracking_number),
  foreign key (tenant_id, order_id) references orders (tenant_id, id),
  constraint shipments_weight_positive check (weight_grams is null or weight_grams > 0)
);

-- A tracking number leads back to its order (carrier scans, channel sync).
create index shipments_tracking_idx on shipments (tenant_id, tracking_number);

alter table wms_callbacks enable row level security;
alter table wms_callbacks force row level security;
create policy wms_callbacks_tenant on wms_callbacks
  using (tenant_id = current_setting('pallet.tenant', true))
  with check (tenant_id = current_setting('pallet.tenant', true));

alter table shipments enable row level security;
alter table shipments force row level security;
create policy shipments_tenant on shipments
  using (tenant_id = current_setting('pallet.tenant', true))
  with check (tenant_id = current_setting('pallet.tenant', true));

-- What a warehouse reported never changes.
grant select, insert on wms_callbacks, shipments to pallet_tenant;
