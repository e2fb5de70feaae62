-- 012_qimen: QiMen (奇门) warehouses (issue 14).
-- Forward-only: never edit this file once applied; add the next number instead.
--
-- A WMS connection may speak QiMen: mode 'qimen', url being the WMS's router,
-- the secret (sealed as in 008) being the QiMen app secret, plus the WMS's
-- app key, Pallet's owner (customer) id there and the warehouse's code.
alter table warehouse_wms add column app_key text;
alter table warehouse_wms add column customer_id text;
alter table warehouse_wms add column warehouse_code text;
alter table warehouse_wms drop constraint warehouse_wms_mode_known;
alter table warehouse_wms add constraint warehouse_wms_mode_known check (mode in ('push', 'pull', 'qimen'));
alter table warehouse_wms add constraint warehouse_wms_qimen_complete check (
  (mode = 'qimen') = (app_key is not null and customer_id is not null and warehouse_code is not null));
alter table warehouse_wms add constraint warehouse_wms_qimen_has_url check (mode <> 'qimen' or url is not null);

-- What a QiMen WMS reported on its own (stockchange.report, entryorder.confirm),
-- once per (warehouse, method, business id): a report sent again finds its row
-- and changes nothing. Recorded after its stock adjustments were written
-- (each with an idempotency key derived from the same id, so a retry after a
-- crash in between does not count them twice). status: applied (every
-- movement written), held (movements above the tolerance were not applied
-- and wait for a person: `held` lists them).
create table qimen_reports (
  tenant_id text not null,
  warehouse text not null,
  method text not null,
  biz_id text not null,
  status text not null,
  applied jsonb not null default '[]',
  held jsonb not null default '[]',
  received_at timestamptz not null default now(),
  primary key (tenant_id, warehouse, method, biz_id),
  foreign key (tenant_id, warehouse) references warehouses (tenant_id, id),
  constraint qimen_reports_status_known check (status in ('applied', 'held')),
  constraint qimen_reports_applied_array check (jsonb_typeof(applied) = 'array'),
  constraint qimen_reports_held_array check (jsonb_typeof(held) = 'array')
);

create index qimen_reports_held_idx on qimen_reports (tenant_id, received_at) where status = 'held';

alter table qimen_reports enable row level security;
alter table qimen_reports force row level security;
create policy qimen_reports_tenant on qimen_reports
  using (tenant_id = current_setting('pallet.tenant', true))
  with check (tenant_id = current_setting('pallet.tenant', true));

grant select, insert on qimen_reports to pallet_tenant;
