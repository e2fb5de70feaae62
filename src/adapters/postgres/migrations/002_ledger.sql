-- 002_ledger: the system of record fed from JetStream by the projector.
-- Names are unqualified: migrate() sets search_path to the instance's schema.
-- Forward-only: never edit this file once applied; add 003_… instead.
--
-- Every row carries the event id it came from; every table has a unique key
-- on it, so projecting the same event twice (JetStream redelivery, a replayed
-- batch) changes nothing. Those keys are the idempotency record: there is no
-- separate table of projected events (it would cost one more index insert per
-- event on the hot path). tenant_id has no foreign key: the ledger records
-- what Redis did, and must accept it even for a tenant the catalog lost.
-- Times from events are stored as timestamptz with millisecond precision.

-- Append-only tables refuse UPDATE, DELETE and TRUNCATE (statement triggers,
-- so even a statement that matches no row is refused). DROP SCHEMA still works.
create function reject_change() returns trigger language plpgsql as $$
begin
  raise exception '% is append-only: % refused', tg_table_name, tg_op
    using errcode = 'P0001', hint = 'ledger rows are never changed; record a new event instead';
end;
$$;

-- One row per stock movement: the change one event made to one cell.
create table stock_ledger (
  tenant_id text not null,
  warehouse text not null,
  sku text not null,
  event_id text not null,
  -- stock.set, stock.adjusted, stock.reserved, stock.confirmed, stock.released, stock.expired, stock.fulfilled
  event_type text not null,
  reservation_id text,
  -- Why on-hand was set or adjusted (stock.set / stock.adjusted only).
  reason text,
  d_on_hand bigint not null,
  d_reserved bigint not null,
  d_committed bigint not null,
  on_hand_after bigint not null,
  reserved_after bigint not null,
  committed_after bigint not null,
  -- The side tiers after a stock.set / stock.adjusted (null for other events):
  -- what a rebuild of Redis restores.
  in_transit bigint,
  safety_stock bigint,
  -- The cell's version after the change: 1, 2, 3, … per (tenant, warehouse, sku).
  cell_version bigint not null,
  occurred_at timestamptz not null,
  recorded_at timestamptz not null default now(),
  primary key (tenant_id, event_id, warehouse, sku)
);

-- The paginated read of one cell, and the per-cell sums of reconcile/rebuild.
create index stock_ledger_cell_idx on stock_ledger (tenant_id, warehouse, sku, cell_version);

-- Current state of each reservation. Only ever moved forward: an event with a
-- lower or equal sequence never overwrites a higher one (events may arrive out
-- of order). Fields only the stock.reserved event carries (created_at,
-- expires_at) stay null until it arrives.
create table reservations (
  tenant_id text not null,
  id text not null,
  -- held, confirmed, released, expired, fulfilled
  status text not null,
  -- Envelope.sequence of the event that set status (reserved 1, confirmed/expired/released-from-held 2, …).
  last_sequence int not null,
  last_event_id text not null,
  -- [[warehouse, sku, qty], …] in allocation order (as Redis stores it).
  allocations jsonb not null,
  expires_at timestamptz,
  created_at timestamptz,
  confirmed_at timestamptz,
  updated_at timestamptz not null default now(),
  primary key (tenant_id, id),
  constraint reservations_allocations_array check (jsonb_typeof(allocations) = 'array')
-- Room on each page for the 2-3 updates of a reservation's life to be HOT
-- (no index covers a column they change, so no index is touched).
) with (fillfactor = 80);

-- Every event of every reservation, in the order they happened (by sequence).
create table reservation_history (
  tenant_id text not null,
  reservation_id text not null,
  event_id text not null,
  event_type text not null,
  -- The status the event moved the reservation to.
  status text not null,
  -- released only: the status it was released from.
  from_status text,
  sequence int not null,
  occurred_at timestamptz not null,
  recorded_at timestamptz not null default now(),
  primary key (tenant_id, event_id)
);

create index reservation_history_reservation_idx on reservation_history (tenant_id, reservation_id, sequence);

-- Payments reported by providers (payment.received).
create table payments (
  tenant_id text not null,
  payment_id text not null,
  reservation_id text not null,
  amount_minor bigint not null,
  currency text not null,
  -- Provider status: succeeded, failed, …
  status text not null,
  delivery_id text not null,
  event_id text not null,
  received_at timestamptz not null,
  recorded_at timestamptz not null default now(),
  primary key (tenant_id, event_id)
);

create index payments_payment_idx on payments (tenant_id, payment_id);
create index payments_reservation_idx on payments (tenant_id, reservation_id);

-- Payments whose reservation had expired or was released (payment.orphaned).
create table payment_exceptions (
  tenant_id text not null,
  payment_id text not null,
  reservation_id text not null,
  -- expired, released, not_found, …
  reason text not null,
  -- re_reserved or refund_needed
  resolution text not null,
  new_reservation_id text,
  event_id text not null,
  occurred_at timestamptz not null,
  recorded_at timestamptz not null default now(),
  primary key (tenant_id, event_id)
);

create index payment_exceptions_payment_idx on payment_exceptions (tenant_id, payment_id);

create trigger stock_ledger_append_only before update or delete or truncate on stock_ledger
  for each statement execute function reject_change();
create trigger reservation_history_append_only before update or delete or truncate on reservation_history
  for each statement execute function reject_change();
create trigger payments_append_only before update or delete or truncate on payments
  for each statement execute function reject_change();
create trigger payment_exceptions_append_only before update or delete or truncate on payment_exceptions
  for each statement execute function reject_change();
