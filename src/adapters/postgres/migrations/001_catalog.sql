-- 001_catalog: tenants, their API keys, warehouses and SKUs.
-- Names are unqualified: migrate() sets search_path to the instance's schema.
-- Forward-only: never edit this file once applied; add 002_… instead.

create table tenants (
  id text primary key,
  name text not null,
  -- Bumped by every catalog write (warehouse or SKU) under a row lock on the
  -- tenant; caches compare it to know whether their snapshot is stale.
  catalog_version bigint not null default 0,
  created_at timestamptz not null default now()
);

create table api_keys (
  id text primary key,
  tenant_id text not null references tenants,
  -- sha256 hex of the key; the key itself is shown once and never stored.
  key_hash text not null unique,
  scopes text[] not null,
  label text,
  created_at timestamptz default now(),
  revoked_at timestamptz,
  constraint api_keys_scopes_valid
    check (cardinality(scopes) > 0 and scopes <@ array['checkout', 'admin', 'read']::text[])
);

create index api_keys_tenant_id_idx on api_keys (tenant_id);

create table warehouses (
  tenant_id text references tenants,
  id text,
  name text not null,
  region text not null,
  priority int not null,
  updated_at timestamptz default now(),
  primary key (tenant_id, id)
);

create table skus (
  tenant_id text references tenants,
  sku text,
  name text not null,
  -- Bundle components: [{"sku": text, "qty": int}, …]; [] for a plain SKU.
  components jsonb not null default '[]',
  updated_at timestamptz default now(),
  primary key (tenant_id, sku),
  constraint skus_components_array check (jsonb_typeof(components) = 'array')
);
