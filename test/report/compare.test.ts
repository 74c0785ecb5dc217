import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RandomStreams } from '../../src/kernel/random.ts';
import { openForWriting } from '../../src/record/database.ts';
import { listRuns } from '../../src/record/reader.ts';
import { compareGroups, groupRuns } from '../../src/report/compare.ts';
import { recordPolicyRuns } from '../../src/report/policy-runs.ts';
import { tempDir } from '../support/cli.ts';
import twoArms from '../fixtures/two-arms.ts';

const SEEDS = 5;
const STEPS = 20;

/** Σ_t (1 − x_t) for the seed: the regret of `never` in the two-arms world, drawn as the world draws it. */
function neverRegret(seed: number): number {
  const problems = new RandomStreams(seed).stream('problems');
  let regret = 0;
  for (let t = 0; t < STEPS; t++) regret += 1 - problems.next();
  return regret;
}

async function twoArmRuns(file: string) {
  const db = openForWriting(file);
  const worldRef = join(import.meta.dirname, '../fixtures/two-arms.ts');
  const done: number[] = [];
  const result = await recordPolicyRuns({ db, world: twoArms, worldRef, policies: ['always', 'never'], seeds: SEEDS, steps: STEPS, assignments: [], onRun: (n) => done.push(n) });
  return { db, result, done };
}

describe('compare', () => {
  it('gives the known regret of never and always, with t intervals over seeds and paired differences', async () => {
    const { db, result, done } = await twoArmRuns(join(tempDir(), 'c.sqlite'));
    try {
      expect(result.interrupted).toBeNull();
      expect(done).toEqual([...Array(2 * SEEDS).keys()].map((i) => i + 1));
      const comparison = compareGroups(db, result.groups, 'always');
      const outcome = (label: string, key: string) => comparison.groups.find((g) => g.label === label)!.outcomes.find((o) => o.key === key)!;

      expect(outcome('always', 'regret/cumulative').interval).toEqual({ n: SEEDS, mean: 0, halfWidth: 0 });
      const regrets = Array.from({ length: SEEDS }, (_, i) => neverRegret(i + 1));
      const mean = regrets.reduce((s, v) => s + v, 0) / SEEDS;
      const sd = Math.sqrt(regrets.reduce((s, v) => s + (v - mean) ** 2, 0) / (SEEDS - 1));
      const never = outcome('never', 'regret/cumulative').interval!;
      expect(never.mean).toBeCloseTo(mean, 10);
      expect(never.halfWidth).toBeCloseTo((2.776445105 * sd) / Math.sqrt(SEEDS), 8); // t(0.975, 4)
      // always has no regret, so never − always, paired by seed, is never's regret again.
      const difference = comparison.differences[0];
      expect(difference.label).toBe('never');
      expect(difference.outcomes.find((o) => o.key === 'regret/cumulative')!.interval!.mean).toBeCloseTo(mean, 10);
      expect(difference.outcomes.find((o) => o.key === 'regret/cumulative')!.interval!.halfWidth).toBeCloseTo(never.halfWidth!, 10);

      // Pseudo- and dynamic regret are not recorded by this world: no interval, shown as '-'.
      expect(outcome('never', 'regret/pseudo/cumulative').interval).toBeNull();
      expect(outcome('always', 'mean welfare/principals').interval).toEqual({ n: SEEDS, mean: 1, halfWidth: 0 });
      expect(outcome('always', 'share a1').interval!.mean).toBe(1);
      expect(outcome('never', 'share a1').interval!.mean).toBe(0);
      expect(outcome('never', 'share self').interval!.mean).toBe(1);
      // a1 is delegated to all along after its shift: never detected.
      expect(outcome('always', 'detect a1')).toMatchObject({ interval: null, of: SEEDS });
    } finally {
      db.close();
    }
  });

  it('reuses recorded runs, and groups given runs by the parameter that differs', async () => {
    const file = join(tempDir(), 'c.sqlite');
    (await twoArmRuns(file)).db.close();
    const { db, result } = await twoArmRuns(file);
    try {
      expect(listRuns(db)).toHaveLength(2 * SEEDS);
      const groups = groupRuns(listRuns(db));
      expect(groups.map((g) => [g.label, g.runs.length])).toEqual([['always', SEEDS], ['never', SEEDS]]);
      expect(groups.map((g) => g.runs.map((r) => r.run_id))).toEqual(result.groups.map((g) => g.runs.map((r) => r.run_id)));
      expect(() => compareGroups(db, groups, 'sometimes')).toThrow("--baseline 'sometimes': expected one of always, never");
    } finally {
      db.close();
    }
  });
});
