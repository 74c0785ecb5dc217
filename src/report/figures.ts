import type { Recording } from '../record/database.ts';
import type { RunRow } from '../record/reader.ts';
import { labelRuns } from './compare.ts';
import { delegationShares } from './delegation.ts';
import type { ChartSeries } from './svg-chart.ts';

/** The data behind one chart. */
export interface Figure {
  readonly id: string;
  readonly title: string;
  /** What the x axis is, when not the step. */
  readonly xLabel?: string;
  readonly yLabel: string;
  readonly series: readonly ChartSeries[];
  readonly note?: string;
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
    .prepare('SELECT * FROM runs WHERE (run_id = ? OR parent_run_id = ? OR parent_run_id = ?) AND run_id <> ? ORDER BY rowid')
    .all(root, root, run.run_id, run.run_id) as RunRow[];
}

/** Labels by what differs (e.g. the policy), or the run id where that does not tell a run apart. */
export function distinctLabels(runs: readonly RunRow[]): string[] {
  const labels = labelRuns(runs);
  return labels.map((label, i) => (labels.indexOf(label) === labels.lastIndexOf(label) ? label : runs[i].run_id));
}

function capped(id: string, title: string, yLabel: string, series: ChartSeries[], note?: string): Figure {
  if (series.length <= MAX_SERIES) return { id, title, yLabel, series, note };
  const left = series.slice(MAX_SERIES).map((s) => s.name);
  const more = `${left.length} more series not drawn: ${left.slice(0, 3).join(', ')}${left.length > 3 ? ', …' : ''}`;
  return { id, title, yLabel, series: series.slice(0, MAX_SERIES), note: note ? `${note}; ${more}` : more };
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
 * The figures of a run's report: the charts its `figure` events ask for, then one chart per metric family, with cumulative regret of the
 * run and of its counterfactual relatives (one line per policy) against any recorded
 * `regret/bound/…` (dashed), and delegation shares from the decisions when no `delegation/…`
 * series is recorded.
 */
export function runFigures(db: Recording, run: RunRow): Figure[] {
  const series = readSeries(db, run);
  const requested = requestedFigures(db, run, series);
  const charts = new Map<string, ChartSeries[]>();
  for (const name of [...series.keys()].sort(byName)) {
    if (requested.drawn.has(name)) continue;
    const chart = chartOf(name);
    if (!charts.has(chart)) charts.set(chart, []);
    charts.get(chart)!.push({ name, points: series.get(name)!, dashed: isBound(name) });
  }
  const notes = new Map<string, string>();
  const family = relatives(db, run);
  if (family.length > 0 && series.has('regret/cumulative')) {
    const labels = distinctLabels([run, ...family]);
    const own = charts.get('regret-cumulative')!.find((s) => s.name === 'regret/cumulative')!;
    const others = family.flatMap((r, i): ChartSeries[] => {
      const points = readSeries(db, r, ['regret/cumulative']).get('regret/cumulative');
      return points ? [{ name: `regret/cumulative (${labels[i + 1]})`, points }] : [];
    });
    charts.set('regret-cumulative', [{ ...own, name: `regret/cumulative (${labels[0]})` }, ...others, ...charts.get('regret-cumulative')!.filter((s) => s !== own)]);
    notes.set('regret-cumulative', `by policy: the same episode (seed ${run.seed}) under each`);
  }
  if (charts.get('regret-cumulative')?.some((s) => s.dashed)) {
    notes.set('regret-cumulative', [notes.get('regret-cumulative'), 'dashed: theoretical bound'].filter(Boolean).join('; '));
  }
  if (!charts.has('delegation')) {
    const shares = delegationShares(db, run.run_id);
    const stride = Math.max(1, Math.ceil(run.steps_completed / MAX_POINTS));
    if (shares.size > 0) {
      charts.set('delegation', [...shares].map(([name, points]) => ({ name, points: points.filter(([t], i) => t % stride === 0 || i === 0 || i === points.length - 1) })));
      notes.set('delegation', 'from the decisions table');
    }
  }
  const known = KNOWN.filter(([id]) => charts.has(id)).map(([id, title, yLabel]) => capped(id, title, yLabel, charts.get(id)!, notes.get(id)));
  const rest = [...charts.keys()]
    .filter((id) => !KNOWN.some(([known]) => known === id))
    .sort(byName)
    .map((id) => capped(id, `Series: ${id}`, id, charts.get(id)!));
  return [...requested.figures, ...known, ...rest];
}
