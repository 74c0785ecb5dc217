import type { Recording } from '../record/database.ts';
import { runOrder, type RunRow } from '../record/reader.ts';
import { labelRuns } from './compare.ts';
import { delegationShares } from './delegation.ts';
import { isNoisy, rollingMean, smoothingNote, smoothingWindow } from './smoothing.ts';
import type { ChartEvent, ChartSeries, LineChart } from './svg-chart.ts';
import { chartEvents, worldEvents } from './world-events.ts';

/** A series as recorded (`points`), and as drawn when it is smoothed. */
export interface FigureSeries extends ChartSeries {
  readonly smoothed?: ChartSeries['points'];
}

/** The data behind one chart. */
export interface Figure {
  readonly id: string;
  readonly title: string;
  /** What the x axis is, when not the step. */
  readonly xLabel?: string;
  readonly yLabel: string;
  readonly series: readonly FigureSeries[];
  readonly note?: string;
  /** Events that change the world, marked on the chart. */
  readonly events?: readonly ChartEvent[];
  /** The rolling mean's window, in steps, when noisy series are drawn smoothed. */
  readonly smoothing?: number;
  readonly rule?: LineChart['rule'];
}

/** The chart a figure draws: smoothed series where there are some. */
export function chartOfFigure(figure: Figure): LineChart {
  return { ...figure, series: figure.series.map(({ smoothed, ...series }) => (smoothed ? { ...series, points: smoothed } : series)) };
}

/** Points per series at most: long runs are sampled every k-th step (plus the first and last). */
export const MAX_POINTS = 500;
/** Series per chart at most; the rest are named in the chart's note. */
export const MAX_SERIES = 10;

/** Charts with a title of their own, in the order a report shows them; every other metric family follows. */
const KNOWN: readonly (readonly [id: string, title: string, yLabel: string])[] = [
  ['misalignment', 'Misalignment over time (overall and per area)', 'misalignment'],
  ['regret-cumulative', 'Cumulative regret', 'cumulative regret'],
  ['regret', 'Regret: other series', 'regret'],
  ['delegation', 'Delegation share over time', 'share of decisions'],
  ['welfare', 'Welfare', 'welfare'],
  ['welfare_regret', 'Welfare regret', 'welfare regret'],
  ['bound', 'Delegation-game terms: bounds', 'bound'],
  ['alignment_distance', 'Delegation-game terms: alignment distance', 'distance'],
];

const isBound = (name: string): boolean => name.startsWith('regret/bound/');

/** The chart a metric is drawn in: its family (the name up to the first '/'), with cumulative regret and its bounds apart. */
export function chartOf(name: string): string {
  const family = name.split('/')[0];
  if (family === 'regret' && (name.endsWith('/cumulative') || isBound(name))) return 'regret-cumulative';
  return family;
}

const byName = (a: string, b: string): number => a.localeCompare(b, 'en', { numeric: true });

/** Every series of a run, sampled to at most `maxPoints` points each. */
export function readSeries(db: Recording, run: RunRow, names?: readonly string[], maxPoints = MAX_POINTS): Map<string, [number, number | null][]> {
  const stride = Math.max(1, Math.ceil(run.steps_completed / maxPoints));
  const filter = names ? `AND name IN (${names.map(() => '?').join(', ')})` : '';
  const rows = db
    .prepare(`SELECT name, t, value FROM metrics WHERE run_id = ? ${filter} AND (t % ? = 0 OR t = 1 OR t = ?) ORDER BY name, t`)
    .all(run.run_id, ...(names ?? []), stride, run.steps_completed) as { name: string; t: number; value: number | null }[];
  const series = new Map<string, [number, number | null][]>();
  for (const { name, t, value } of rows) {
    if (!series.has(name)) series.set(name, []);
    series.get(name)!.push([t, value]);
  }
  return series;
}

/** The other runs of the same episode: a counterfactual run's parent and siblings, and the run's own counterfactuals. */
function relatives(db: Recording, run: RunRow): RunRow[] {
  const root = run.parent_run_id ?? run.run_id;
  return db
    .prepare(`SELECT * FROM runs WHERE (run_id = ? OR parent_run_id = ? OR parent_run_id = ?) AND run_id <> ? ORDER BY ${runOrder(db)}`)
    .all(root, root, run.run_id, run.run_id) as RunRow[];
}

/** Labels by what differs (e.g. the policy), or the run id where that does not tell a run apart. */
export function distinctLabels(runs: readonly RunRow[]): string[] {
  const labels = labelRuns(runs);
  return labels.map((label, i) => (labels.indexOf(label) === labels.lastIndexOf(label) ? label : runs[i].run_id));
}

function capped(id: string, title: string, yLabel: string, series: FigureSeries[], note?: string): Figure {
  if (series.length <= MAX_SERIES) return { id, title, yLabel, series, note };
  const left = series.slice(MAX_SERIES).map((s) => s.name);
  const more = `${left.length} more series not drawn: ${left.slice(0, 3).join(', ')}${left.length > 3 ? ', …' : ''}`;
  return { id, title, yLabel, series: series.slice(0, MAX_SERIES), note: note ? `${note}; ${more}` : more };
}

/** Keeps every `stride`-th step of full-resolution points, and the first and last. */
function sampled<T extends readonly [number, ...unknown[]]>(points: readonly T[], stride: number): T[] {
  return points.filter(([t], i) => t % stride === 0 || i === 0 || i === points.length - 1);
}

/**
 * Smooths the noisy series of a chart (see `isNoisy`): `full` gives a series at every step; the
 * rolling mean is taken there and sampled at the steps the chart draws.
 */
function smoothNoisy(series: FigureSeries[], window: number, full: (name: string) => ChartSeries['points']): { series: FigureSeries[]; smoothed: boolean } {
  let smoothed = false;
  const result = series.map((s): FigureSeries => {
    if (s.dashed || !isNoisy(s.points)) return s;
    smoothed = true;
    const mean = new Map(rollingMean(full(s.name), window));
    return { ...s, smoothed: s.points.map(([t]) => [t, mean.get(t) ?? null]) };
  });
  return { series: result, smoothed };
}

/**
 * Every series of a chart for every run of the episode, named by what tells the runs apart (the
 * policy). Bounds belong to the world, not to a policy: drawn once, from the run's own chart.
 */
function familySeries(db: Recording, run: RunRow, family: readonly RunRow[], chart: readonly FigureSeries[]): FigureSeries[] {
  const labels = distinctLabels([run, ...family]);
  const names = chart.filter((s) => !s.dashed).map((s) => s.name);
  const own = new Map(chart.map((s) => [s.name, s.points]));
  const members = [run, ...family].map((r, i) => ({ label: labels[i], series: i === 0 ? own : readSeries(db, r, names) }));
  return [
    ...members.flatMap(({ label, series }) => names.flatMap((name): FigureSeries[] => (series.has(name) ? [{ name: `${name} (${label})`, points: series.get(name)! }] : []))),
    ...chart.filter((s) => s.dashed),
  ];
}

/**
 * A `figure` event asks for a chart laid out as a paper lays it out: its payload names the metric
 * holding each step's x (`x`), the axis labels, the prefix of its lines (`lines`: every metric
 * under it, apart from the `/min`, `/max` and `/std` beside each line) and whether to shade each
 * line's min–max band (`band`).
 */
interface FigureRequest {
  readonly title: string;
  readonly x: string;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly lines: string;
  readonly band: boolean;
}

const SPREAD = /\/(min|max|std)$/;

/** The charts a run's `figure` events ask for, and the metrics they draw. */
function requestedFigures(db: Recording, run: RunRow, series: ReadonlyMap<string, [number, number | null][]>): { figures: Figure[]; drawn: Set<string> } {
  const requests = db
    .prepare("SELECT subject, payload_json FROM events WHERE run_id = ? AND type = 'figure' ORDER BY t, seq")
    .all(run.run_id) as { subject: string; payload_json: string }[];
  const drawn = new Set<string>();
  const figures = requests.map(({ subject, payload_json }) => {
    const request = JSON.parse(payload_json) as FigureRequest;
    const xAt = new Map(series.get(request.x) ?? []);
    drawn.add(request.x);
    const at = (points: readonly [number, number | null][]) => points.filter(([t]) => xAt.get(t) != null).map(([t, v]): [number, number | null] => [xAt.get(t)!, v]);
    const lines = [...series.keys()].filter((name) => name.startsWith(request.lines)).sort(byName);
    lines.forEach((name) => drawn.add(name));
    const chartSeries = lines
      .filter((name) => !SPREAD.test(name))
      .map((name): ChartSeries => {
        const points = at(series.get(name)!);
        if (!request.band || !series.has(`${name}/min`) || !series.has(`${name}/max`)) return { name, points };
        const high = new Map(at(series.get(`${name}/max`)!));
        const band = at(series.get(`${name}/min`)!).flatMap(([x, low]) => (low === null || high.get(x) == null ? [] : [[x, low, high.get(x)!] as const]));
        return { name, points, band };
      });
    const note = request.band ? 'shaded: minimum to maximum over the runs of each point' : undefined;
    return { ...capped(`figure-${subject}`, request.title, request.yLabel, chartSeries, note), xLabel: request.xLabel };
  });
  return { figures, drawn };
}

/**
 * The figures of a run's report: the charts its `figure` events ask for, then one chart per
 * metric family, with every cumulative regret series of the run and of its counterfactual
 * relatives (named by policy) and any recorded `regret/bound/…` (dashed); delegation shares from
 * the decisions when no `delegation/…` series is recorded; noisy per-step series smoothed; events
 * that change the world marked on every chart.
 */
export function runFigures(db: Recording, run: RunRow): Figure[] {
  const series = readSeries(db, run);
  const requested = requestedFigures(db, run, series);
  const charts = new Map<string, FigureSeries[]>();
  for (const name of [...series.keys()].sort(byName)) {
    if (requested.drawn.has(name)) continue;
    const chart = chartOf(name);
    if (!charts.has(chart)) charts.set(chart, []);
    charts.get(chart)!.push({ name, points: series.get(name)!, dashed: isBound(name) });
  }
  const notes = new Map<string, string>();
  const family = relatives(db, run);
  const familyChart = charts.get('regret-cumulative');
  if (family.length > 0 && familyChart) {
    charts.set('regret-cumulative', familySeries(db, run, family, familyChart));
    notes.set('regret-cumulative', `by policy: the same episode (seed ${run.seed}) under each`);
  }
  if (charts.get('regret-cumulative')?.some((s) => s.dashed)) {
    notes.set('regret-cumulative', [notes.get('regret-cumulative'), 'dashed: theoretical bound'].filter(Boolean).join('; '));
  }
  const stride = Math.max(1, Math.ceil(run.steps_completed / MAX_POINTS));
  let shares: Map<string, [number, number][]> | undefined;
  if (!charts.has('delegation')) {
    shares = delegationShares(db, run.run_id);
    if (shares.size > 0) {
      charts.set('delegation', [...shares].map(([name, points]) => ({ name, points: sampled(points, stride) })));
      notes.set('delegation', 'from the decisions table');
    }
  }
  const window = smoothingWindow(run.steps_completed);
  const smoothedCharts = new Set<string>();
  for (const [id, list] of charts) {
    if (id === 'regret-cumulative') continue;
    const full = (name: string): ChartSeries['points'] =>
      id === 'delegation' && shares?.has(name) ? shares.get(name)! : (readSeries(db, run, [name], Infinity).get(name) ?? []);
    const result = smoothNoisy(list, window, full);
    charts.set(id, result.series);
    if (result.smoothed) {
      smoothedCharts.add(id);
      notes.set(id, [notes.get(id), smoothingNote(window)].filter(Boolean).join('; '));
    }
  }
  const events = chartEvents(worldEvents(db, run.run_id));
  const finish = (figure: Figure): Figure => ({
    ...figure,
    // A figure drawn against its own x axis (not the step) has no step to mark.
    ...(events.length > 0 && figure.xLabel === undefined ? { events } : {}),
    ...(smoothedCharts.has(figure.id) ? { smoothing: window } : {}),
  });
  const known = KNOWN.filter(([id]) => charts.has(id)).map(([id, title, yLabel]) => capped(id, title, yLabel, charts.get(id)!, notes.get(id)));
  const rest = [...charts.keys()]
    .filter((id) => !KNOWN.some(([known]) => known === id))
    .sort(byName)
    .map((id) => capped(id, `Series: ${id}`, id, charts.get(id)!, notes.get(id)));
  return [...requested.figures, ...known, ...rest].map(finish);
}
