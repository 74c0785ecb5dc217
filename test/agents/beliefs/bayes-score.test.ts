import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { credibleInterval, initialBeliefs, learn, mean } from '../../../agents/beliefs/posterior.ts';
import { findPolicy } from '../../../agents/policies/index.ts';
import type { PolicyOptions } from '../../../agents/policy.ts';
import { score, stakeScore, UNIT_STAKES } from '../../../src/measures/scoring.ts';

const options: PolicyOptions = { arms: 2, fixedArm: 1, epsilon: 0, window: 10, discount: 1, contexts: 1 };
const random = { next: seedrandom.alea('unused') };

/** Audits of the assistant (arm 1): right, wrong by accepting, wrong by accepting, right, right. */
const audits = [{ right: 1 }, { right: 0, accepted: true }, { right: 0, accepted: true }, { right: 1, accepted: true }, { right: 1, accepted: false }];

describe('beliefs: Beta posteriors on accuracy and bias toward accepting (SCIENCE.md §3.9)', () => {
  it('updates by the conjugate rule: Beta(1, 1) and 3 right, 2 wrong (both accepted) give Beta(4, 3) and Beta(3, 1)', () => {
    let beliefs = initialBeliefs(2);
    const before = beliefs;
    for (const audit of audits) [beliefs] = learn(beliefs, 1, audit);
    expect(beliefs[1]).toEqual({ right: { alpha: 4, beta: 3 }, acceptsWhenWrong: { alpha: 3, beta: 1 } });
    expect(beliefs[0]).toBe(before[0]);
    expect(before[1]).toEqual({ right: { alpha: 1, beta: 1 }, acceptsWhenWrong: { alpha: 1, beta: 1 } });
  });

  it('says what each audit changed as patches, and only that (a wrong decision leaves right.alpha as it was)', () => {
    const [, patches] = learn(initialBeliefs(2), 1, { right: 0, accepted: false });
    expect(patches).toEqual([
      { op: 'replace', path: [1, 'right', 'beta'], value: 2 },
      { op: 'replace', path: [1, 'acceptsWhenWrong', 'beta'], value: 2 },
    ]);
  });

  it('gives credible intervals that hold their mass: Beta(4, 3) central 90% by the CDF', () => {
    const [low, high] = credibleInterval({ alpha: 4, beta: 3 }, 0.9);
    // Beta(4, 3) has CDF I_x(4, 3) = 15x⁴ − 24x⁵ + 10x⁶ (a polynomial for integer shapes).
    const cdf = (x: number): number => 15 * x ** 4 - 24 * x ** 5 + 10 * x ** 6;
    expect(cdf(low)).toBeCloseTo(0.05, 9);
    expect(cdf(high)).toBeCloseTo(0.95, 9);
    expect(mean({ alpha: 4, beta: 3 })).toBe(4 / 7);
  });
});

describe('bayes-score: the expected-score criterion under the posterior, at the problem\'s stakes (SCIENCE.md §3.9)', () => {
  const trained = (name: string) => {
    const policy = findPolicy(name).create(options);
    audits.forEach((audit, t) => policy.update(1, audit.right, t + 1, undefined, audit));
    return policy;
  };

  it('delegates when the gamble wins 2 or loses 1: S_assistant = −3/7 < S_self = 0', () => {
    // Assistant: E[p] = 4/7, E[b] = 3/4. L = (3/7)(3/4 · 1 + 1/4 · 2) = 15/28, E|g| = 3/2, G = 27/28, S = −3/7.
    const stakes = { gain: 2, loss: 1, winChance: 0.5 };
    const { arm, detail } = trained('bayes-score').choose({ t: 6, available: [true, true], random, stakes });
    expect(arm).toBe(1);
    const [self, assistant] = detail.score as number[];
    expect(self).toBeCloseTo(0, 15);
    expect(assistant).toBeCloseTo(-3 / 7, 15);
  });

  it('keeps the problem when it wins 1 or loses 4, because the assistant leans toward accepting: S_assistant = 2/7 > 0', () => {
    // L = (3/7)(3/4 · 4 + 1/4 · 1) = 39/28, E|g| = 5/2, G = 31/28, S = 8/28.
    const { arm, detail } = trained('bayes-score').choose({ t: 6, available: [true, true], random, stakes: { gain: 1, loss: 4, winChance: 0.5 } });
    expect(arm).toBe(0);
    expect((detail.score as number[])[1]).toBeCloseTo(2 / 7, 15);
  });

  it('is score-criterion at unit stakes: S = 1 − 2 E[p], whatever the stakes the world names', () => {
    const { arm, detail } = trained('score-criterion').choose({ t: 6, available: [true, true], random, stakes: { gain: 1, loss: 4, winChance: 0.5 } });
    expect(arm).toBe(1);
    expect((detail.score as number[])[1]).toBeCloseTo(1 - 8 / 7, 15);
    expect(trained('bayes-score').choose({ t: 6, available: [true, true], random }).detail).toEqual(detail);
  });

  it('scores as the framework does on the gamble {+gain, −loss}: L − G of a rule right with p, accepting with b when wrong', () => {
    const stakes = { gain: 2, loss: 1, winChance: 0.5 };
    const [p, b] = [4 / 7, 3 / 4];
    // States: (winner, right), (winner, wrong: rejected), (loser, right), (loser, wrong: accepted). Wrong mass 1 − p split
    // by b between the loser (accepted) and the winner (rejected); right mass fills the rest of each half.
    const wrongAccept = (1 - p) * b;
    const wrongReject = (1 - p) * (1 - b);
    const states = [0.5 - wrongReject, wrongReject, 0.5 - wrongAccept, wrongAccept];
    const gamble = [2, 2, -1, -1];
    const accepts = [true, false, false, true];
    const framework = score({ states, gambles: [gamble], weights: [1] }, (_g, state) => accepts[state], 'correct');
    const closed = stakeScore(p, b, stakes);
    expect(closed.loss).toBeCloseTo(framework.loss, 15);
    expect(closed.gain).toBeCloseTo(framework.gain, 15);
    expect(stakeScore(p, b, UNIT_STAKES).score).toBeCloseTo(1 - 2 * p, 15);
  });
});
