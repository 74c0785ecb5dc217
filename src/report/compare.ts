import { InputError } from '../kernel/errors.ts';
import type { Recording } from '../record/database.ts';
import type { RunRow } from '../record/reader.ts';
import { runOutcomes, type Outcome } from './outcomes.ts';
import { meanInterval, pairedDifferences, type Interval } from './statistics.ts';

/** Runs of one policy (or parameter setting), one per seed. */
export interface RunGroup {
  readonly label: string;
  readonly runs: readonly RunRow[];
}

export interface OutcomeSummary {
  readonly key: string;
  readonly label: string;
  /** Mean and 95% t interval over the runs (seeds) that have a value; null when none has. */
  readonly interval: Interval | null;
  /** Runs in the group (the interval's n may be smaller: e.g. seeds where a shift went undetected). */
  readonly of: number;
}

export interface Comparison {
  readonly groups: readonly { readonly label: string; readonly runIds: readonly string[]; readonly outcomes: readonly OutcomeSummary[] }[];
  readonly baseline: string;
  /** group − baseline, paired by seed, for every group but the baseline. */
  readonly differences: readonly { readonly label: string; readonly outcomes: readonly OutcomeSummary[] }[];
}

/** Each run's parameters whose values are not the same in every run given (the world counts as one; seeds never do). */
export function differingParameters(runs: readonly RunRow[]): Record<string, unknown>[] {
  const params = runs.map((run): Record<string, unknown> => ({ world: run.world, ...(JSON.parse(run.params_json) as Record<string, unknown>) }));
  const keys = [...new Set(params.flatMap((p) => Object.keys(p)))].sort();
  const valueOf = (p: Record<string, unknown>, key: string): unknown => (Object.hasOwn(p, key) ? p[key] : undefined);
  const differing = keys.filter((key) => new Set(params.map((p) => JSON.stringify(valueOf(p, key)))).size > 1);
  return params.map((p) => Object.fromEntries(differing.map((key) => [key, valueOf(p, key)])));
}

/** `key=value` for a parameter, strings unquoted. */
export function formatAssignment(key: string, value: unknown): string {
  return `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`;
}

/**
 * How to tell runs apart: the parameters (and world) whose values differ between them, e.g.
 * `ucb1` when only the policy differs, `epsilon=0.2, policy=ucb1` otherwise. Seeds never count.
 */
export function labelRuns(runs: readonly RunRow[]): string[] {
  const differing = differingParameters(runs);
  const keys = Object.keys(differing[0] ?? {});
  if (keys.length === 0) return runs.map((run) => run.world);
  if (keys.length === 1 && keys[0] === 'policy') return differing.map((p) => String(p.policy));
  return differing.map((p) => Object.entries(p).map(([key, value]) => formatAssignment(key, value)).join(', '));
}

/** Groups runs by their label, in the order the labels first appear. */
export function groupRuns(runs: readonly RunRow[]): RunGroup[] {
  const labels = labelRuns(runs);
  const groups = new Map<string, RunRow[]>();
  runs.forEach((run, i) => groups.set(labels[i], [...(groups.get(labels[i]) ?? []), run]));
  return [...groups].map(([label, members]) => ({ label, runs: members }));
}

/** A run that never delegated to an agent has a share of 0 there, not a missing value. */
function missingValue(key: string): number | null {
  return key.startsWith('share ') ? 0 : null;
}

/**
 * Per group, each outcome's mean ± 95% t interval over seeds; and per group but the baseline,
 * the interval of the paired differences (group − baseline) over the seeds both ran.
 */
export function compareGroups(db: Recording, groups: readonly RunGroup[], baseline = groups[0]?.label): Comparison {
  if (!groups.some((g) => g.label === baseline)) {
    throw new InputError(`--baseline '${baseline}': expected one of ${groups.map((g) => g.label).join(', ')}`);
  }
  const outcomes = groups.map((g) => g.runs.map((run) => new Map(runOutcomes(db, run).map((o) => [o.key, o]))));
  const labels = new Map<string, string>();
  for (const byKey of outcomes.flat()) for (const o of byKey.values()) if (!labels.has(o.key)) labels.set(o.key, o.label);
  const keys = [...labels.keys()];
  // Per group and key: seed → value.
  const bySeed = groups.map((g, i) =>
    new Map(
      keys.map((key) => {
        const values = new Map<number, number>();
        g.runs.forEach((run, r) => {
          const value = (outcomes[i][r].get(key) as Outcome | undefined)?.value ?? missingValue(key);
          if (value !== null) values.set(run.seed, value);
        });
        return [key, values];
      }),
    ),
  );
  const summarise = (key: string, values: number[], of: number): OutcomeSummary => ({ key, label: labels.get(key)!, interval: meanInterval(values), of });
  const base = groups.findIndex((g) => g.label === baseline);
  return {
    groups: groups.map((g, i) => ({
      label: g.label,
      runIds: g.runs.map((r) => r.run_id),
      outcomes: keys.map((key) => summarise(key, [...bySeed[i].get(key)!.values()], g.runs.length)),
    })),
    baseline,
    differences: groups.flatMap((g, i) =>
      i === base
        ? []
        : [
            {
              label: g.label,
              outcomes: keys.map((key) => {
                const paired = pairedDifferences(bySeed[i].get(key)!, bySeed[base].get(key)!);
                return summarise(key, paired, Math.min(g.runs.length, groups[base].runs.length));
              }),
            },
          ],
    ),
  };
}
