-- 008_fulfilment: the warehouse side of a released order (issue 12): each
-- warehouse's WMS connection and the pick tasks sent to it.
-- Forward-only: never edit this file once applied; add the next number instead.
--
-- Both tables are tenant-scoped under row-level security like 004 (enabled,
-- forced, one policy on pallet.tenant, grants to pallet_tenant); the
-- repositories reach them only through withTenant (tenant.scope.ts).

-- How a warehouse's WMS gets its pick tasks: pushed to `url` (push), or
-- fetched by the WMS itself (pull). The signing secret is stored as
-- AES-256-GCM (0x01 ‖ iv ‖ tag ‖ ciphertext, the channel secrets' key, bound
-- to tenant and warehouse); no read returns it.
create table warehouse_wms (
  tenant_id text not null,
  warehouse text not null,
  mode text not null,
  url text,
  secret bytea not null,
  timeout_ms int not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (tenant_id, warehouse),
  foreign key (tenant_id, warehouse) references warehouses (tenant_id, id),
  constraint warehouse_wms_mode_known check (mode in ('push', 'pull')),
  constraint warehouse_wms_push_has_url check (mode = 'pull' or url is not null),
  constraint warehouse_wms_timeout_bounded check (timeout_ms between 100 and 120000)
);

-- One pick task per (order, warehouse): the lines of the order's reservation
-- allocated to that warehouse. The unique index is what makes it exactly one
-- whatever crashes: the fulfilment role inserts with `on conflict do nothing`.
-- seq orders a warehouse's tasks for the pull cursor.
create table pick_tasks (
  tenant_id text not null,
  id text not null,
  seq bigint generated always as identity,
  order_id text not null,
  warehouse text not null,
  status text not null default 'pending',
  -- [{sku, qty}, …]
  lines jsonb not null,
  shipping_address jsonb not null,
  -- The order's pending amendments when the task was made: [{id, kind, before, after, createdAt}, …]
  amendments jsonb not null default '[]',
  -- Push attempts made, and what the last failed one answered.
  attempts int not null default 0,
  last_error text,
  -- The last push attempt failed and the consumer gave up (the message is in the DLQ stream); redeliver clears it.
  dead boolean not null default false,
  created_at timestamptz not null default now(),
  delivered_at timestamptz,
  updated_at timestamptz not null default now(),
  primary key (tenant_id, id),
  foreign key (tenant_id, order_id) references orders (tenant_id, id),
  constraint pick_tasks_status_known check (status in ('pending', 'delivered', 'accepted', 'picking', 'packed', 'shipped',
    'cannot_fulfil', 'exception', 'cancelled')),
  constraint pick_tasks_lines_array check (jsonb_typeof(lines) = 'array'),
  constraint pick_tasks_amendments_array check (jsonb_typeof(amendments) = 'array'),
  constraint pick_tasks_address_object check (jsonb_typeof(shipping_address) = 'object'),
  constraint pick_tasks_attempts_natural check (attempts >= 0)
);

create unique index pick_tasks_order_warehouse_idx on pick_tasks (tenant_id, order_id, warehouse);
-- The pull listing: a warehouse's pending tasks in the order they were made.
create index pick_tasks_pending_idx on pick_tasks (tenant_id, warehouse, seq) where status = 'pending';

alter table warehouse_wms enable row level security;
alter table warehouse_wms force row level security;
create policy warehouse_wms_tenant on warehouse_wms
  using (tenant_id = current_setting('pallet.tenant', true))
  with check (tenant_id = current_setting('pallet.tenant', true));

alter table pick_tasks enable row level security;
alter table pick_tasks force row level security;
create policy pick_tasks_tenant on pick_tasks
  using (tenant_id = current_setting('pallet.tenant', true))
  with check (tenant_id = current_setting('pallet.tenant', true));

grant select, insert, update on warehouse_wms, pick_tasks to pallet_tenant;
