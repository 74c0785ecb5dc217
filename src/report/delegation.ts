import type { Recording } from '../record/database.ts';

/** The label of "decided itself" (a decision with no agent) among delegation shares. */
export const SELF = 'self';

/** Steps before a shift over which the pre-shift delegation share is averaged. */
export const PRE_SHIFT_WINDOW = 50;

export type Points = [t: number, value: number][];

/**
 * Per agent (and `self`), the share of each step's decisions that went to it, from the
 * `decisions` table: every world that records decisions gets delegation shares over time.
 */
export function delegationShares(db: Recording, runId: string): Map<string, Points> {
  const rows = db
    .prepare('SELECT t, agent, count(*) AS n FROM decisions WHERE run_id = ? GROUP BY t, agent ORDER BY t')
    .all(runId) as { t: number; agent: string | null; n: number }[];
  const totals = new Map<number, number>();
  const counts = new Map<string, Map<number, number>>();
  for (const { t, agent, n } of rows) {
    totals.set(t, (totals.get(t) ?? 0) + n);
    const name = agent ?? SELF;
    if (!counts.has(name)) counts.set(name, new Map());
    counts.get(name)!.set(t, n);
  }
  const names = [...counts.keys()].sort((a, b) => (a === SELF ? -1 : b === SELF ? 1 : a.localeCompare(b, 'en', { numeric: true })));
  return new Map(names.map((name) => [name, [...totals].map(([t, total]): [number, number] => [t, (counts.get(name)!.get(t) ?? 0) / total])]));
}

/**
 * Steps from a shift (a `…shift` event naming an agent, e.g. a deployment shift that corrupts
 * it) until principals have detected it: the first step τ ≥ shiftT after which the agent's
 * per-step delegation share stays, to the end of the run, below half its pre-shift level (its
 * mean share over the `window` steps before the shift). τ − shiftT is returned; null when the
 * agent was not delegated to before the shift or its share never stays below half.
 */
export function stepsToDetect(shares: readonly (readonly [number, number])[], shiftT: number, window = PRE_SHIFT_WINDOW): number | null {
  const before = shares.filter(([t]) => t < shiftT && t >= shiftT - window);
  const level = before.reduce((s, [, v]) => s + v, 0) / before.length;
  if (!(level > 0)) return null;
  let detected: number | null = null;
  for (const [t, share] of shares) {
    if (t < shiftT) continue;
    if (share >= level / 2) detected = null;
    else detected ??= t;
  }
  return detected === null ? null : detected - shiftT;
}
