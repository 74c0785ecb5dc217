// The alignsim viewer: plain script, no build step. Reads the JSON endpoints of `alignsim view`.
const $ = (id) => document.getElementById(id);
const state = { runs: [], run: null, t: 1, timer: null, chartPending: null };
/** How often the page asks for new runs and steps (a run may be writing the file). */
const POLL_MS = 1000;

async function getJson(path) {
  const response = await fetch(path);
  const body = await response.json();
  if (!response.ok) throw new Error(body.error || response.statusText);
  return body;
}

function cell(text, className) {
  const td = document.createElement('td');
  td.textContent = text;
  if (className) td.className = className;
  return td;
}

function formatValue(value) {
  if (value === null || value === undefined) return '-';
  if (typeof value === 'number' && !Number.isInteger(value)) return Number(value.toPrecision(4)).toString();
  return String(value);
}

/** A JSON object column (detail, payload) as `key value · key value`, numbers rounded for reading. */
function formatJson(text) {
  try {
    const value = JSON.parse(text);
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return formatValue(value);
    return Object.entries(value)
      .map(([k, v]) => `${k} ${Array.isArray(v) ? `[${v.map(formatValue).join(', ')}]` : typeof v === 'object' && v !== null ? JSON.stringify(v) : formatValue(v)}`)
      .join(' · ');
  } catch {
    return text;
  }
}

function fillTable(table, columns, rows, rowClass) {
  table.replaceChildren();
  if (rows.length === 0) {
    const tr = table.insertRow();
    tr.append(cell('none', 'empty'));
    return;
  }
  const head = table.createTHead().insertRow();
  for (const [, title] of columns) {
    const th = document.createElement('th');
    th.textContent = title;
    head.append(th);
  }
  const body = table.createTBody();
  for (const row of rows) {
    const tr = body.insertRow();
    if (rowClass) tr.className = rowClass(row);
    for (const [key, , className] of columns) {
      const text = className === 'detail' ? formatJson(row[key]) : formatValue(row[key]);
      tr.append(cell(text, typeof row[key] === 'number' ? 'num' : className));
    }
  }
}

/** Principal × agent grid when subjects read `principal/agent`, a list otherwise. */
function showRelationships(relationships) {
  const container = $('relationships');
  const entries = Object.entries(relationships);
  const counts = {};
  for (const [, s] of entries) counts[s] = (counts[s] || 0) + 1;
  $('relationship-count').textContent = entries.length === 0 ? '' : Object.entries(counts).map(([s, n]) => `${n} ${s}`).join(', ');
  container.replaceChildren();
  if (entries.length === 0) {
    container.append(Object.assign(document.createElement('p'), { className: 'empty', textContent: 'no lifecycle events yet: every relationship in its initial state' }));
    return;
  }
  const rows = new Map();
  const columns = new Set();
  for (const [subject, s] of entries) {
    const slash = subject.indexOf('/');
    const [row, column] = slash < 0 ? [subject, ''] : [subject.slice(0, slash), subject.slice(slash + 1)];
    if (!rows.has(row)) rows.set(row, {});
    rows.get(row)[column] = s;
    columns.add(column);
  }
  const natural = (a, b) => a.localeCompare(b, 'en', { numeric: true });
  const columnList = [...columns].sort(natural);
  const table = document.createElement('table');
  const head = table.createTHead().insertRow();
  for (const title of ['', ...columnList]) head.append(Object.assign(document.createElement('th'), { textContent: title }));
  const body = table.createTBody();
  const rowNames = [...rows.keys()].sort(natural);
  for (const name of rowNames.slice(0, 100)) {
    const tr = body.insertRow();
    tr.append(cell(name));
    for (const column of columnList) {
      const s = rows.get(name)[column];
      tr.append(cell(s || 'autonomous', `state-${s || 'autonomous'}`));
    }
  }
  container.append(table);
  if (rowNames.length > 100) container.append(Object.assign(document.createElement('p'), { className: 'empty', textContent: `first 100 of ${rowNames.length}` }));
}

function updateChart() {
  clearTimeout(state.chartPending);
  state.chartPending = setTimeout(() => {
    const metric = $('metric').value;
    if (!metric) return;
    const query = new URLSearchParams({ run: state.run.run_id, name: metric, t: String(state.t) });
    if ($('other').value) query.set('other', $('other').value);
    $('chart').src = `/api/chart.svg?${query}`;
  }, 60);
}

async function showStep(t) {
  state.t = t;
  $('step').value = String(t);
  $('step-label').textContent = String(t);
  updateChart();
  const step = await getJson(`/api/step?run=${encodeURIComponent(state.run.run_id)}&t=${t}`);
  if (step.t !== state.t) return;
  $('event-count').textContent = `(${step.events.length})`;
  fillTable($('events'), [['type', 'type'], ['subject', 'subject'], ['payload_json', 'payload', 'detail']], step.events);
  const shown = step.decisions.length < step.decisionCount ? `first ${step.decisions.length} of ${step.decisionCount}` : String(step.decisionCount);
  $('decision-count').textContent = `(${shown})`;
  fillTable(
    $('decisions'),
    [['principal', 'principal'], ['agent', 'decided by'], ['policy', 'policy'], ['reward', 'reward'], ['best_reward', 'best expected'], ['regret', 'regret'], ['detail_json', 'detail', 'detail']],
    step.decisions.map((d) => ({ ...d, agent: d.agent ?? 'self' })),
    (d) => d.choice,
  );
  showRelationships(step.relationships);
}

const describe = (r) => `${r.run_id} (${r.label})`;

function showRunInfo(run) {
  $('run-info').textContent = `${run.world} · ${run.label} · ${run.status}, ${run.steps_completed} steps${run.parent_run_id ? ` · counterfactual of ${run.parent_run_id}` : ''}`;
  $('step').max = String(Math.max(1, run.steps_completed));
  $('step-max').textContent = String(run.steps_completed);
}

/** The runs a run can be overlaid with: the other runs of its world. */
function fillCompareWith(run) {
  const previous = $('other').value;
  const others = state.runs.filter((r) => r.world === run.world && r.run_id !== run.run_id);
  $('other').replaceChildren(new Option('(none)', ''), ...others.map((r) => new Option(describe(r), r.run_id)));
  $('other').value = others.some((r) => r.run_id === previous) ? previous : '';
}

async function loadMetrics(runId) {
  const metrics = await getJson(`/api/metrics?run=${encodeURIComponent(runId)}`);
  const previous = $('metric').value;
  $('metric').replaceChildren(...metrics.map((name) => new Option(name, name)));
  $('metric').value = metrics.includes(previous) ? previous : metrics.includes('regret/cumulative') ? 'regret/cumulative' : metrics[0] || '';
}

async function selectRun(runId) {
  state.run = state.runs.find((r) => r.run_id === runId);
  const run = state.run;
  showRunInfo(run);
  fillCompareWith(run);
  await loadMetrics(runId);
  if (run.steps_completed === 0) return;
  // A run still recording is followed from its last step.
  await showStep(run.status === 'running' ? run.steps_completed : Math.min(state.t, run.steps_completed));
}

/**
 * Live: new runs join the list, and the shown run's new steps appear as the recorder commits them;
 * a viewer that was showing the last step follows the run.
 */
async function poll() {
  const runs = await getJson('/api/runs');
  const before = state.run;
  state.runs = runs;
  // A new run may also change the labels of the others (a parameter that now differs).
  if (runs.map(describe).join('\n') !== [...$('run').options].map((o) => o.text).join('\n')) {
    const selected = $('run').value;
    $('run').replaceChildren(...runs.map((r) => new Option(describe(r), r.run_id)));
    $('run').value = selected;
  }
  if (!before) {
    if (runs.length > 0) await start();
    return;
  }
  const now = runs.find((r) => r.run_id === before.run_id);
  state.run = now;
  fillCompareWith(now);
  if (now.steps_completed === before.steps_completed && now.status === before.status) return;
  showRunInfo(now);
  if (before.steps_completed === 0) await loadMetrics(now.run_id);
  const following = state.t >= before.steps_completed;
  if (following && now.steps_completed > 0) await showStep(now.steps_completed);
  else updateChart();
}

function keepPolling() {
  setTimeout(() => poll().catch((error) => ($('run-info').textContent = `error: ${error.message}`)).finally(keepPolling), POLL_MS);
}

function togglePlay() {
  if (state.timer) {
    clearInterval(state.timer);
    state.timer = null;
    $('play').textContent = '▶';
    return;
  }
  $('play').textContent = '❚❚';
  state.timer = setInterval(() => {
    if (state.t >= state.run.steps_completed) return togglePlay();
    showStep(state.t + 1);
  }, 150);
}

/** Shows the most recent run, or waits for one to be recorded. */
async function start() {
  state.runs = await getJson('/api/runs');
  if (state.runs.length === 0) {
    $('run-info').textContent = 'this recording holds no runs yet';
    return;
  }
  $('run').replaceChildren(...state.runs.map((r) => new Option(describe(r), r.run_id)));
  $('run').value = state.runs[state.runs.length - 1].run_id;
  await selectRun($('run').value);
}

$('run').addEventListener('change', () => selectRun($('run').value));
$('metric').addEventListener('change', updateChart);
$('other').addEventListener('change', updateChart);
$('step').addEventListener('input', () => showStep(Number($('step').value)));
$('play').addEventListener('click', togglePlay);
start()
  .catch((error) => {
    $('run-info').textContent = `error: ${error.message}`;
  })
  .finally(keepPolling);
