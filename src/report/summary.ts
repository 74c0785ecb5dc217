import type { Recording } from '../record/database.ts';
import type { RunRow } from '../record/reader.ts';

export interface RunSummary {
  readonly runId: string;
  readonly world: string;
  readonly status: string;
  readonly steps: number;
  /** The last recorded value of each headline series, where the world records it. */
  readonly finalMetrics: Record<string, number | null>;
  /** Per policy: decisions made and the share of them delegated. */
  readonly delegation: readonly { policy: string; decisions: number; delegatedShare: number }[];
}

export const HEADLINE_METRICS = ['misalignment', 'welfare/principals', 'regret/cumulative'] as const;

export function summariseRun(db: Recording, run: RunRow): RunSummary {
  const last = db.prepare('SELECT value FROM metrics WHERE run_id = ? AND name = ? ORDER BY t DESC LIMIT 1');
  const finalMetrics = Object.fromEntries(
    HEADLINE_METRICS.map((name) => [name, (last.get(run.run_id, name) as { value: number | null } | undefined)?.value ?? null]),
  );
  const delegation = db
    .prepare(
      `SELECT policy, count(*) AS decisions, avg(choice = 'delegate') AS delegatedShare
       FROM decisions WHERE run_id = ? GROUP BY policy ORDER BY policy`,
    )
    .all(run.run_id) as RunSummary['delegation'];
  return { runId: run.run_id, world: run.world, status: run.status, steps: run.steps_completed, finalMetrics, delegation };
}
