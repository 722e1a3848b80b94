// headroom dashboard: live charts from /events (server-sent events), the "what fits now" table, and the
// what-if form over /api/estimate. No framework, no external files: everything comes from this server.
'use strict';

const GIB = 1024 ** 3, MIB = 1024 ** 2;
const WINDOW_MS = 5 * 60 * 1000, MIN_WINDOW_MS = 60 * 1000;
const $ = (id) => document.getElementById(id);

function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}
function fmtBytes(b) {
  if (b === null || b === undefined) return '–';
  const a = Math.abs(b);
  if (a >= GIB) return (b / GIB).toFixed(a >= 100 * GIB ? 0 : 1) + ' GiB';
  return (b / MIB).toFixed(0) + ' MiB';
}
const fmtPct = (r) => (r === null || r === undefined) ? '–' : (100 * r).toFixed(0) + '%';
function fmtRate(x) {
  if (!x) return '–';
  return x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2);
}
const fmtParams = (n) => n > 0 ? (n / 1e9).toFixed(n >= 1e10 ? 0 : 1) + 'B' : '–';
const clock = (t) => new Date(t).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });
/** The axis maximum rounded up so that each of its four grid steps is a round number of `unit`s. */
const STEPS = [1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10];
function niceMax(max, unit) {
  if (!(max > 0) || unit === 'ratio') return max;
  const raw = max / unit / 4, mag = 10 ** Math.floor(Math.log10(raw)), n = raw / mag;
  return STEPS.find((s) => s >= n - 1e-9) * mag * 4 * unit;
}
const css = (name) => getComputedStyle(document.documentElement).getPropertyValue(name).trim() || '#888';

/** A time-series line chart on a canvas: the last five minutes, redrawn at most once per frame. */
class LineChart {
  constructor(canvas, series, yMax, yFormat, unit) {
    this.canvas = canvas; this.series = series; this.yMax = yMax; this.yFormat = yFormat; this.unit = unit || 1;
    this.points = []; this.pending = false;
    new ResizeObserver(() => this.draw()).observe(canvas);
  }
  push(t, values) {
    this.points.push({ t, v: values });
    const cutoff = t - WINDOW_MS;
    while (this.points.length && this.points[0].t < cutoff) this.points.shift();
    this.canvas.dataset.points = String(this.points.length);
    this.canvas.dataset.lastT = String(t);
    this.schedule();
  }
  schedule() {
    if (this.pending) return;
    this.pending = true;
    requestAnimationFrame(() => { this.pending = false; this.draw(); });
  }
  draw() {
    const c = this.canvas, dpr = window.devicePixelRatio || 1;
    const w = c.clientWidth, h = c.clientHeight;
    if (!w || !h) return;
    if (c.width !== Math.round(w * dpr) || c.height !== Math.round(h * dpr)) {
      c.width = Math.round(w * dpr); c.height = Math.round(h * dpr);
    }
    const g = c.getContext('2d');
    g.setTransform(dpr, 0, 0, dpr, 0, 0);
    g.clearRect(0, 0, w, h);
    const left = 52, right = 6, top = 6, bottom = 18, pw = w - left - right, ph = h - top - bottom;
    const max = niceMax(typeof this.yMax === 'function' ? this.yMax() : this.yMax, this.unit);
    g.font = '11px system-ui, sans-serif'; g.textBaseline = 'middle';
    g.strokeStyle = css('--line'); g.fillStyle = css('--muted'); g.lineWidth = 1;
    for (let i = 0; i <= 4; i++) {
      const y = top + ph - (ph * i) / 4;
      g.beginPath(); g.moveTo(left, y + 0.5); g.lineTo(left + pw, y + 0.5); g.stroke();
      g.textAlign = 'right'; g.fillText(this.yFormat((max * i) / 4), left - 6, y);
    }
    if (!this.points.length || !(max > 0)) return;
    // The window grows from the first point to five minutes, so a fresh page fills from the left.
    const now = this.points[this.points.length - 1].t;
    const t0 = Math.max(this.points[0].t, now - WINDOW_MS), span = Math.max(now - t0, MIN_WINDOW_MS);
    const x = (t) => left + ((t - t0) / span) * pw;
    g.fillStyle = css('--muted');
    g.textAlign = 'left'; g.fillText(clock(t0), left, h - 7);
    g.textAlign = 'right'; g.fillText(now - t0 >= MIN_WINDOW_MS ? 'now' : clock(t0 + span), left + pw, h - 7);
    const y = (v) => top + ph - Math.max(0, Math.min(1, v / max)) * ph;
    this.series.forEach((s, i) => {
      const pts = this.points.filter((p) => p.v[i] !== null && p.v[i] !== undefined);
      if (!pts.length) return;
      g.beginPath();
      pts.forEach((p, k) => (k ? g.lineTo(x(p.t), y(p.v[i])) : g.moveTo(x(p.t), y(p.v[i]))));
      g.strokeStyle = css(s.color); g.lineWidth = 2; g.lineJoin = 'round'; g.stroke();
      g.lineTo(x(pts[pts.length - 1].t), top + ph); g.lineTo(x(pts[0].t), top + ph); g.closePath();
      g.globalAlpha = 0.08; g.fillStyle = css(s.color); g.fill(); g.globalAlpha = 1;
    });
  }
}

const state = { memTotal: 1, samples: 0, fit: new Map(), gpuCharts: new Map() };
const cpuChart = new LineChart($('chart-cpu'), [{ color: '--cpu' }], 1, fmtPct, 'ratio');
const memChart = new LineChart($('chart-mem'), [{ color: '--used' }, { color: '--avail' }], () => state.memTotal,
  (v) => +(v / GIB).toFixed(1) + ' GiB', GIB);

function gpuChart(gpu) {
  let entry = state.gpuCharts.get(gpu.index);
  if (entry) return entry;
  const box = $('gpus');
  if (!state.gpuCharts.size) box.textContent = '';
  const wrap = el('div', 'gpu');
  const title = el('h3', null, 'GPU ' + gpu.index + ' · ' + gpu.name + ' · ' + fmtBytes(gpu.memoryTotalBytes));
  const canvas = el('canvas', 'chart');
  canvas.id = 'chart-gpu-' + gpu.index;
  const legend = el('p', 'legend');
  legend.append(el('span', 'swatch s-gpu-used'), 'memory used');
  if (gpu.utilizationRatio !== null) legend.append(el('span', 'swatch s-gpu-util'), 'utilisation');
  wrap.append(title, canvas, legend);
  box.append(wrap);
  entry = new LineChart(canvas, [{ color: '--gpu-used' }, { color: '--gpu-util' }], 1, fmtPct, 'ratio');
  state.gpuCharts.set(gpu.index, entry);
  return entry;
}

function onSample(s, live) {
  const m = s.memory;
  state.memTotal = m.effectiveTotalBytes;
  const used = m.effectiveTotalBytes - m.effectiveAvailableBytes;
  cpuChart.push(s.t, [s.cpu]);
  memChart.push(s.t, [used, m.effectiveAvailableBytes]);
  s.gpus.forEach((gpu) => gpuChart(gpu).push(s.t, [
    gpu.memoryUsedBytes === null ? null : gpu.memoryUsedBytes / gpu.memoryTotalBytes, gpu.utilizationRatio]));
  if (!live) return;
  state.samples++;
  document.body.dataset.samples = String(state.samples);
  $('cpu-now').textContent = fmtPct(s.cpu);
  $('mem-now').textContent = fmtBytes(m.effectiveAvailableBytes) + ' free of ' + fmtBytes(m.effectiveTotalBytes);
  $('mem-limit').textContent = m.limitBytes === null ? '' : ' · container limit ' + fmtBytes(m.limitBytes);
  if (s.gpus.length) {
    $('gpu-now').textContent = s.gpus.map((g) => fmtBytes(g.memoryFreeBytes) + ' free').join(' · ');
  }
  $('status-text').textContent = 'live · ' + new Date(s.t).toLocaleTimeString();
}

/** How the table is sorted and filtered; kept across the fit updates the event stream sends. */
const view = { key: null, dir: 1, query: '', fitsOnly: false };

/** Sort keys of a row: raw numbers (not the formatted text), so 9.5 GiB sorts below 12 GiB. */
function sortValues(m) {
  return {
    model: m.id, params: m.parameters || 0, precision: m.fits ? m.precision : '',
    needs: m.totalBytes || 0, left: m.headroomBytes || 0, decode: m.fits ? (m.decodeTokensPerSecond || 0) : -1,
    placement: m.placement || '',
  };
}

/** Natural order, case ignored: runs of digits compare as numbers, so bloom-7b1 comes before bloom-176b. */
function naturalCompare(a, b) {
  const x = String(a).toLowerCase().match(/\d+|\D+/g) || [], y = String(b).toLowerCase().match(/\d+|\D+/g) || [];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const p = x[i], q = y[i];
    const c = /^\d/.test(p) && /^\d/.test(q) ? (BigInt(p) < BigInt(q) ? -1 : BigInt(p) > BigInt(q) ? 1 : 0)
      : (p < q ? -1 : p > q ? 1 : 0);
    if (c) return c;
  }
  return x.length - y.length;
}

/** Applies the search, the fits-only switch and the sort to the rows in the table. */
function applyView() {
  const body = $('fit-table').tBodies[0];
  const words = view.query.toLowerCase().split(/\s+/).filter((w) => w);
  const rows = Array.from(body.rows);
  let shown = 0;
  rows.forEach((tr) => {
    const text = tr.dataset.search || '';
    const visible = words.every((w) => text.includes(w)) && (!view.fitsOnly || tr.classList.contains('fits'));
    tr.hidden = !visible;
    if (visible) shown++;
  });
  if (view.key) {
    const th = document.querySelector('#fit-table th[data-key="' + view.key + '"]');
    const numeric = th && th.dataset.type === 'num';
    rows.sort((a, b) => {
      const x = a.sortValues[view.key], y = b.sortValues[view.key];
      const c = numeric ? x - y : naturalCompare(x, y);
      return view.dir * (c || naturalCompare(a.sortValues.model, b.sortValues.model));
    });
    body.append(...rows);
  }
  document.querySelectorAll('#fit-table th[data-key]').forEach((th) => {
    th.setAttribute('aria-sort', th.dataset.key !== view.key ? 'none' : view.dir > 0 ? 'ascending' : 'descending');
  });
  $('fit-table').dataset.shown = String(shown);
  $('fit-count').textContent = shown === rows.length ? '' : shown + ' of ' + rows.length + ' shown';
}

function setupTable() {
  document.querySelectorAll('#fit-table th[data-key] button').forEach((b) => {
    b.addEventListener('click', () => {
      const key = b.parentElement.dataset.key;
      if (view.key === key) {
        view.dir = -view.dir;
      } else {
        view.key = key;
        // numbers read best largest first, names A to Z
        view.dir = b.parentElement.dataset.type === 'num' ? -1 : 1;
      }
      applyView();
    });
  });
  $('fit-search').addEventListener('input', (e) => { view.query = e.target.value; applyView(); });
  $('fit-only').addEventListener('change', (e) => { view.fitsOnly = e.target.checked; applyView(); });
}

function onFit(f) {
  const body = $('fit-table').tBodies[0];
  const rows = [];
  f.models.forEach((m) => {
    const tr = el('tr', m.fits ? 'fits' : 'nofit');
    tr.sortValues = sortValues(m);
    tr.dataset.search = [m.id, m.fits ? m.precision : '', m.placement].join(' ').toLowerCase();
    const before = state.fit.get(m.id);
    if (before && (before.fits !== m.fits || before.precision !== m.precision)) tr.classList.add('changed');
    state.fit.set(m.id, { fits: m.fits, precision: m.precision });
    tr.dataset.model = m.id;
    tr.append(el('td', null, m.id), el('td', 'num', fmtParams(m.parameters)),
      el('td', null, m.fits ? m.precision : '–'), el('td', 'num', fmtBytes(m.totalBytes)));
    const left = el('td', 'num');
    left.append(el('span', 'tag ' + (m.fits ? 'ok' : 'no'), m.fits ? fmtBytes(m.headroomBytes) : 'short ' + fmtBytes(-m.headroomBytes)));
    tr.append(left, el('td', 'num', m.fits ? fmtRate(m.decodeTokensPerSecond) : '–'), el('td', null, m.placement));
    rows.push(tr);
  });
  body.replaceChildren(...rows);
  applyView();
  $('fit-table').dataset.version = String(f.version);
  $('fit-summary').textContent = f.fitting + ' of ' + f.models.length + ' fit · context ' + f.contextTokens
    + ' · sized with ' + fmtBytes(f.hostAvailableBytes) + ' free'
    + (f.gpuFreeBytes.length ? ' + GPU ' + f.gpuFreeBytes.map(fmtBytes).join(', ') : '')
    + ' at ' + new Date(f.computedAt).toLocaleTimeString() + ' · ' + f.calibration;
}

function connect() {
  const status = $('status');
  const es = new EventSource('/events');
  es.addEventListener('open', () => { status.dataset.state = 'live'; });
  es.addEventListener('error', () => { status.dataset.state = 'lost'; $('status-text').textContent = 'reconnecting…'; });
  es.addEventListener('history', (e) => JSON.parse(e.data).samples.forEach((s) => onSample(s, false)));
  es.addEventListener('sample', (e) => onSample(JSON.parse(e.data), true));
  es.addEventListener('fit', (e) => onFit(JSON.parse(e.data)));
}

async function getJson(url) {
  const r = await fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
  const body = await r.json().catch(() => ({ error: 'HTTP ' + r.status }));
  if (!r.ok) throw new Error(body.error || ('HTTP ' + r.status));
  return body;
}

function option(value, text) {
  const o = el('option', null, text || value);
  o.value = value;
  return o;
}

async function loadHeader() {
  const hw = await getJson('/api/hardware');
  const gpus = hw.gpus.length ? ' · ' + hw.gpus.map((g) => g.name).join(', ') : ' · no GPU';
  $('host').textContent = hw.hostName + ' · ' + hw.cpu.model + ' · ' + hw.cpu.logicalCores + ' threads · '
    + fmtBytes(hw.memory.totalBytes) + ' RAM' + gpus;
}

async function loadForm() {
  const cat = await getJson('/api/catalog');
  const model = $('f-model');
  cat.models.filter((m) => m.sizable && m.hostable)
    .forEach((m) => model.append(option(m.id, m.id + ' (' + fmtParams(m.parameters) + ')')));
  cat.precisions.forEach((p) => $('f-quant').append(option(p)));
  cat.runtimes.forEach((r) => $('f-runtime').append(option(r)));
  $('f-quant').value = cat.defaults.quant;
  $('f-context').value = cat.defaults.context;
  $('f-batch').max = cat.defaults.maxBatch;
  if ([...model.options].some((o) => o.value === 'llama-3-8b')) model.value = 'llama-3-8b';
}

const COMPONENT_LABELS = { weights: 'weights', kvCache: 'KV cache', computeBuffer: 'compute buffer', runtimeOverhead: 'runtime overhead' };

function renderEstimate(r) {
  const total = r.memory.totalBytes;
  // The pool the placement uses: host RAM, GPU memory, or both for a GPU+CPU split.
  const gpuFree = r.budget.gpuFreeBytes.reduce((a, b) => a + b, 0), label = r.placement.label;
  const budget = label.startsWith('GPU+CPU') ? gpuFree + r.budget.hostAvailableBytes
    : /GPU$/.test(label) ? gpuFree : r.budget.hostAvailableBytes;
  const scale = Math.max(total, budget);
  const bar = $('r-bar'), legend = $('r-legend');
  bar.replaceChildren(); legend.replaceChildren();
  r.memory.components.forEach((c, i) => {
    const seg = el('span', 'c' + (i % 6));
    seg.style.width = (100 * c.bytes / scale) + '%';
    seg.title = (COMPONENT_LABELS[c.name] || c.name) + ': ' + fmtBytes(c.bytes) + ' (' + c.origin.toLowerCase() + ') ' + c.note;
    bar.append(seg);
    const li = el('li');
    li.append(el('i', 'c' + (i % 6)), (COMPONENT_LABELS[c.name] || c.name) + ' ' + fmtBytes(c.bytes));
    legend.append(li);
  });
  const mark = el('span', 'budget');
  mark.style.left = (100 * budget / scale) + '%';
  mark.title = 'free now: ' + fmtBytes(budget);
  bar.append(mark);
  const li = el('li', null, '┆ free now ' + fmtBytes(budget));
  legend.append(li);
  const fits = r.placement.fits;
  $('r-verdict').textContent = fits ? 'Fits: ' + r.placement.label : 'Does not fit';
  $('r-verdict').className = fits ? 'tag ok' : 'tag no';
  $('r-summary').textContent = r.model.id + ' · ' + r.precision + ' · ' + r.contextTokens + ' tokens × ' + r.batch
    + ' · ' + r.runtime + ' · ' + r.machine + ' · ' + r.calibration + (r.warnings.length ? ' · ' + r.warnings.join('; ') : '');
  $('r-total').textContent = fmtBytes(total);
  $('r-left').textContent = fits ? fmtBytes(r.placement.headroomBytes) : 'short ' + fmtBytes(-r.placement.headroomBytes);
  const known = fits && r.speed.decodeTokensPerSecond !== null;
  $('r-decode').textContent = known ? fmtRate(r.speed.decodeTokensPerSecond) + ' tok/s' : fits ? 'unknown' : '–';
  $('r-prefill').textContent = known ? fmtRate(r.speed.prefillTokensPerSecond) + ' tok/s' : fits ? 'unknown' : '–';
  $('whatif-result').hidden = false;
  $('whatif-result').dataset.model = r.model.id;
}

async function submitWhatIf(ev) {
  ev.preventDefault();
  const params = new URLSearchParams();
  ['model', 'quant', 'context', 'batch', 'runtime'].forEach((k) => params.set(k, $('whatif').elements[k].value));
  const device = $('whatif').elements.device.value.trim();
  if (device) params.set('device', device);
  const button = $('f-submit'), error = $('whatif-error');
  button.disabled = true;
  try {
    renderEstimate(await getJson('/api/estimate?' + params));
    error.hidden = true;
  } catch (e) {
    error.textContent = e.message;
    error.hidden = false;
  } finally {
    button.disabled = false;
  }
}

$('whatif').addEventListener('submit', submitWhatIf);
setupTable();
connect();
loadHeader().catch((e) => { $('host').textContent = e.message; });
loadForm().catch((e) => { $('whatif-error').textContent = e.message; $('whatif-error').hidden = false; });
