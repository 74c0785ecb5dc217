import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { findPolicy } from '../../../agents/policies/index.ts';
import type { PolicyOptions } from '../../../agents/policy.ts';
import { score, uniformProblems } from '../../../src/measures/scoring.ts';

const options: PolicyOptions = { arms: 3, fixedArm: 1, epsilon: 0, window: 10, discount: 1, contexts: 1 };
const random = { next: seedrandom.alea('unused') };

describe('score-criterion: the §3.4 criterion with Bayes-updated beliefs (SCIENCE.md §3)', () => {
  it('delegates on ties, S_delegate ≤ S_self (paper §3.4)', () => {
    const policy = findPolicy('score-criterion').create(options);
    expect(policy.choose({ t: 1, available: [true, true, true], random })).toEqual({ arm: 1, detail: { score: [0, 0, 0] } });
  });

  it('scores each decider 1 − 2 E[p] under its Beta posterior and keeps the principal when she scores best', () => {
    const policy = findPolicy('score-criterion').create(options);
    policy.update(0, 1, 1); // Beta(2, 1): E[p] = 2/3
    policy.update(1, 0.25, 2); // Beta(1.25, 1.75): E[p] = 5/12
    policy.update(2, 0, 3); // Beta(1, 2): E[p] = 1/3
    const { arm, detail } = policy.choose({ t: 4, available: [true, true, true], random });
    expect(arm).toBe(0);
    const scores = detail.score as number[];
    [-1 / 3, 1 / 6, 1 / 3].forEach((s, a) => expect(scores[a]).toBeCloseTo(s, 15));
    // The same number from the framework: a unit gamble {+1 if the decision is good, −1 if not}, always accepted, `correct` convention.
    [2 / 3, 5 / 12, 1 / 3].forEach((p, a) => expect(score(uniformProblems([p, 1 - p], [[1, -1]]), () => true, 'correct').score).toBeCloseTo(scores[a], 15));
    expect(policy.choose({ t: 5, available: [false, false, true], random }).arm).toBe(2);
    expect(policy.choose({ t: 5, available: [false, true, true], random }).arm).toBe(1);
  });

  it('uses the prior option: a principal confident in herself keeps deciding until an assistant proves better', () => {
    const policy = findPolicy('score-criterion').create({ ...options, arms: 2, prior: { alpha: 3, beta: 1 } });
    expect(policy.choose({ t: 1, available: [true, true], random }).arm).toBe(1); // equal priors: tie delegates
    policy.update(1, 0, 1); // assistant now Beta(3, 2): E = 3/5 < 3/4
    expect(policy.choose({ t: 2, available: [true, true], random }).arm).toBe(0);
  });

  it('follows the criterion at every step and mostly learns to delegate to a better assistant (20 runs)', () => {
    let delegated = 0;
    for (let seed = 0; seed < 20; seed++) {
      const policy = findPolicy('score-criterion').create({ ...options, arms: 2 });
      const environment = seedrandom.alea(`score:${seed}`);
      for (let t = 1; t <= 2_000; t++) {
        const { arm, detail } = policy.choose({ t, available: [true, true], random });
        const [self, assistant] = detail.score as number[];
        expect(arm).toBe(assistant <= self ? 1 : 0);
        policy.update(arm, environment() < [0.5, 0.8][arm] ? 1 : 0, t);
        if (t > 1_500 && arm === 1) delegated++;
      }
    }
    // Myopic, like the static criterion: in a few runs an unlucky start leaves the principal deciding herself for good.
    expect(delegated / (20 * 500)).toBeGreaterThan(0.5);
  });
});
