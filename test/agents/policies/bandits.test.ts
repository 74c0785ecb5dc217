import fc from 'fast-check';
import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { findPolicy, policies } from '../../../agents/policies/index.ts';
import type { PolicyOptions } from '../../../agents/policy.ts';
import type { Random } from '../../../agents/random.ts';
import { ucb1RegretBound } from '../../../src/measures/regret.ts';

const baseOptions: PolicyOptions = { arms: 2, fixedArm: 1, epsilon: 0.1, window: 100, discount: 0.99, contexts: 1 };

function stream(seed: string): Random {
  const prng = seedrandom.alea(seed);
  return { next: () => prng() };
}

interface Run {
  /** Pseudo-regret against each step's best arm, summed, at each checkpoint. */
  readonly regretAt: number[];
  /** Pulls of each step's best arm over the last 1,000 steps. */
  readonly bestLate: number;
}

/** One run of a policy on Bernoulli arms whose means may change with the step (SCIENCE.md §5). */
function simulate(name: string, meansAt: (t: number) => readonly number[], horizon: number, seed: number, options: Partial<PolicyOptions> = {}, checkpoints = [horizon]): Run {
  const arms = meansAt(1).length;
  const policy = findPolicy(name).create({ ...baseOptions, arms, ...options });
  const environment = stream(`env:${seed}`);
  const random = stream(`policy:${seed}`);
  const available = new Array<boolean>(arms).fill(true);
  let regret = 0;
  let bestLate = 0;
  const regretAt: number[] = [];
  for (let t = 1; t <= horizon; t++) {
    const means = meansAt(t);
    const { arm } = policy.choose({ t, available, random, oracleMeans: means });
    policy.update(arm, environment.next() < means[arm] ? 1 : 0, t);
    const best = Math.max(...means);
    regret += best - means[arm];
    if (t > horizon - 1000 && means[arm] === best) bestLate++;
    if (checkpoints.includes(t)) regretAt.push(regret);
  }
  return { regretAt, bestLate };
}

function meanOver(runs: number, f: (seed: number) => number[]): number[] {
  const totals = f(0).map(() => 0);
  for (let seed = 0; seed < runs; seed++) f(seed).forEach((x, i) => (totals[i] += x / runs));
  return totals;
}

// Self 0.5, a good assistant 0.9, a poor one 0.3.
const stationary = [0.5, 0.9, 0.3];

describe('bandit delegation on stationary Bernoulli arms (SCIENCE.md §5)', () => {
  it('UCB1: mean pseudo-regret under the Auer et al. bound, growing like ln T (50 runs, T = 10^4 and 10^5)', () => {
    const [r4, r5] = meanOver(50, (seed) => simulate('ucb1', () => stationary, 100_000, seed, {}, [10_000, 100_000]).regretAt);
    expect(r4).toBeLessThan(ucb1RegretBound(stationary, 10_000));
    expect(r5).toBeLessThan(ucb1RegretBound(stationary, 100_000));
    const flatness = r5 / Math.log(100_000) / (r4 / Math.log(10_000));
    expect(Math.abs(flatness - 1)).toBeLessThan(0.2);
  });

  it('KL-UCB has lower mean regret than UCB1 (50 runs, T = 10^4; Garivier & Cappé 2011)', () => {
    const [kl, ucb] = meanOver(50, (seed) => [
      simulate('kl-ucb', () => stationary, 10_000, seed).regretAt[0],
      simulate('ucb1', () => stationary, 10_000, seed).regretAt[0],
    ]);
    expect(kl).toBeLessThan(ucb);
  });

  it('Thompson sampling converges to the best arm (20 runs, T = 5,000: > 95% best pulls in the last 1,000)', () => {
    const [late] = meanOver(20, (seed) => [simulate('thompson', () => stationary, 5_000, seed).bestLate]);
    expect(late / 1000).toBeGreaterThan(0.95);
  });

  it('Thompson sampling draws from its prior Beta(α, β) before any data, and updates it by Bayes', () => {
    // Beta(2, 8) has mean 2/10 and sd √(16 / (100 · 11)) ≈ 0.121, so the mean of 4,000 draws is within
    // 0.01 of 0.2 (5 sd). After one success on arm 0 its posterior is Beta(3, 8), mean 3/11.
    const policy = findPolicy('thompson').create({ ...baseOptions, prior: { alpha: 2, beta: 8 } });
    const random = stream('thompson-prior');
    const available = [true, true];
    const meanDraw = (arm: number, draws: number) => {
      let total = 0;
      for (let i = 0; i < draws; i++) total += (policy.choose({ t: 1, available, random }).detail.sample as number[])[arm];
      return total / draws;
    };
    expect(Math.abs(meanDraw(0, 4000) - 0.2)).toBeLessThan(0.01);
    expect(Math.abs(meanDraw(1, 4000) - 0.2)).toBeLessThan(0.01);
    policy.update(0, 1, 1);
    expect(Math.abs(meanDraw(0, 4000) - 3 / 11)).toBeLessThan(0.01);
  });

  it('the oracle has zero pseudo-regret', () => {
    expect(simulate('oracle', () => stationary, 1_000, 1).regretAt[0]).toBe(0);
  });
});

describe('bandit delegation when the best arm switches (SCIENCE.md §5, Garivier & Moulines 2011)', () => {
  it('SW-UCB and D-UCB have lower dynamic regret than UCB1 (20 runs, T = 2·10^4, switch at 10^4)', () => {
    const horizon = 20_000;
    const meansAt = (t: number) => (t <= 10_000 ? [0.9, 0.6] : [0.5, 0.8]);
    // Garivier & Moulines' tuning for one breakpoint: τ = 2 sqrt(T ln T), γ = 1 − 1/(4 sqrt T).
    const options = { window: Math.round(2 * Math.sqrt(horizon * Math.log(horizon))), discount: 1 - 1 / (4 * Math.sqrt(horizon)) };
    const [ucb, sw, d] = meanOver(20, (seed) =>
      ['ucb1', 'sw-ucb', 'd-ucb'].map((name) => simulate(name, meansAt, horizon, seed, options).regretAt[0]),
    );
    expect(sw).toBeLessThan(ucb);
    expect(d).toBeLessThan(ucb);
  });
});

describe('per-context bandits (option contexts > 1)', () => {
  it('UCB1 keeps one bandit per problem area, learning opposite best arms', () => {
    const policy = findPolicy('ucb1').create({ ...baseOptions, arms: 3, contexts: 2 });
    const means = [[0.2, 0.9, 0.1], [0.2, 0.1, 0.9]];
    const environment = stream('areas');
    const random = stream('unused');
    const late = [0, 0];
    for (let t = 1; t <= 4_000; t++) {
      const context = t % 2;
      const { arm } = policy.choose({ t, available: [true, true, true], random, context });
      policy.update(arm, environment.next() < means[context][arm] ? 1 : 0, t, context);
      if (t > 3_000 && arm === 1 + context) late[context]++;
    }
    expect(late[0]).toBeGreaterThan(450);
    expect(late[1]).toBeGreaterThan(450);
    expect(() => policy.choose({ t: 1, available: [true, true, true], random, context: 2 })).toThrow(/context 2/);
  });
});

describe('availability (fast-check)', () => {
  const steps = (arms: number, selfAlwaysAvailable: boolean) =>
    fc.array(
      fc.record({
        available: fc
          .array(fc.boolean(), { minLength: arms, maxLength: arms })
          .map((mask) => (selfAlwaysAvailable ? [true, ...mask.slice(1)] : mask))
          .filter((mask) => mask.some(Boolean)),
        reward: fc.double({ min: 0, max: 1, noNaN: true }),
        means: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: arms, maxLength: arms }),
        context: fc.integer({ min: 0, max: 2 }),
      }),
      { minLength: 1, maxLength: 40 },
    );

  const scenario = (selfAlwaysAvailable: boolean) =>
    fc
      .record({ arms: fc.integer({ min: 2, max: 5 }), contexts: fc.integer({ min: 1, max: 3 }), seed: fc.integer() })
      .chain((s) => fc.record({ setup: fc.constant(s), steps: steps(s.arms, selfAlwaysAvailable) }));

  function check(names: readonly string[], selfAlwaysAvailable: boolean) {
    fc.assert(
      fc.property(scenario(selfAlwaysAvailable), ({ setup, steps }) => {
        for (const name of names) {
          const policy = findPolicy(name).create({ ...baseOptions, arms: setup.arms, contexts: setup.contexts, fixedArm: setup.arms - 1, window: 3, discount: 0.8 });
          const random = stream(`availability:${setup.seed}`);
          steps.forEach((step, i) => {
            const context = step.context % setup.contexts;
            const { arm } = policy.choose({ t: i + 1, available: step.available, random, context, oracleMeans: step.means });
            expect(step.available[arm], `${name} chose unavailable arm ${arm}`).toBe(true);
            policy.update(arm, step.reward, i + 1, context);
          });
        }
      }),
      { numRuns: 200 },
    );
  }

  it('no registered policy picks an unavailable arm while the principal can act herself', () => {
    check(policies.map((p) => p.name), true);
  });

  it('the learning policies pick an available arm even when acting oneself is unavailable', () => {
    check(['ucb1', 'kl-ucb', 'thompson', 'sw-ucb', 'd-ucb', 'oracle', 'score-criterion'], false);
  });
});
