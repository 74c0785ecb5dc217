// Random delegation games with controlled misalignment, calibration and cooperation failure,
// after the paper's experiments (SCIENCE.md §2; Sourbut, Hammond, Wood, IJCAI 2024, §6).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { distributionWithRegret, randomDelegationGame } from '../../../agents/games/random-games.ts';
import { alignmentDistance, welfareRatios, welfareRegret } from '../../../src/measures/delegation-games.ts';
import { RandomStream } from '../../../src/kernel/random.ts';

const seed = fc.integer({ min: 0, max: 2 ** 31 - 1 });
const actions = fc
  .array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 3 })
  .filter((a) => a.reduce((x, y) => x * y, 1) >= 3);

describe('randomDelegationGame', () => {
  it('hits the requested alignment distances and welfare ratios exactly', () => {
    fc.assert(
      fc.property(actions, seed, fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0.1, max: 4, noNaN: true }), (a, s, d, r) => {
        const game = randomDelegationGame(new RandomStream(s, 'games'), {
          actions: a,
          misalignment: d,
          agentMagnitudes: a.map(() => 2),
          principalMagnitudes: a.map((_, i) => 2 * r * (i + 1)),
        });
        expect(game.actions).toEqual(a);
        expect(game.principals[0]).toHaveLength(a.reduce((x, y) => x * y, 1));
        game.principals.forEach((p, i) => expect(alignmentDistance(p, game.agents[i])).toBeCloseTo(d, 9));
        welfareRatios(game).forEach((ratio, i) => expect(ratio).toBeCloseTo(r * (i + 1), 9));
      }),
      { numRuns: 300 },
    );
  });

  it('is a function of the random stream', () => {
    const make = () => randomDelegationGame(new RandomStream(7, 'games'), { actions: [3, 3], misalignment: [0.2, 0.7] });
    expect(make()).toEqual(make());
  });

  it('gives opposite agents at distance 1 even with two outcomes, and rejects impossible requests', () => {
    const game = randomDelegationGame(new RandomStream(1, 'games'), { actions: [2], misalignment: 1 });
    expect(alignmentDistance(game.principals[0], game.agents[0])).toBeCloseTo(1, 12);
    expect(() => randomDelegationGame(new RandomStream(1, 'games'), { actions: [2], misalignment: 0.5 })).toThrow(/3 outcomes/);
    expect(() => randomDelegationGame(new RandomStream(1, 'games'), { actions: [3], misalignment: 2 })).toThrow(/\[0, 1\]/);
    expect(() => randomDelegationGame(new RandomStream(1, 'games'), { actions: [3, 3], misalignment: [0.1] })).toThrow(/2 values/);
  });
});

describe('distributionWithRegret', () => {
  it('produces a distribution with exactly the target welfare regret, capped at the worst outcome', () => {
    fc.assert(
      fc.property(seed, fc.double({ min: 0, max: 1.2, noNaN: true }), (s, share) => {
        const random = new RandomStream(s, 'regret');
        const { agents } = randomDelegationGame(random, { actions: [3, 4], misalignment: 0.3, agentMagnitudes: [1, 2] });
        const worst = welfareRegret(agents, distributionWithRegret(random, agents, Infinity));
        const sigma = distributionWithRegret(random, agents, share * worst);
        expect(sigma.every((p) => p >= 0)).toBe(true);
        expect(sigma.reduce((x, p) => x + p, 0)).toBeCloseTo(1, 12);
        expect(welfareRegret(agents, sigma)).toBeCloseTo(Math.min(share, 1) * worst, 9);
      }),
      { numRuns: 300 },
    );
  });
});
