-- 003_payment_secrets: the HMAC secret each tenant's payment provider signs callbacks with.
-- The secret is stored as is (verifying an HMAC needs it); it is shown once, when created or
-- rotated, and never returned by any read. One secret per tenant: rotating replaces it.
-- Forward-only: never edit this file once applied; add the next number instead.

create table payment_secrets (
  tenant_id text primary key references tenants,
  secret text not null,
  created_at timestamptz not null default now()
);
