-- 010_sla_alerts: SLA policies, notifiers and alerts (issue 12).
-- Forward-only: never edit this file once applied; add the next number instead.
--
-- Tenant-scoped like 004: row-level security (enabled and forced) with the
-- policy tenant_id = current_setting('pallet.tenant'); the repositories run
-- as pallet_tenant inside withTenant (tenant.scope.ts).

-- One row per tenant: the stage deadlines in seconds (0: no timer for that stage).
create table sla_policies (
  tenant_id text not null primary key,
  paid_to_released_seconds int not null,
  released_to_accepted_seconds int not null,
  accepted_to_shipped_seconds int not null,
  updated_at timestamptz not null,
  constraint sla_policies_seconds_bounded check (
    paid_to_released_seconds between 0 and 2592000
    and released_to_accepted_seconds between 0 and 2592000
    and accepted_to_shipped_seconds between 0 and 2592000)
);

-- Where alerts go. The secret (robot signing secret, webhook HMAC secret,
-- SMTP password) is stored encrypted (AES-256-GCM, iv ‖ tag ‖ ciphertext,
-- key outside the database, bound to tenant and id) and never returned.
-- The list order (position) picks the first notifier (level 1) and the second (level 2).
create table notifiers (
  tenant_id text not null,
  id text not null,
  type text not null,
  -- Robot/webhook URL; null for email.
  url text,
  -- {host, port, secure, user?, from, to[]} for email; null otherwise.
  smtp jsonb,
  secret_enc bytea,
  position int not null,
  created_at timestamptz not null,
  primary key (tenant_id, id),
  constraint notifiers_type_known check (type in ('wecom', 'dingtalk', 'feishu', 'webhook', 'email')),
  constraint notifiers_target check ((type = 'email') = (smtp is not null) and (type = 'email') = (url is null))
);
create unique index notifiers_position_idx on notifiers (tenant_id, position);

-- One alert per (order, stage, level): the unique key means an alert is never raised twice.
create table alerts (
  tenant_id text not null,
  id text not null,
  order_id text not null,
  stage text not null,
  level int not null,
  notifier_id text,
  state text not null default 'pending',
  attempts int not null default 0,
  last_error text,
  -- When the stage was due (the timer's deadline).
  due_at timestamptz not null,
  created_at timestamptz not null,
  sent_at timestamptz,
  primary key (tenant_id, id),
  constraint alerts_once unique (tenant_id, order_id, stage, level),
  constraint alerts_stage_known check (stage in ('paidToReleased', 'releasedToAccepted', 'acceptedToShipped')),
  constraint alerts_level_known check (level in (1, 2)),
  constraint alerts_state_known check (state in ('pending', 'sent', 'failed')),
  constraint alerts_sent_consistent check ((state = 'sent') = (sent_at is not null))
);
-- The list, newest first (keyset cursor on created_at, id).
create index alerts_created_idx on alerts (tenant_id, created_at desc, id desc);

alter table sla_policies enable row level security;
alter table sla_policies force row level security;
create policy sla_policies_tenant on sla_policies
  using (tenant_id = current_setting('pallet.tenant', true))
  with check (tenant_id = current_setting('pallet.tenant', true));

alter table notifiers enable row level security;
alter table notifiers force row level security;
create policy notifiers_tenant on notifiers
  using (tenant_id = current_setting('pallet.tenant', true))
  with check (tenant_id = current_setting('pallet.tenant', true));

alter table alerts enable row level security;
alter table alerts force row level security;
create policy alerts_tenant on alerts
  using (tenant_id = current_setting('pallet.tenant', true))
  with check (tenant_id = current_setting('pallet.tenant', true));

grant select, insert, update on sla_policies, notifiers to pallet_tenant;
grant select, insert on alerts to pallet_tenant;
grant update (notifier_id, state, attempts, last_error, sent_at) on alerts to pallet_tenant;
