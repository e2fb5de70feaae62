-- 013_delivery_seen: the intake's replay check in one statement (issue 9/11,
-- the cost of an order). Every channel document asks whether its delivery id
-- was applied before; as a tenant-scoped transaction (BEGIN, scope and
-- query, COMMIT) that was three round trips and a commit per document. This
-- function takes the same scope itself, inside the one statement's own
-- transaction: set_config(..., true) lasts until that statement ends, so the
-- query below runs as pallet_tenant under row-level security exactly as
-- withTenant's would, and nothing carries over to the connection's next use.
-- SECURITY INVOKER (the default): the role switch is allowed only there.
create function delivery_seen(p_tenant text, p_channel text, p_delivery text) returns boolean
language plpgsql volatile
as $$
begin
  perform set_config('role', 'pallet_tenant', true), set_config('pallet.tenant', p_tenant, true);
  return exists (
    select 1 from channel_deliveries
    where tenant_id = p_tenant and channel = p_channel and delivery_id = p_delivery
  );
end
$$;
