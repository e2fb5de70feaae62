-- 005_order_ops: what operations teams need around the order pool.
-- Forward-only: never edit this file once applied; add the next number instead.

-- The `ops` scope: review held orders, cancel, change addresses (customer
-- service and the warehouse lead), without the tenant's admin rights.
alter table api_keys drop constraint api_keys_scopes_valid;
alter table api_keys add constraint api_keys_scopes_valid
  check (cardinality(scopes) > 0 and scopes <@ array['checkout', 'admin', 'read', 'ops']::text[]);

-- Per-tenant review hold rules, as data (core/hold.rules.ts validates them).
create table hold_rules (
  tenant_id text primary key,
  rules jsonb not null,
  version int not null default 1,
  updated_at timestamptz not null default now(),
  constraint hold_rules_array check (jsonb_typeof(rules) = 'array')
);

alter table hold_rules enable row level security;
alter table hold_rules force row level security;
create policy hold_rules_tenant on hold_rules
  using (tenant_id = current_setting('pallet.tenant', true))
  with check (tenant_id = current_setting('pallet.tenant', true));
grant select, insert, update on hold_rules to pallet_tenant;
