-- 006_imports: batch imports of orders from CSV/XLSX files (issue 11) and
-- their per-row reports (app/import.service.ts).
-- Forward-only: never edit this file once applied; add the next number instead.
-- Both tables are under row-level security like 004's (enabled and forced,
-- one policy on pallet.tenant), read and written as pallet_tenant through
-- withTenant (tenant.scope.ts).

create table imports (
  tenant_id text not null,
  channel text not null,
  id text not null,
  -- As uploaded (the multipart part's filename), for people to recognise it.
  file_name text not null,
  format text not null,
  file_bytes bigint not null,
  -- Who imported: key:<keyId>.
  actor text not null,
  rows_total int not null default 0,
  rows_imported int not null default 0,
  rows_duplicate int not null default 0,
  rows_rejected int not null default 0,
  orders_imported int not null default 0,
  -- running → finished, or failed (the intake stream stopped acknowledging;
  -- what was appended before stays, and its rows are reported).
  status text not null default 'running',
  created_at timestamptz not null default now(),
  finished_at timestamptz,
  primary key (tenant_id, id),
  constraint imports_format_known check (format in ('csv', 'xlsx')),
  constraint imports_status_known check (status in ('running', 'finished', 'failed')),
  constraint imports_finished_dated check ((status = 'running') = (finished_at is null)),
  constraint imports_counts_add_up check (
    rows_imported >= 0 and rows_duplicate >= 0 and rows_rejected >= 0 and orders_imported >= 0
    and rows_total = rows_imported + rows_duplicate + rows_rejected)
);

-- A channel's imports, newest first, keyset-paged over (created_at, id).
create index imports_channel_created_idx on imports (tenant_id, channel, created_at desc, id desc);

-- One row per data row of the file: imported, duplicate, or rejected with
-- the column and the reason. Written in multi-row batches while the import runs.
create table import_rows (
  tenant_id text not null,
  import_id text not null,
  -- As a spreadsheet numbers it: the header is row 1.
  row_number int not null,
  external_id text,
  outcome text not null,
  column_name text,
  reason text,
  primary key (tenant_id, import_id, row_number),
  foreign key (tenant_id, import_id) references imports (tenant_id, id),
  constraint import_rows_outcome_known check (outcome in ('imported', 'duplicate', 'rejected')),
  constraint import_rows_row_positive check (row_number >= 2),
  constraint import_rows_rejected_reason check (outcome = 'imported' or reason is not null)
);

alter table imports enable row level security;
alter table imports force row level security;
create policy imports_tenant on imports
  using (tenant_id = current_setting('pallet.tenant', true))
  with check (tenant_id = current_setting('pallet.tenant', true));

alter table import_rows enable row level security;
alter table import_rows force row level security;
create policy import_rows_tenant on import_rows
  using (tenant_id = current_setting('pallet.tenant', true))
  with check (tenant_id = current_setting('pallet.tenant', true));

-- import_rows: a report, never changed once written.
grant select, insert, update on imports to pallet_tenant;
grant select, insert on import_rows to pallet_tenant;
