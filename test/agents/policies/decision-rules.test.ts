import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { argmaxAvailable, ArmStatistics } from '../../../agents/policies/arm-statistics.ts';
import { bayesScoreLearner } from '../../../agents/policies/bayes-score.ts';
import { findPolicy, policies, policyNames } from '../../../agents/policies/index.ts';
import { klUpperBound } from '../../../agents/policies/kl-ucb.ts';
import { indexChoice } from '../../../agents/policies/learner.ts';
import type { ChooseContext, PolicyOptions } from '../../../agents/policy.ts';
import { beta } from '../../../agents/random.ts';
import { ScriptedRandom, seeded } from '../../support/scripted-random.ts';

const base: PolicyOptions = { arms: 3, fixedArm: 1, epsilon: 0, window: 10, discount: 1, contexts: 1 };
const all3 = [true, true, true];
const unused = seeded('unused');

function create(name: string, options: Partial<PolicyOptions> = {}) {
  return findPolicy(name).create({ ...base, ...options });
}

/** Feeds rewards (arm, reward) in order, as if each had been chosen and had arrived. */
function feed(policy: { update(arm: number, reward: number, t: number, context?: number): void }, rewards: [number, number][], context?: number) {
  rewards.forEach(([arm, reward], i) => policy.update(arm, reward, i + 1, context));
}

const at = (t: number, available = all3, extra: Partial<ChooseContext> = {}): ChooseContext => ({ t, available, random: unused, ...extra });

/** Bernoulli divergence with 0 ln 0 = 0, written out for the tests. */
function kl(p: number, q: number): number {
  const term = (x: number, y: number) => (x === 0 ? 0 : x * Math.log(x / y));
  return term(p, q) + term(1 - p, 1 - q);
}

describe('the registry', () => {
  it('finds every policy by its name and names the known ones when asked for another', () => {
    for (const p of policies) expect(findPolicy(p.name)).toBe(p);
    expect(policyNames).toEqual(policies.map((p) => p.name));
    expect(() => findPolicy('nope')).toThrow(`unknown policy 'nope': expected one of ${policies.map((p) => p.name).join(', ')}`);
  });

  it('each created policy carries its registered name, also per context', () => {
    for (const p of policies) {
      expect(p.create({ ...base, prior: { alpha: 1, beta: 1 } }).name).toBe(p.name);
      expect(p.create({ ...base, contexts: 2 }).name).toBe(p.name);
    }
  });

  it('each policy describes itself in one line', () => {
    for (const p of policies) expect(p.summary, p.name).toMatch(/^[^\n]{10,}$/);
  });

  it('with no arm available every policy falls back to acting herself (arm 0)', () => {
    for (const p of policies) {
      for (const epsilon of [0, 1]) {
        const policy = p.create({ ...base, epsilon, fixedArm: 2 });
        const random = seeded(`none:${p.name}`);
        expect(policy.choose({ t: 1, available: [false, false, false], random, oracleMeans: [0.1, 0.9, 0.5] }).arm, p.name).toBe(0);
      }
    }
  });
});

describe('argmaxAvailable and indexChoice against brute force (fast-check)', () => {
  const values = fc.constantFrom(0, 0.25, 0.5, 1, Infinity);
  const scenario = fc.integer({ min: 1, max: 6 }).chain((arms) =>
    fc.record({
      index: fc.array(values, { minLength: arms, maxLength: arms }),
      available: fc.array(fc.boolean(), { minLength: arms, maxLength: arms }),
      outstanding: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: arms, maxLength: arms }),
    }),
  );
  const open = (available: boolean[]) => available.flatMap((ok, a) => (ok ? [a] : []));
  /** The first available arm of the largest score, or 0 when none is available. */
  const bestOf = (scores: number[], available: boolean[]) => {
    const candidates = open(available);
    if (candidates.length === 0) return 0;
    const top = Math.max(...candidates.map((a) => scores[a]));
    return candidates.find((a) => scores[a] === top)!;
  };

  it('argmaxAvailable: the lowest available arm of the largest score, 0 if none is available', () => {
    fc.assert(fc.property(scenario, ({ index, available }) => {
        expect(argmaxAvailable(index, available)).toBe(bestOf(index, available));
      }), { numRuns: 500 });
    expect(argmaxAvailable([0.5, 0.9, 0.9], [true, true, true])).toBe(1);
    expect(argmaxAvailable([0.9, 0.5], [true, true])).toBe(0);
    expect(argmaxAvailable([0.9, 0.5, 0.1], [false, true, true])).toBe(1);
  });

  it('indexChoice: an untried available arm with fewest pulls outstanding first, else the largest index; untried recorded as null', () => {
    let untriedChosen = 0;
    fc.assert(
      fc.property(scenario, ({ index, available, outstanding }) => {
        const untried = open(available).filter((a) => index[a] === Infinity);
        const fewest = Math.min(...untried.map((a) => outstanding[a]));
        const expected = untried.length > 0 ? untried.find((a) => outstanding[a] === fewest)! : bestOf(index, available);
        if (untried.length > 0) untriedChosen++;
        const choice = indexChoice(index, available, outstanding);
        expect(choice.arm).toBe(expected);
        expect(choice.detail).toEqual({ index: index.map((x) => (x === Infinity ? null : x)) });
      }),
      { numRuns: 500 },
    );
    // Both branches were exercised often.
    expect(untriedChosen).toBeGreaterThan(100);
    expect(untriedChosen).toBeLessThan(400);
  });
});

describe('ArmStatistics', () => {
  it('counts pulls, sums rewards, and averages them', () => {
    const stats = new ArmStatistics(3);
    stats.add(0, 1);
    stats.add(0, 0.5);
    stats.add(2, 0.25);
    expect([0, 1, 2].map((a) => stats.count(a))).toEqual([2, 0, 1]);
    expect(stats.mean(0)).toBe(0.75); // (1 + 0.5) / 2
    expect(stats.mean(2)).toBe(0.25);
    expect(stats.total()).toBe(3);
  });
});

describe('never, always, oracle', () => {
  it('never acts herself, whatever is available', () => {
    const policy = create('never');
    expect(policy.choose(at(1)).arm).toBe(0);
    expect(policy.choose(at(2, [false, true, true]))).toEqual({ arm: 0, detail: {} });
  });

  it('always delegates to its fixed arm while it is available, else acts herself', () => {
    const policy = create('always', { fixedArm: 2 });
    expect(policy.choose(at(1))).toEqual({ arm: 2, detail: {} });
    policy.update(2, 0, 1);
    expect(policy.choose(at(2, [true, true, false]))).toEqual({ arm: 0, detail: {} });
  });

  it('the oracle picks the best available mean (lowest arm on ties) and needs the means', () => {
    const policy = create('oracle');
    expect(policy.choose(at(1, all3, { oracleMeans: [0.2, 0.9, 0.5] }))).toEqual({ arm: 1, detail: { mean: 0.9 } });
    expect(policy.choose(at(2, [true, false, true], { oracleMeans: [0.2, 0.9, 0.5] }))).toEqual({ arm: 2, detail: { mean: 0.5 } });
    expect(policy.choose(at(3, all3, { oracleMeans: [0.2, 0.7, 0.7] })).arm).toBe(1);
    policy.update(1, 1, 3);
    expect(() => policy.choose(at(4))).toThrow('oracle: the world supplies no oracleMeans for this decision');
  });
});

describe('UCB1: mean + sqrt(2 ln n / n_i) (SCIENCE.md §5.2)', () => {
  it('plays untried arms first, then the largest index', () => {
    const policy = create('ucb1');
    expect(policy.choose(at(1))).toEqual({ arm: 0, detail: { index: [null, null, null] } });
    feed(policy, [[0, 1], [0, 0], [1, 1], [2, 0.5]]);
    // n = 4: arm 0 mean 1/2 over 2 pulls, 1/2 + sqrt(ln 4); arm 1: 1 + sqrt(2 ln 4); arm 2: 1/2 + sqrt(2 ln 4).
    const { arm, detail } = policy.choose(at(5));
    const index = detail.index as number[];
    [0.5 + Math.sqrt(Math.log(4)), 1 + Math.sqrt(2 * Math.log(4)), 0.5 + Math.sqrt(2 * Math.log(4))].forEach((x, a) => expect(index[a]).toBeCloseTo(x, 14));
    expect(arm).toBe(1);
    expect(policy.choose(at(6, [true, false, true])).arm).toBe(2);
  });

  it('chooses the same arm with the same index as a transparent reference, decision by decision, on a fixed reward table', () => {
    const arms = 4;
    const horizon = 3_000;
    const table = seeded('rewards');
    const rewards = Array.from({ length: arms }, (_, a) => Array.from({ length: horizon }, () => (table.next() < 0.2 + 0.2 * a ? 1 : 0.25)));
    const policy = create('ucb1', { arms });
    const pulls = new Array<number>(arms).fill(0);
    const sums = new Array<number>(arms).fill(0);
    const available = new Array<boolean>(arms).fill(true);
    for (let t = 1; t <= horizon; t++) {
      // Reference: first the untried arms in order, then argmax of mean + sqrt(2 ln n / n_i), ties to the lowest arm.
      let expected = pulls.indexOf(0);
      let expectedIndex: number | null = null;
      if (expected < 0) {
        const index = pulls.map((k, a) => sums[a] / k + Math.sqrt((2 * Math.log(t - 1)) / k));
        expectedIndex = Math.max(...index);
        expected = index.indexOf(expectedIndex);
      }
      const { arm, detail } = policy.choose(at(t, available));
      expect(arm).toBe(expected);
      const index = (detail.index as (number | null)[])[arm];
      expect(index === null).toBe(expectedIndex === null);
      expect(index ?? 0).toBeCloseTo(expectedIndex ?? 0, 12);
      const reward = rewards[arm][pulls[arm]];
      pulls[arm] += 1;
      sums[arm] += reward;
      policy.update(arm, reward, t);
    }
    // Not a degenerate check: every arm was tried and the best arm dominates.
    expect(Math.min(...pulls)).toBeGreaterThan(0);
    expect(pulls.indexOf(Math.max(...pulls))).toBe(arms - 1);
  });
});

describe('KL-UCB: the largest q with n_i KL(mean_i, q) <= ln n (SCIENCE.md §5.3)', () => {
  it('bisects until the bracket is at most the precision, keeping the lower end', () => {
    // Budget KL(1/2, 0.85) ≈ 0.317: [0.5, 1] → mid 0.75 (KL 0.144, in) → [0.75, 1] → mid 0.875 (out) →
    // [0.75, 0.875], width 0.125 = precision: stop at 0.75. One step more would reach 0.8125.
    expect(klUpperBound(0.5, 1, kl(0.5, 0.85), 0.125)).toBe(0.75);
    // ln n / n_i is the budget: 2 pulls, ln n = 2 KL(1/2, 0.85) is the same budget.
    expect(klUpperBound(0.5, 2, 2 * kl(0.5, 0.85), 0.125)).toBe(0.75);
    // A q reached exactly is inside: budget KL(1/2, 3/4) keeps 0.75 (excluding it would end at 0.6875).
    expect(klUpperBound(0.5, 1, kl(0.5, 0.75), 0.125)).toBe(0.75);
    // A mean of 1 is its own bound.
    expect(klUpperBound(1, 3, Math.log(4), 1e-6)).toBe(1);
  });

  it('lands within the precision below the exact bound, for any mean, pulls and total (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 20 }).chain((pulls) => fc.tuple(fc.constant(pulls), fc.integer({ min: 0, max: pulls - 1 }))),
        fc.integer({ min: 1, max: 200 }),
        fc.constantFrom(1e-3, 1e-6),
        ([pulls, wins], others, precision) => {
          // A mean below 1 (a mean of 1 is checked above): the bound q* < 1 satisfies q ≤ q* < q + precision.
          const mean = wins / pulls;
          const logN = Math.log(pulls + others);
          const q = klUpperBound(mean, pulls, logN, precision);
          expect(q).toBeGreaterThanOrEqual(mean);
          expect(pulls * kl(mean, q)).toBeLessThanOrEqual(logN);
          expect(pulls * kl(mean, Math.min(q + precision, 1))).toBeGreaterThan(logN);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('indexes each tried arm by its bound at the default precision 1e-6', () => {
    const policy = create('kl-ucb');
    feed(policy, [[0, 1], [1, 0], [1, 1], [2, 0], [2, 0]]);
    const { arm, detail } = policy.choose(at(6));
    const index = detail.index as number[];
    // Arm 0: mean 1, index 1. Arm 1: 2 KL(1/2, q) = ln 5. Arm 2: mean 0, 2 KL(0, q) = −2 ln(1 − q) = ln 5, q = 1 − 5^(−1/2).
    expect(index[0]).toBe(1);
    expect(2 * kl(0.5, index[1])).toBeLessThanOrEqual(Math.log(5));
    expect(2 * kl(0.5, index[1] + 1e-6)).toBeGreaterThan(Math.log(5));
    expect(index[2]).toBeLessThanOrEqual(1 - 5 ** -0.5);
    expect(index[2]).toBeGreaterThan(1 - 5 ** -0.5 - 1e-6);
    expect(arm).toBe(0);
    expect(policy.choose(at(7, [true, true, false])).arm).toBe(0);
    expect(policy.choose(at(8, [false, true, true])).arm).toBe(1);
  });

  it('uses the given precision', () => {
    const policy = create('kl-ucb', { klPrecision: 0.125 });
    feed(policy, [[0, 1], [1, 0], [2, 0.5]]);
    // Arm 2: mean 1/2, 1 pull, budget ln 3 ≈ 1.10: 0.75 (KL 0.144) in, 0.875 (KL 0.413) in; bracket [0.875, 1] stops.
    expect((policy.choose(at(4)).detail.index as number[])[2]).toBe(0.875);
  });
});

describe('SW-UCB: over the last τ pulls, mean + sqrt(ξ ln min(t, τ) / N) (SCIENCE.md §5.4)', () => {
  it('forgets pulls older than the window, the oldest first once the window is full', () => {
    const policy = create('sw-ucb', { window: 2 });
    feed(policy, [[0, 1], [1, 0]]);
    const bonus2 = (n: number) => Math.sqrt((0.6 * Math.log(2)) / n);
    expect(policy.choose(at(3)).arm).toBe(2);
    policy.update(2, 0.5, 3); // the window now holds (1: 0), (2: 0.5); arm 0 is untried again
    expect(policy.choose(at(4))).toEqual({ arm: 0, detail: { index: [null, 0 + bonus2(1), 0.5 + bonus2(1)] } });
    policy.update(1, 1, 4); // (2: 0.5), (1: 1)
    expect(policy.choose(at(5, [false, true, true]))).toEqual({ arm: 1, detail: { index: [null, 1 + bonus2(1), 0.5 + bonus2(1)] } });
    policy.update(1, 0, 5); // (1: 1), (1: 0)
    expect(policy.choose(at(6, [false, true, true])).detail).toEqual({ index: [null, 0.5 + bonus2(2), null] });
  });

  it('takes a forgotten reward out of its arm\'s sum', () => {
    const policy = create('sw-ucb', { arms: 1, window: 2 });
    feed(policy, [[0, 1], [0, 0.5], [0, 0]]); // the window holds 0.5 and 0: mean 1/4
    expect(policy.choose(at(4, [true]))).toEqual({ arm: 0, detail: { index: [0.25 + Math.sqrt((0.6 * Math.log(2)) / 2)] } });
  });

  it('uses ln t while fewer than τ pulls were made', () => {
    const policy = create('sw-ucb', { window: 10 });
    feed(policy, [[0, 1], [1, 0], [2, 0.5]]);
    const bonus = Math.sqrt(0.6 * Math.log(3));
    expect(policy.choose(at(4))).toEqual({ arm: 0, detail: { index: [1 + bonus, bonus, 0.5 + bonus] } });
  });
});

describe('D-UCB: discounted counts and sums, mean + 2 sqrt(ξ ln n(γ) / N(γ, i)) (SCIENCE.md §5.4)', () => {
  it('discounts every arm at each pull', () => {
    const policy = create('d-ucb', { arms: 2, discount: 0.5 });
    expect(policy.choose(at(1, [true, true]))).toEqual({ arm: 0, detail: { index: [null, null] } });
    policy.update(0, 1, 1);
    policy.update(1, 0, 2);
    policy.update(0, 1, 3); // N = (1.25, 0.5), S = (1.25, 0), n = 1.75
    const { arm, detail } = policy.choose(at(4, [true, true]));
    const index = detail.index as number[];
    expect(index[0]).toBeCloseTo(1 + 2 * Math.sqrt((0.6 * Math.log(1.75)) / 1.25), 14);
    expect(index[1]).toBeCloseTo(2 * Math.sqrt((0.6 * Math.log(1.75)) / 0.5), 14);
    expect(arm).toBe(0); // 2.04 against 1.64
    expect(policy.choose(at(5, [false, true])).arm).toBe(1);
  });
});

describe('epsilon-greedy', () => {
  it('explores when its draw falls below ε: a uniform pick among the available arms', () => {
    const policy = create('epsilon-greedy', { arms: 4, epsilon: 0.5 });
    // Open arms 0, 2, 3: the draw 0.7 picks floor(0.7 · 3) = 2, the third of them.
    const random = new ScriptedRandom([0.2, 0.7, 0.49, 0.1]);
    expect(policy.choose({ t: 1, available: [true, false, true, true], random })).toEqual({ arm: 3, detail: { explore: true } });
    expect(policy.choose({ t: 2, available: [false, true, true, true], random })).toEqual({ arm: 1, detail: { explore: true } });
    expect(random.used).toBe(4);
  });

  it('exploits when its draw is ε or more: untried arms first, then the best mean', () => {
    const policy = create('epsilon-greedy', { epsilon: 0.5 });
    const random = new ScriptedRandom([0.5, 0.5, 0.5, 0.9]);
    feed(policy, [[0, 0.4], [1, 0.75], [1, 1]]);
    expect(policy.choose({ t: 4, available: all3, random })).toEqual({ arm: 2, detail: { explore: false, mean: null, pulls: 0 } });
    policy.update(2, 0.1, 4);
    expect(policy.choose({ t: 5, available: all3, random })).toEqual({ arm: 1, detail: { explore: false, mean: 0.875, pulls: 2 } });
    expect(policy.choose({ t: 6, available: [true, false, true], random })).toEqual({ arm: 0, detail: { explore: false, mean: 0.4, pulls: 1 } });
    expect(policy.choose({ t: 7, available: [false, true, true], random }).arm).toBe(1);
    expect(random.used).toBe(4);
  });
});

describe('Thompson sampling: Beta posteriors, rewards as Bernoulli trials (SCIENCE.md §5.5)', () => {
  /** Draws from the given Beta posteriors, arm by arm, from a fresh copy of a seeded stream. */
  function reference(seed: string, posteriors: [number, number][]) {
    const stream = seeded(seed);
    return posteriors.map(([a, b]) => beta(stream, a, b));
  }

  it('draws each arm from its prior, Beta(1, 1) by default, and picks the largest available draw', () => {
    const policy = create('thompson');
    const { arm, detail } = policy.choose({ t: 1, available: all3, random: seeded('t1') });
    const sample = reference('t1', [[1, 1], [1, 1], [1, 1]]);
    expect(detail).toEqual({ sample });
    expect(arm).toBe(sample.indexOf(Math.max(...sample)));
    const masked = policy.choose({ t: 2, available: [false, true, true], random: seeded('t1') });
    expect(masked.arm).toBe(sample[1] >= sample[2] ? 1 : 2);
  });

  it('updates a prior whose β differs from α by Bayes: a success adds to α, a failure to β', () => {
    const policy = create('thompson', { arms: 2, prior: { alpha: 2, beta: 5 } });
    expect(policy.choose({ t: 1, available: [true, true], random: seeded('t2') }).detail.sample).toEqual(reference('t2', [[2, 5], [2, 5]]));
    policy.update(0, 1, 1); // a reward of 1 is always a success: Beta(3, 5)
    policy.update(1, 0, 2); // a reward of 0 is always a failure: Beta(2, 6)
    const random = new ScriptedRandom([0.99, 0], seeded('t3'));
    expect(policy.choose({ t: 3, available: [true, true], random }).detail.sample).toEqual(reference('t3', [[3, 5], [2, 6]]));
    // The trials ran once: the next draws come from the same posteriors.
    expect(policy.choose({ t: 4, available: [true, true], random: seeded('t4') }).detail.sample).toEqual(reference('t4', [[3, 5], [2, 6]]));
  });

  it('a reward r is a success when the trial draw is below r', () => {
    const policy = create('thompson', { arms: 2 });
    policy.update(0, 0.5, 1);
    policy.update(1, 0.5, 2);
    // Draw 0.5 for arm 0: not below 0.5, a failure; 0.4999 for arm 1: a success.
    const random = new ScriptedRandom([0.5, 0.4999], seeded('t5'));
    expect(policy.choose({ t: 3, available: [true, true], random }).detail.sample).toEqual(reference('t5', [[1, 2], [2, 1]]));
  });

  it('keeps one posterior per context', () => {
    const policy = create('thompson', { arms: 2, contexts: 2 });
    policy.update(1, 1, 1, 1);
    const random = new ScriptedRandom([0.5], seeded('t6'));
    expect(policy.choose({ t: 2, available: [true, true], random, context: 1 }).detail.sample).toEqual(reference('t6', [[1, 1], [2, 1]]));
    expect(policy.choose({ t: 3, available: [true, true], random: seeded('t7'), context: 0 }).detail.sample).toEqual(reference('t7', [[1, 1], [1, 1]]));
  });
});

describe('one bandit per context, and pulls awaiting their reward (SCIENCE.md §5.7)', () => {
  it('keeps a separate bandit per context; without a context, the first', () => {
    const policy = create('ucb1', { arms: 2, contexts: 2 });
    feed(policy, [[0, 0], [1, 1]], 0);
    // Context 0 has tried both arms (arm 1 is better); context 1 has tried none.
    expect(policy.choose(at(3, [true, true], { context: 0 })).arm).toBe(1);
    expect(policy.choose(at(4, [true, true], { context: 1 }))).toEqual({ arm: 0, detail: { index: [null, null] } });
    expect(policy.choose(at(5, [true, true])).arm).toBe(1);
    expect(() => policy.choose(at(6, [true, true], { context: 2 }))).toThrow('ucb1: context 2 is outside 0..1');
    expect(() => policy.update(0, 1, 6, -1)).toThrow('ucb1: context -1 is outside 0..1');
  });

  it('with one context (or none asked for) it ignores the context it is given', () => {
    for (const contexts of [0, 1]) {
      const policy = create('ucb1', { arms: 2, contexts });
      feed(policy, [[0, 0], [1, 1]], 4);
      expect(policy.choose(at(3, [true, true], { context: 7 })).arm).toBe(1);
    }
  });

  it('tries each arm once before repeating one whose first reward is still on its way', () => {
    for (const name of ['ucb1', 'kl-ucb', 'sw-ucb', 'd-ucb']) {
      const policy = create(name);
      expect([1, 2, 3, 4, 5, 6].map((t) => policy.choose(at(t)).arm), name).toEqual([0, 1, 2, 0, 1, 2]);
    }
  });

  it('a reward that arrives no longer counts as awaited', () => {
    // A window of one pull: an arm leaves the window, untried again, at the next reward.
    const policy = create('sw-ucb', { window: 1 });
    expect([1, 2, 3].map((t) => policy.choose(at(t)).arm)).toEqual([0, 1, 2]); // awaiting (1, 1, 1)
    policy.update(1, 1, 1); // awaiting (1, 0, 1); the window holds arm 1
    policy.update(2, 1, 2); // awaiting (1, 0, 0); the window holds arm 2, arm 1 is untried again
    // Untried: arm 0 with one pull awaited, arm 1 with none.
    expect(policy.choose(at(4)).arm).toBe(1);
  });

  it('counts awaited pulls per context', () => {
    const policy = create('ucb1', { contexts: 2 });
    expect([0, 1, 0, 1].map((context, t) => policy.choose(at(t + 1, all3, { context })).arm)).toEqual([0, 0, 1, 1]);
  });

  it('a reward for a pull it never made does not make the count of awaited pulls negative', () => {
    // A window of one pull: an arm leaves the window, untried again, at the next reward.
    const policy = create('sw-ucb', { window: 1 });
    expect(policy.choose(at(1)).arm).toBe(0); // awaiting (1, 0, 0)
    policy.update(2, 1, 1); // never chosen: awaiting stays (1, 0, 0)
    policy.update(0, 1, 2); // awaiting (0, 0, 0); the window holds arm 0 only
    // Arms 1 and 2 are untried, neither awaited: the lower one.
    expect(policy.choose(at(3)).arm).toBe(1);
  });
});

describe('bayes-score and score-criterion: the expected score under Beta posteriors (SCIENCE.md §3.9)', () => {
  // SCIENCE.md §3.9's worked case: the assistant audited right, wrong-accepted, wrong-accepted, right,
  // right: p ~ Beta(4, 3), b ~ Beta(3, 1).
  const audits = [{ right: 1 }, { right: 0, accepted: true }, { right: 0, accepted: true }, { right: 1 }, { right: 1 }];
  function audited(name: string) {
    const policy = create(name, { arms: 2 });
    // The reward passed alongside is the opposite of the audit: the audit is what counts.
    audits.forEach((audit, i) => policy.update(1, 1 - audit.right, i + 1, undefined, audit));
    return policy;
  }
  const scores = (choice: { detail: Record<string, unknown> }) => choice.detail.score as number[];

  it('reproduces the worked case: delegate at w = 2, ℓ = 1 (S = −3/7); keep at w = 1, ℓ = 4 (S = 2/7)', () => {
    const policy = audited('bayes-score');
    const cheap = policy.choose(at(6, [true, true], { stakes: { gain: 2, loss: 1, winChance: 0.5 } }));
    expect(cheap.arm).toBe(1);
    [0, -3 / 7].forEach((s, a) => expect(scores(cheap)[a]).toBeCloseTo(s, 14));
    const dear = policy.choose(at(7, [true, true], { stakes: { gain: 1, loss: 4, winChance: 0.5 } }));
    expect(dear.arm).toBe(0);
    [0, 2 / 7].forEach((s, a) => expect(scores(dear)[a]).toBeCloseTo(s, 14));
    // Without stakes, unit stakes: S = 1 − 2 · 4/7 = −1/7.
    const unit = policy.choose(at(8, [true, true]));
    expect(unit.arm).toBe(1);
    expect(scores(unit)[1]).toBeCloseTo(-1 / 7, 14);
  });

  it('score-criterion scores at unit stakes whatever the problem\'s stakes', () => {
    const choice = audited('score-criterion').choose(at(6, [true, true], { stakes: { gain: 1, loss: 4, winChance: 0.5 } }));
    expect(choice.arm).toBe(1);
    [0, -1 / 7].forEach((s, a) => expect(scores(choice)[a]).toBeCloseTo(s, 14));
  });

  it('without an audit the reward is how right the decision was', () => {
    const policy = create('score-criterion', { arms: 2 });
    policy.update(1, 0.25, 1); // Beta(1.25, 1.75): S = 1 − 2 · 5/12 = 1/6 > 0
    expect(policy.choose(at(2, [true, true])).arm).toBe(0);
    expect(scores(policy.choose(at(3, [true, true])))[1]).toBeCloseTo(1 / 6, 14);
  });

  it('delegates to the assistant of lowest score (the lower arm on ties) iff it is at most her own; without her, always', () => {
    const policy = create('score-criterion', { arms: 4 });
    feed(policy, [[0, 1], [1, 0], [2, 1], [3, 1]]); // S = (−1/3, 1/3, −1/3, −1/3)
    expect(policy.choose(at(5, [true, true, true, true])).arm).toBe(2);
    expect(policy.choose(at(6, [true, true, false, true])).arm).toBe(3);
    expect(policy.choose(at(7, [true, true, false, false])).arm).toBe(0);
    expect(policy.choose(at(8, [false, true, false, false])).arm).toBe(1);
    expect(policy.choose(at(9, [false, false, false, false])).arm).toBe(0);
  });

  it('shows its beliefs: the prior, then the conjugate update of accuracy and bias', () => {
    const learner = bayesScoreLearner(2, { alpha: 2, beta: 3 }, false);
    const prior = { right: { alpha: 2, beta: 3 }, acceptsWhenWrong: { alpha: 1, beta: 1 } };
    expect(learner.beliefs()).toEqual([prior, prior]);
    learner.update(1, 1, { right: 0, accepted: true });
    expect(learner.beliefs()).toEqual([prior, { right: { alpha: 2, beta: 4 }, acceptsWhenWrong: { alpha: 2, beta: 1 } }]);
  });

  it('uses the prior option, Beta(1, 1) by default, for accuracy', () => {
    // Prior Beta(1, 3): S = 1 − 2 · 1/4 = 1/2 for everyone; by default 0.
    expect(scores(create('bayes-score', { arms: 2, prior: { alpha: 1, beta: 3 } }).choose(at(1, [true, true])))).toEqual([0.5, 0.5]);
    expect(scores(create('bayes-score', { arms: 2 }).choose(at(1, [true, true])))).toEqual([0, 0]);
  });
});
