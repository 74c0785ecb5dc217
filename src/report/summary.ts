import type { Recording } from '../record/database.ts';
import { lastMetric, type RunRow } from '../record/reader.ts';

export interface RunSummary {
  readonly runId: string;
  readonly world: string;
  readonly status: string;
  readonly steps: number;
  /** The last recorded value of each headline series, where the world records it. */
  readonly finalMetrics: Record<string, number | null>;
  /** The series the world asks to show, each with the last step it was recorded at (one-shot results are recorded at step 1). */
  readonly worldMetrics: readonly { name: string; t: number; value: number | null }[];
  /** Per policy: decisions made and the share of them delegated. */
  readonly delegation: readonly { policy: string; decisions: number; delegatedShare: number }[];
  /** The world's summary series step by step, when it declares some. */
  readonly perStep: StepTable | null;
}

/** Column labels, and per tabulated step its values (null where the step did not record the series). */
export interface StepTable {
  readonly labels: readonly string[];
  readonly rows: readonly { readonly t: number; readonly values: readonly (number | null)[] }[];
}

/** Runs up to this many steps are tabulated in full; longer ones at as many evenly spaced steps. */
export const SUMMARY_STEP_ROWS = 25;

/** The steps tabulated for a run of `steps` steps: all, or evenly spaced ones ending with the last. */
export function summarySteps(steps: number, rows = SUMMARY_STEP_ROWS): number[] {
  if (steps <= rows) return Array.from({ length: steps }, (_, k) => k + 1);
  return Array.from({ length: rows }, (_, k) => Math.round(((k + 1) * steps) / rows));
}

export const HEADLINE_METRICS = [
  'misalignment',
  'welfare/principals',
  'regret/cumulative',
  'regret/pseudo/cumulative',
  'regret/dynamic/cumulative',
  'regret/bound/ucb1',
] as const;

/** A run that records no headline series and names none of its own shows its last step's series, up to this many. */
export const FALLBACK_METRICS = 12;

/**
 * `series` (column label → metric name) are the series a world asks to see step by step;
 * `metrics` those it asks to see once, at the last step each was recorded.
 */
export function summariseRun(
  db: Recording,
  run: RunRow,
  series?: Readonly<Record<string, string>>,
  metrics: readonly string[] = [],
): RunSummary {
  const finalMetrics = Object.fromEntries(
    HEADLINE_METRICS.map((name) => [name, lastMetric(db, run.run_id, name)?.value ?? null]),
  );
  const delegation = db
    .prepare(
      `SELECT policy, count(*) AS decisions, avg(choice = 'delegate') AS delegatedShare
       FROM decisions WHERE run_id = ? GROUP BY policy ORDER BY policy`,
    )
    .all(run.run_id) as RunSummary['delegation'];
  const perStep = series === undefined ? null : stepTable(db, run, series);
  const noHeadline = Object.values(finalMetrics).every((value) => value === null);
  if (noHeadline && metrics.length === 0) metrics = lastStepSeries(db, run);
  const worldMetrics = metrics.flatMap((name) => {
    const row = lastMetric(db, run.run_id, name);
    return row ? [{ name, ...row }] : [];
  });
  return { runId: run.run_id, world: run.world, status: run.status, steps: run.steps_completed, finalMetrics, worldMetrics, delegation, perStep };
}

function stepTable(db: Recording, run: RunRow, series: Readonly<Record<string, string>>): StepTable {
  const at = db.prepare('SELECT value FROM metrics WHERE run_id = ? AND t = ? AND name = ?').pluck();
  const names = Object.values(series);
  const rows = summarySteps(run.steps_completed).map((t) => ({
    t,
    values: names.map((name) => (at.get(run.run_id, t, name) as number | null | undefined) ?? null),
  }));
  return { labels: Object.keys(series), rows };
}

function lastStepSeries(db: Recording, run: RunRow): string[] {
  const names = db
    .prepare('SELECT name FROM metrics WHERE run_id = ? AND t = ? ORDER BY name LIMIT ?')
    .pluck()
    .all(run.run_id, run.steps_completed, FALLBACK_METRICS + 1) as string[];
  return names.length <= FALLBACK_METRICS ? names : [];
}
