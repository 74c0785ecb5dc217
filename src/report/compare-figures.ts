import type { Recording } from '../record/database.ts';
import type { Comparison, RunGroup } from './compare.ts';
import type { Figure, FigureSeries } from './figures.ts';
import { MAX_POINTS } from './figures.ts';
import { rollingMean, smoothingWindow } from './smoothing.ts';
import { meanInterval, pairedDifferences } from './statistics.ts';
import { colourOf, type BandPoint } from './svg-chart.ts';
import { chartEvents, commonWorldEvents } from './world-events.ts';

/** A per-step quantity of one run, at every step it has a value. */
type StepValues = Map<number, number>;

interface Measure {
  readonly id: string;
  readonly title: string;
  readonly yLabel: string;
  /** Per-step rates are noisy: each run's series is smoothed before the seeds are combined. */
  readonly smooth: boolean;
  read(db: Recording, runId: string): StepValues;
}

function metricSeries(name: string) {
  return (db: Recording, runId: string): StepValues =>
    new Map(
      (db.prepare('SELECT t, value FROM metrics WHERE run_id = ? AND name = ? AND value IS NOT NULL ORDER BY t').raw().all(runId, name) as [number, number][]),
    );
}

/** The measures compared over time: cumulative regret, welfare of the principals, delegation share. */
const COMPARED_OVER_TIME: readonly Measure[] = [
  { id: 'regret', title: 'Cumulative regret', yLabel: 'cumulative regret', smooth: false, read: metricSeries('regret/cumulative') },
  { id: 'welfare', title: 'Welfare of the principals', yLabel: 'welfare/principals', smooth: true, read: metricSeries('welfare/principals') },
  {
    id: 'delegation',
    title: 'Delegation share',
    yLabel: 'share of decisions delegated',
    smooth: true,
    read: (db, runId) =>
      new Map(db.prepare("SELECT t, avg(choice = 'delegate') FROM decisions WHERE run_id = ? GROUP BY t ORDER BY t").raw().all(runId) as [number, number][]),
  },
];

function smoothed(values: StepValues, window: number): StepValues {
  return new Map(rollingMean([...values], window) as [number, number][]);
}

/** seed → step → value for the runs of a group, each run's series smoothed first where the measure is noisy. */
function readBySeed(db: Recording, measure: Measure, group: RunGroup, window: number): Map<number, StepValues> {
  return new Map(
    group.runs.map((run) => {
      const raw = measure.read(db, run.run_id);
      return [run.seed, measure.smooth ? smoothed(raw, window) : raw];
    }),
  );
}

/** seed → value at step t, over the seeds that have one. */
function at(bySeed: Map<number, StepValues>, t: number): Map<number, number> {
  return new Map([...bySeed].flatMap(([seed, v]) => (v.has(t) ? [[seed, v.get(t)!] as const] : [])));
}

/** Mean and 95% band at each drawn step, over the per-seed values at that step. */
function bandSeries(name: string, colour: string, steps: readonly number[], valuesAt: (t: number) => number[]): FigureSeries {
  const intervals = steps.map((t) => [t, meanInterval(valuesAt(t))] as const);
  return {
    name,
    colour,
    points: intervals.map(([t, i]) => [t, i?.mean ?? null]),
    band: intervals.map(([t, i]): BandPoint => [t, i && i.halfWidth !== null ? i.mean - i.halfWidth : NaN, i && i.halfWidth !== null ? i.mean + i.halfWidth : NaN]),
  };
}

/**
 * The comparison's charts: per measure, each group's mean over seeds with its 95% band, and each
 * group's paired difference from the baseline (by seed) with its band, against a zero line.
 * Events every run recorded (a scheduled shift) are marked on every chart.
 */
export function comparisonFigures(db: Recording, groups: readonly RunGroup[], comparison: Comparison): Figure[] {
  const runs = groups.flatMap((g) => g.runs);
  const steps = Math.max(...runs.map((r) => r.steps_completed));
  const stride = Math.max(1, Math.ceil(steps / MAX_POINTS));
  const drawn = Array.from({ length: steps }, (_, i) => i + 1).filter((t) => t % stride === 0 || t === 1 || t === steps);
  const window = smoothingWindow(steps);
  const events = chartEvents(commonWorldEvents(db, runs.map((r) => r.run_id)));
  const base = groups.findIndex((g) => g.label === comparison.baseline);
  const seeds = Math.max(...groups.map((g) => g.runs.length));
  const figures: Figure[] = [];
  for (const measure of COMPARED_OVER_TIME) {
    const values = groups.map((g) => readBySeed(db, measure, g, window));
    if (values.every((bySeed) => [...bySeed.values()].every((v) => v.size === 0))) continue;
    const smoothing = measure.smooth ? { smoothing: window } : {};
    const how = `mean of ${seeds} seeds, shaded: 95% CI (Student t)`;
    const note = measure.smooth ? `${how}; each run smoothed: rolling mean over ${window} steps` : how;
    figures.push({
      id: `${measure.id}-by-policy`,
      title: `${measure.title} by policy`,
      yLabel: measure.yLabel,
      series: groups.map((g, i) => bandSeries(g.label, colourOf(i), drawn, (t) => [...at(values[i], t).values()])),
      note,
      events,
      ...smoothing,
    });
    figures.push({
      id: `${measure.id}-difference`,
      title: `${measure.title}: difference from ${comparison.baseline}`,
      yLabel: `${measure.yLabel}, difference`,
      series: groups.flatMap((g, i) =>
        i === base ? [] : [bandSeries(`${g.label} − ${comparison.baseline}`, colourOf(i), drawn, (t) => pairedDifferences(at(values[i], t), at(values[base], t)))],
      ),
      note: `paired by seed; ${note}`,
      events,
      ...smoothing,
      rule: { y: 0, label: 'no difference' },
    });
  }
  return figures;
}
