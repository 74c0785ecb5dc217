import type { Recording } from '../record/database.ts';
import { lastMetric, type RunRow } from '../record/reader.ts';
import { delegationShares, SELF, stepsToDetect } from './delegation.ts';

/** One number a run ends with, compared across policies and seeds. */
export interface Outcome {
  /** Stable identifier, e.g. `regret/cumulative`, `mean welfare/principals`, `share a1`, `detect a1`. */
  readonly key: string;
  readonly label: string;
  readonly value: number | null;
}

/** Regret series read at the last step (SCIENCE.md §5: realised, pseudo and dynamic); '-' where a world records none. */
export const CUMULATIVE_REGRETS = [
  ['regret/cumulative', 'cumulative regret (realised)'],
  ['regret/pseudo/cumulative', 'cumulative pseudo-regret'],
  ['regret/dynamic/cumulative', 'cumulative dynamic regret'],
] as const;

const WELFARE_SERIES = /^welfare(_regret)?\//;

/**
 * A run's outcomes: final cumulative regrets; the mean per step of every `welfare/…` and
 * `welfare_regret/…` series; each agent's share of all decisions (and `self`); and, for each agent
 * a `…shift` event names, the steps until principals detected it (see `stepsToDetect`).
 */
export function runOutcomes(db: Recording, run: RunRow): Outcome[] {
  const regrets = CUMULATIVE_REGRETS.map(([key, label]): Outcome => ({
    key,
    label,
    value: lastMetric(db, run.run_id, key)?.value ?? null,
  }));
  const welfare = (
    db.prepare("SELECT name, avg(value) AS value FROM metrics WHERE run_id = ? AND name LIKE 'welfare%' GROUP BY name ORDER BY name").all(run.run_id) as {
      name: string;
      value: number | null;
    }[]
  )
    .filter(({ name }) => WELFARE_SERIES.test(name))
    .map(({ name, value }): Outcome => ({ key: `mean ${name}`, label: `${name} (mean per step)`, value }));
  const shares = delegationShares(db, run.run_id);
  const totals = db.prepare('SELECT coalesce(agent, ?) AS agent, count(*) AS n FROM decisions WHERE run_id = ? GROUP BY agent').all(SELF, run.run_id) as {
    agent: string;
    n: number;
  }[];
  const decisions = totals.reduce((s, r) => s + r.n, 0);
  const delegation = [...shares.keys()].map((agent): Outcome => ({
    key: `share ${agent}`,
    label: agent === SELF ? 'decided self (share)' : `delegated to ${agent} (share)`,
    value: totals.find((r) => r.agent === agent)!.n / decisions,
  }));
  const shifts = db.prepare("SELECT min(t) AS t, subject FROM events WHERE run_id = ? AND type LIKE '%shift' GROUP BY subject ORDER BY t").all(run.run_id) as {
    t: number;
    subject: string;
  }[];
  const detection = shifts
    .filter(({ subject }) => subject !== SELF && shares.has(subject))
    .map(({ t, subject }): Outcome => ({ key: `detect ${subject}`, label: `steps to detect ${subject}'s shift`, value: stepsToDetect(shares.get(subject)!, t) }));
  return [...regrets, ...welfare, ...delegation, ...detection];
}
