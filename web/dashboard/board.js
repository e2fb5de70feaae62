// The live board: gets a short-lived dashboard token with a read key, opens
// the WebSocket, subscribes to the board topics and renders snapshots and
// deltas. Reconnects with backoff and resubscribes on a sequence gap.
// Protocol: docs/dashboard-protocol.md.

const topics = ['orders.today', 'stock.all', 'stock.low', 'exceptions', 'orders.pool'];
const $ = (id) => document.getElementById(id);
const fmt = new Intl.NumberFormat();

const state = {
  key: null, tenant: '', cells: new Map(), warehouses: [], skuNames: new Map(), bundles: new Map(), low: new Map(),
  payments: new Map(), deadLetters: new Map(), seq: new Map(), changed: new Set(), renderQueued: false, filter: '',
  // orders.pool: `${channel}\u0000${status}` → count, orderId → held order, and the current scalars
  poolCounts: new Map(), held: new Map(), pool: null,
};
const statuses = ['pending_payment', 'paid', 'on_hold', 'released', 'picking', 'packed', 'shipped', 'delivered', 'cancelled', 'refunded', 'exception'];

function readKey() {
  const m = /(?:^|[#&])key=([^&]+)/.exec(location.hash);
  if (m) {
    sessionStorage.setItem('pallet.readKey', decodeURIComponent(m[1]));
    history.replaceState(null, '', location.pathname + location.search);
  }
  return sessionStorage.getItem('pallet.readKey');
}

function setConn(text) {
  const el = $('conn');
  el.textContent = text;
  el.className = `conn conn-${text}`;
}

async function token() {
  const res = await fetch('/v1/dashboard/tokens', {
    method: 'POST', headers: { authorization: `Bearer ${state.key}`, 'content-type': 'application/json' }, body: '{}',
  });
  if (res.status === 401 || res.status === 403) throw Object.assign(new Error('this key cannot read the board'), { auth: true });
  if (!res.ok) throw new Error(`token request failed: ${res.status}`);
  return res.json();
}

let attempt = 0;
async function connect() {
  setConn(attempt === 0 ? 'connecting' : 'reconnecting');
  let t;
  try {
    const cfg = await (await fetch('/dashboard/config.json')).json();
    t = await token();
    state.tenant = t.tenant ?? '';
    $('tenant').textContent = state.tenant;
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    const host = cfg.wsUrl ?? `${scheme}://${location.hostname}:${cfg.wsPort}`;
    open(`${host}/v1/dashboard/ws?token=${encodeURIComponent(t.token)}`);
  } catch (err) {
    if (err.auth) { showLogin(err.message); return; }
    retry();
  }
}

function retry() {
  setConn('reconnecting');
  const delay = Math.min(30_000, 500 * 2 ** attempt) * (0.5 + Math.random() / 2);
  attempt += 1;
  setTimeout(connect, delay);
}

function open(url) {
  const ws = new WebSocket(url);
  ws.onopen = () => {
    attempt = 0;
    setConn('live');
    state.seq.clear();
    for (const topic of topics) ws.send(JSON.stringify({ op: 'subscribe', topic }));
  };
  ws.onmessage = (ev) => onFrame(ws, JSON.parse(ev.data));
  ws.onclose = (ev) => {
    // 4003: the key this page's token came from was revoked; another token from it would be refused too.
    if (ev.code === 4003) {
      sessionStorage.removeItem('pallet.readKey');
      showLogin('This key has been revoked: enter another read key.');
      return;
    }
    retry();
  };
  ws.onerror = () => undefined;
}

function onFrame(ws, f) {
  if (f.type === 'error' || f.type === 'pong') return;
  const last = state.seq.get(f.topic);
  if (f.type === 'delta' && last !== undefined && f.seq !== last + 1) {
    state.seq.delete(f.topic);
    ws.send(JSON.stringify({ op: 'subscribe', topic: f.topic }));
    return;
  }
  if (f.type === 'delta' && last === undefined) return; // waiting for the snapshot
  state.seq.set(f.topic, f.seq);
  const snapshot = f.type === 'snapshot';
  if (f.topic === 'orders.today') orders(f.data);
  else if (f.topic === 'stock.all') stock(f.data, snapshot);
  else if (f.topic === 'stock.low') lowStock(f.data, snapshot);
  else if (f.topic === 'exceptions') exceptions(f.data, snapshot);
  else if (f.topic === 'orders.pool') orderPool(f.data, snapshot);
  $('updated').textContent = new Date(f.at).toLocaleTimeString();
  $('updated').dateTime = new Date(f.at).toISOString();
  queueRender();
}

function orders(d) {
  $('c-total').textContent = fmt.format(d.total);
  $('c-completed').textContent = fmt.format(d.completed);
  $('c-pending').textContent = fmt.format(d.pending);
  const split = $('c-pending-split');
  split.textContent = `${fmt.format(d.held)} awaiting payment · ${fmt.format(d.confirmed)} paid`;
  split.dataset.held = String(d.held);
  split.dataset.confirmed = String(d.confirmed);
  $('c-total').dataset.value = String(d.total);
  $('c-completed').dataset.value = String(d.completed);
  $('c-pending').dataset.value = String(d.pending);
  $('c-exceptions').dataset.value = String(d.exceptions);
  $('c-exceptions').textContent = fmt.format(d.exceptions);
}

/** orders.pool: counts replace by (channel, status), 0 drops; held upserts by order id, `unheld` drops. */
function orderPool(d, snapshot) {
  if (snapshot) { state.poolCounts.clear(); state.held.clear(); }
  for (const c of d.counts) {
    const key = `${c.channel}\u0000${c.status}`;
    if (c.count > 0) state.poolCounts.set(key, c); else state.poolCounts.delete(key);
  }
  for (const id of d.unheld ?? []) state.held.delete(id);
  for (const h of d.held) state.held.set(h.orderId, h);
  state.pool = d;
}

function duration(ms) {
  const s = Math.round(ms / 1000);
  if (ms < 1000) return `${ms} ms`;
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`;
  return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
}

/** Minor units in the currency's own exponent (JPY 0, USD 2, ...). */
function money(minor, currency) {
  try {
    const f = new Intl.NumberFormat(undefined, { style: 'currency', currency });
    return f.format(minor / 10 ** f.resolvedOptions().maximumFractionDigits);
  } catch {
    return `${fmt.format(minor)} ${currency} (minor units)`;
  }
}

const cellKey = (c) => `${c.warehouse}\u0000${c.sku}`;

function stock(d, snapshot) {
  if (snapshot) {
    state.cells.clear();
    state.warehouses = d.warehouses;
    state.skuNames = new Map(d.skus.map((s) => [s.id, s.name]));
    // bundle sku → the stocked SKUs one unit takes ([] when the server could not expand it)
    state.bundles = new Map((d.bundles ?? []).map((b) => [b.sku, b.components]));
  }
  for (const c of d.cells) {
    const prev = state.cells.get(cellKey(c));
    if (prev && prev.version >= c.version) continue;
    state.cells.set(cellKey(c), c);
    if (!snapshot) state.changed.add(c.sku);
  }
  for (const s of d.skus ?? []) state.skuNames.set(s.id, s.name);
}

function lowStock(d, snapshot) {
  if (snapshot) state.low.clear();
  for (const r of d.removed ?? []) state.low.delete(cellKey(r));
  for (const c of d.items) state.low.set(cellKey(c), c);
}

function exceptions(d, snapshot) {
  if (snapshot) { state.payments.clear(); state.deadLetters.clear(); }
  for (const p of d.payments) state.payments.set(p.paymentId, p);
  // Dead-lettered events: never silent — listed first, in red, until they leave the dead-letter stream.
  for (const x of d.deadLetters ?? []) state.deadLetters.set(x.seq, x);
  const dead = $('dead-count');
  dead.textContent = `${fmt.format(d.deadLettersToday ?? 0)} dead-lettered today`;
  dead.dataset.value = String(d.deadLettersToday ?? 0);
  dead.hidden = (d.deadLettersToday ?? 0) === 0 && state.deadLetters.size === 0;
  const drift = d.drift;
  $('drift').textContent = drift == null ? 'No reconcile run reported yet.'
    : drift.cells === 0 ? `Reconcile ${new Date(drift.checkedAt).toLocaleTimeString()}: Redis matches the ledger.`
      : `Reconcile ${new Date(drift.checkedAt).toLocaleTimeString()}: ${drift.cells} cell(s) drift from the ledger.`;
}

function queueRender() {
  if (state.renderQueued) return;
  state.renderQueued = true;
  requestAnimationFrame(() => { state.renderQueued = false; render(); });
}

const level = (c) => (c.available <= 0 ? 'out' : c.safetyStock > 0 && c.available < c.safetyStock ? 'low' : 'healthy');

function render() {
  renderStock();
  renderLow();
  renderExceptions();
  renderPool();
}

function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') e.className = v; else if (k.startsWith('data-')) e.setAttribute(k, v); else e[k] = v;
  }
  for (const c of children) e.append(c);
  return e;
}

function renderStock() {
  const whs = state.warehouses;
  const head = $('stock-head');
  head.replaceChildren(el('th', {}, 'SKU'), ...whs.map((w) => el('th', { title: w.id }, w.name || w.id)), el('th', { class: 'num' }, 'Total available'));
  const bySku = new Map();
  for (const c of state.cells.values()) {
    if (!bySku.has(c.sku)) bySku.set(c.sku, new Map());
    bySku.get(c.sku).set(c.warehouse, c);
  }
  for (const sku of state.skuNames.keys()) if (!bySku.has(sku)) bySku.set(sku, new Map());
  const filter = state.filter.toLowerCase();
  const rows = [];
  for (const sku of [...bySku.keys()].sort()) {
    const name = state.skuNames.get(sku) ?? '';
    if (filter && !sku.toLowerCase().includes(filter) && !name.toLowerCase().includes(filter)) continue;
    if (state.bundles.has(sku)) {
      rows.push(bundleRow(sku, name, state.bundles.get(sku), bySku, whs));
      continue;
    }
    const cells = bySku.get(sku);
    let total = 0;
    const tds = whs.map((w) => {
      const c = cells.get(w.id);
      // No cell anywhere: a SKU never stocked — shown neutral.
      if (!c && cells.size === 0) return el('td', { class: 'cell none', 'data-cell': `${w.id}/${sku}` }, el('span', { class: 'avail' }, '—'));
      if (!c) return el('td', { class: 'cell out', 'data-cell': `${w.id}/${sku}` }, el('span', { class: 'avail' }, '0'));
      total += c.available;
      return el('td', { class: `cell ${level(c)}`, 'data-cell': `${w.id}/${sku}`, 'data-available': String(c.available), 'data-reserved': String(c.reserved), 'data-committed': String(c.committed) },
        el('span', { class: 'avail' }, fmt.format(c.available)),
        el('span', { class: 'tiers' }, `res ${fmt.format(c.reserved)} · com ${fmt.format(c.committed)} · in ${fmt.format(c.inTransit)}`),
        el('span', { class: 'safety' }, c.safetyStock > 0 ? `safety ${fmt.format(c.safetyStock)}` : ''));
    });
    const tr = el('tr', { 'data-sku': sku, class: state.changed.has(sku) ? 'flash' : '' },
      el('td', {}, sku, el('span', { class: 'name' }, name)), ...tds,
      el('td', { class: 'num', 'data-total': String(total) }, fmt.format(total)));
    rows.push(tr);
  }
  state.changed.clear();
  $('stock-body').replaceChildren(...rows);
}

/**
 * A bundle holds no stock: in each warehouse it is available as often as its
 * scarcest component allows (as GET /v1/stock answers); the total is the sum.
 */
function bundleRow(sku, name, components, bySku, whs) {
  const label = el('td', {}, sku, el('span', { class: 'tag bundle' }, 'bundle'), el('span', { class: 'name' }, name));
  if (components.length === 0) {
    label.append(el('span', { class: 'name' }, 'bundle — stock held by components'));
    const tds = whs.map((w) => el('td', { class: 'cell none', 'data-cell': `${w.id}/${sku}` }, el('span', { class: 'avail' }, '—')));
    return el('tr', { 'data-sku': sku, 'data-bundle': 'true' }, label, ...tds, el('td', { class: 'num' }, '—'));
  }
  let total = 0;
  const tds = whs.map((w) => {
    let kits = Infinity;
    let scarcest = components[0].sku;
    for (const part of components) {
      const c = bySku.get(part.sku)?.get(w.id);
      const n = Math.floor(Math.max(0, c ? c.available : 0) / part.qty);
      if (n < kits) { kits = n; scarcest = part.sku; }
    }
    total += kits;
    return el('td', { class: `cell bundle ${kits <= 0 ? 'out' : 'healthy'}`, 'data-cell': `${w.id}/${sku}`, 'data-available': String(kits) },
      el('span', { class: 'avail' }, fmt.format(kits)),
      el('span', { class: 'tiers' }, `limited by ${scarcest}`));
  });
  const changed = components.some((part) => state.changed.has(part.sku));
  return el('tr', { 'data-sku': sku, 'data-bundle': 'true', class: changed ? 'flash' : '', title: `one unit takes ${components.map((p) => `${p.qty} × ${p.sku}`).join(' + ')}` },
    label, ...tds, el('td', { class: 'num', 'data-total': String(total) }, fmt.format(total)));
}

function renderLow() {
  const items = [...state.low.values()].sort((a, b) => (a.available - a.safetyStock) - (b.available - b.safetyStock));
  $('low-count').textContent = String(items.length);
  $('low').replaceChildren(...items.slice(0, 200).map((c) => el('li', { 'data-low': `${c.warehouse}/${c.sku}` },
    el('span', { class: `tag ${c.available <= 0 ? 'out' : 'low'}` }, c.available <= 0 ? 'out' : 'low'),
    `${c.sku} @ ${c.warehouse}: ${fmt.format(c.available)} available, safety ${fmt.format(c.safetyStock)}`)));
}

function renderExceptions() {
  const dead = [...state.deadLetters.values()].sort((a, b) => b.at - a.at).slice(0, 100).map((x) => el('li', { 'data-dead-letter': String(x.seq) },
    el('span', { class: 'tag dead' }, 'dead-lettered'),
    `${x.eventType || 'event'} ${x.eventId || '(undecodable)'} given up by ${x.consumer}${x.reason ? `: ${x.reason}` : ''}`));
  const items = [...state.payments.values()].sort((a, b) => b.at - a.at).slice(0, 100);
  $('exceptions').replaceChildren(...dead, ...items.map((p) => el('li', {},
    el('span', { class: `tag ${p.resolution === 're_reserved' ? 'rereserved' : 'refund'}` }, p.resolution === 're_reserved' ? 're-reserved' : 'refund needed'),
    `payment ${p.paymentId} for ${p.reservationId} (${p.reason})`)));
}

function renderPool() {
  const p = state.pool;
  if (p === null) return;
  const total = $('pool-total');
  total.textContent = fmt.format(p.total);
  total.dataset.value = String(p.total);
  const median = $('pool-median');
  median.textContent = p.paidToReleasedSamples > 0 ? `${duration(p.paidToReleasedMs)} over ${fmt.format(p.paidToReleasedSamples)} order(s)` : '—';
  median.dataset.value = String(p.paidToReleasedMs);
  median.dataset.samples = String(p.paidToReleasedSamples);
  const byChannel = new Map();
  for (const c of state.poolCounts.values()) {
    if (!byChannel.has(c.channel)) byChannel.set(c.channel, new Map());
    byChannel.get(c.channel).set(c.status, c.count);
  }
  const shown = statuses.filter((s) => [...byChannel.values()].some((m) => m.has(s)));
  $('pool-head').replaceChildren(el('th', {}, 'Channel'), ...shown.map((s) => el('th', { class: 'num' }, s.replace(/_/g, ' '))), el('th', { class: 'num' }, 'Total'));
  $('pool-body').replaceChildren(...[...byChannel.keys()].sort().map((ch) => {
    const m = byChannel.get(ch);
    let sum = 0;
    const tds = shown.map((s) => {
      const n = m.get(s) ?? 0;
      sum += n;
      return el('td', { class: `num ${s}${n === 0 ? ' zero' : ''}`, 'data-channel': ch, 'data-status': s, 'data-count': String(n) }, fmt.format(n));
    });
    return el('tr', { 'data-channel': ch }, el('td', {}, ch === '*' ? 'other channels' : ch), ...tds, el('td', { class: 'num', 'data-total': String(sum) }, fmt.format(sum)));
  }));
  const count = $('held-count');
  count.textContent = fmt.format(p.heldCount);
  count.dataset.value = String(p.heldCount);
  const items = [...state.held.values()].sort((a, b) => b.since - a.since).slice(0, 200);
  $('held').replaceChildren(...items.map((h) => el('li', { 'data-held': h.orderId },
    el('span', { class: 'tag hold' }, 'on hold'),
    `${h.channel} #${h.externalId} · ${money(h.totalMinor, h.currency)} · since ${new Date(h.since).toLocaleTimeString()}`,
    el('span', { class: 'reasons' }, h.holds.map((r) => `${r.rule}${r.detail ? `: ${r.detail}` : ''}`).join(' · ') || 'no reason recorded'))));
}

function showLogin(message) {
  setConn('offline');
  $('board').hidden = true;
  $('login').hidden = false;
  $('login-error').textContent = message ?? '';
}

$('login').addEventListener('submit', (ev) => {
  ev.preventDefault();
  state.key = $('key').value.trim();
  sessionStorage.setItem('pallet.readKey', state.key);
  $('login').hidden = true;
  $('board').hidden = false;
  connect();
});
$('filter').addEventListener('input', (ev) => { state.filter = ev.target.value; queueRender(); });

state.key = readKey();
if (state.key) { $('board').hidden = false; connect(); } else showLogin();
