import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { findPolicy, policies } from '../../../agents/policies/index.ts';
import type { PolicyOptions } from '../../../agents/policy.ts';
import type { Random } from '../../../agents/random.ts';
import { ucb1RegretBound } from '../../../src/measures/regret.ts';

const options: PolicyOptions = { arms: 3, fixedArm: 1, epsilon: 0.1, window: 500, discount: 0.99, contexts: 1 };

function stream(seed: string): Random {
  const prng = seedrandom.alea(seed);
  return { next: () => prng() };
}

interface DelayedRun {
  readonly pseudoRegret: number;
  /** The most pulls of one arm awaiting their reward at once. */
  readonly mostOutstanding: number;
}

/**
 * A policy on stationary Bernoulli arms whose rewards arrive `delay` steps after the pull: the reward
 * of the pull at step t is delivered before the choice at step t + delay. Regret is charged at the pull.
 */
function runDelayed(name: string, means: readonly number[], horizon: number, delay: number, seed: number): DelayedRun {
  const policy = findPolicy(name).create({ ...options, arms: means.length });
  const environment = stream(`env:${seed}`);
  const random = stream(`policy:${seed}`);
  const available = means.map(() => true);
  const inFlight: { due: number; arm: number; reward: number; t: number }[] = [];
  const outstanding = means.map(() => 0);
  const best = Math.max(...means);
  let pseudoRegret = 0;
  let mostOutstanding = 0;
  for (let t = 1; t <= horizon; t++) {
    while (inFlight.length > 0 && inFlight[0].due <= t) {
      const arrived = inFlight.shift()!;
      outstanding[arrived.arm] -= 1;
      policy.update(arrived.arm, arrived.reward, arrived.t);
    }
    const { arm } = policy.choose({ t, available, random, oracleMeans: means });
    pseudoRegret += best - means[arm];
    inFlight.push({ due: t + delay, arm, reward: environment.next() < means[arm] ? 1 : 0, t });
    outstanding[arm] += 1;
    mostOutstanding = Math.max(mostOutstanding, ...outstanding);
  }
  return { pseudoRegret, mostOutstanding };
}

const means = [0.5, 0.7, 0.4];
const gaps = means.map((m) => Math.max(...means) - m);

describe('delayed feedback: rewards arrive when their audit does (SCIENCE.md §5.7)', () => {
  it('UCB1 updated on arrival stays within the Joulani–György–Szepesvári bound: UCB1 bound + Σ Δ_i · G*, G* ≤ τ (20 runs, fixed delay)', () => {
    const horizon = 10_000;
    for (const delay of [10, 100]) {
      const runs = Array.from({ length: 20 }, (_, seed) => runDelayed('ucb1', means, horizon, delay, seed));
      const meanRegret = runs.reduce((s, r) => s + r.pseudoRegret, 0) / runs.length;
      const bound = ucb1RegretBound(means, horizon) + delay * gaps.reduce((s, g) => s + g, 0);
      expect(meanRegret).toBeLessThan(bound);
      // A policy that learnt nothing would pay T · mean gap ≈ 1,667 — well above the bound (≈ 640 + 0.5τ).
      expect(horizon * (gaps.reduce((s, g) => s + g, 0) / means.length)).toBeGreaterThan(bound);
      // While the first rewards are on their way, untried arms share the pulls: no arm has more than τ outstanding.
      for (const run of runs) expect(run.mostOutstanding).toBeLessThanOrEqual(delay);
    }
  });

  it('every learning policy still learns when rewards arrive 50 steps late: mean regret below uniform play', () => {
    const learning = policies.filter((p) => !['never', 'always', 'oracle'].includes(p.name)).map((p) => p.name);
    expect(learning).toContain('bayes-score');
    for (const name of learning) {
      const regret = Array.from({ length: 5 }, (_, seed) => runDelayed(name, means, 5_000, 50, seed).pseudoRegret).reduce((s, r) => s + r, 0) / 5;
      // Uniform play pays 5,000 · 1/6 ≈ 833. d-ucb at discount 0.99 explores almost uniformly even without delay (≈ 565).
      expect(regret, name).toBeLessThan(833);
    }
  });
});
