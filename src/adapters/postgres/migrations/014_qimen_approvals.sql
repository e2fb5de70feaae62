-- 014_qimen_approvals: the approval queue of held QiMen stock changes (issue 14).
-- Forward-only: never edit this file once applied; add the next number instead.
--
-- A stockchange.report movement above PALLET_QIMEN_STOCK_TOLERANCE_UNITS is
-- not applied (012): it becomes one row here, written in the transaction that
-- records its report, and waits for a person. state moves once, from held to
-- approved (its adjustment written through the stock engine before the
-- decision commits) or to rejected (no stock change); decided_at, decided_by
-- (the API key) and note say when, who and why. The conditional update
-- `... where state = 'held'` is what makes a decision happen once: a second
-- decision racing the first waits for its row lock and then finds it decided.
create table qimen_held_changes (
  tenant_id text not null,
  id text not null,
  warehouse text not null,
  method text not null,
  biz_id text not null,
  -- The movement's place in its report (0-based), so a report holds each once.
  item_index integer not null,
  sku text not null,
  delta integer not null,
  reason text not null,
  -- The WMS's own id of the movement (outBizCode, else orderCode), when it gave one.
  wms_report_id text,
  received_at timestamptz not null default now(),
  state text not null default 'held',
  decided_at timestamptz,
  decided_by text,
  note text,
  primary key (tenant_id, id),
  unique (tenant_id, warehouse, method, biz_id, item_index),
  foreign key (tenant_id, warehouse, method, biz_id) references qimen_reports (tenant_id, warehouse, method, biz_id),
  constraint qimen_held_changes_state_known check (state in ('held', 'approved', 'rejected')),
  constraint qimen_held_changes_delta_nonzero check (delta <> 0),
  constraint qimen_held_changes_decided check ((state = 'held') = (decided_at is null and decided_by is null))
);

-- The list: a warehouse's changes newest first, optionally of one state.
create index qimen_held_changes_list_idx on qimen_held_changes (tenant_id, warehouse, received_at desc, id desc);

alter table qimen_held_changes enable row level security;
alter table qimen_held_changes force row level security;
create policy qimen_held_changes_tenant on qimen_held_changes
  using (tenant_id = current_setting('pallet.tenant', true))
  with check (tenant_id = current_setting('pallet.tenant', true));

grant select, insert, update on qimen_held_changes to pallet_tenant;

-- Reports held before this migration: one row per entry of their `held` list
-- (which kept no WMS id nor the movement's place, so the entry's place in the
-- list stands for it). The owner's forced policy would hide every row from
-- this statement (no pallet.tenant is set here), so it is lifted around it.
alter table qimen_reports no force row level security;
alter table qimen_held_changes no force row level security;
insert into qimen_held_changes (tenant_id, id, warehouse, method, biz_id, item_index, sku, delta, reason, received_at)
select r.tenant_id,
  'qh_' || substr(md5(r.tenant_id || '/' || r.warehouse || '/' || r.method || '/' || r.biz_id || '/' || h.ord::text), 1, 24),
  r.warehouse, r.method, r.biz_id, (h.ord - 1)::integer, h.item ->> 'sku', (h.item ->> 'delta')::integer,
  coalesce(h.item ->> 'reason', r.method), r.received_at
from qimen_reports r cross join lateral jsonb_array_elements(r.held) with ordinality as h(item, ord)
where r.status = 'held' and (h.item ->> 'delta')::integer <> 0;
alter table qimen_reports force row level security;
alter table qimen_held_changes force row level security;
