// The stag hunt delegation game (SCIENCE.md §2): fruit/fruit 2, mammoth/fruit 1,
// fruit/mammoth 1, mammoth/mammoth 10, shared by both principals; bots drifting toward
// soft-vegetarian (2, 1, 1, 2.5) by λ.
import { describe, expect, it } from 'vitest';
import {
  collectiveAlignment,
  individualAlignment,
  regretBound,
  welfareOptimum,
  welfareRatios,
  welfareRegret,
} from '../../../src/measures/delegation-games.ts';
import {
  agentsGame,
  cooperativeOutcome,
  outcomeDistribution,
  pointMass,
  pureNashEquilibria,
  worstFor,
} from '../../../src/measures/normal-form.ts';
import { mixedNashEquilibria } from '../../../src/measures/support-enumeration.ts';
import { FRUIT, MAMMOTH, SHARED_FOOD, SOFT_VEGETARIAN, driftedBot, softVegetarian, stagHunt } from '../../../agents/games/stag-hunt.ts';

/** The mixed equilibrium: each bot hunts mammoth with q = 1/(10 − 7.5λ) (indifference 2 − q = 1 + (9 − 7.5λ)q). */
const mammothProbability = (lambda: number) => 1 / (10 - 7.5 * lambda);
/** Principals' welfare at that equilibrium: 2·(2(1 − q) + 10q²). */
const principalsWelfareMixed = (q: number) => 2 * (2 * (1 - q) + 10 * q * q);

/** The agents' equilibria as outcome distributions, in support-enumeration order. */
function equilibria(lambda: number): number[][] {
  const game = stagHunt(lambda);
  return mixedNashEquilibria(agentsGame(game)).map((mixed) => outcomeDistribution(game.actions, mixed));
}

describe('stag hunt data', () => {
  it('holds the SCIENCE.md §2.6 utilities and interpolates the bots linearly', () => {
    expect(SHARED_FOOD).toEqual([2, 1, 1, 10]);
    expect(SOFT_VEGETARIAN).toEqual([2, 1, 1, 2.5]);
    expect(driftedBot(0)).toEqual([2, 1, 1, 10]);
    expect(driftedBot(1)).toEqual([2, 1, 1, 2.5]);
    expect(driftedBot(0.5)).toEqual([2, 1, 1, 6.25]);
    expect(() => driftedBot(1.5)).toThrow(/\[0, 1\]/);
    expect(FRUIT * 2 + MAMMOTH).toBe(1); // outcome index of fruit/mammoth
  });

  it('drifts toward any soft-vegetarian target: meat at v units of fruit gives (2, 1, 1, 10v)', () => {
    expect(softVegetarian(0.25)).toEqual(SOFT_VEGETARIAN);
    expect(driftedBot(0.5, softVegetarian(0.15))).toEqual([2, 1, 1, 5.75]);
    expect(stagHunt(1, softVegetarian(0.15)).agents).toEqual([[2, 1, 1, 1.5], [2, 1, 1, 1.5]]);
  });

  it('principals are perfectly collectively aligned; the welfare optimum is mammoth/mammoth with 20', () => {
    const game = stagHunt();
    expect(collectiveAlignment(game.principals)).toBe(1);
    expect(welfareOptimum(game.principals)).toEqual({ value: 20, outcomes: [3] });
  });
});

describe('aligned bots (λ = 0): a coordination problem without any misalignment', () => {
  const game = stagHunt(0);

  it('equilibria: fruit/fruit, mammoth/mammoth and the mixed one with mammoth at 0.1', () => {
    expect(pureNashEquilibria(agentsGame(game))).toEqual([0, 3]);
    const [ff, mm, mixed] = equilibria(0);
    expect(ff).toEqual([1, 0, 0, 0]);
    expect(mm).toEqual([0, 0, 0, 1]);
    [0.81, 0.09, 0.09, 0.01].forEach((p, k) => expect(mixed[k]).toBeCloseTo(p, 12));
  });

  it('the worst equilibrium for the principals is the mixed one: regret 20 − 3.8 = 16.2, and the bound is tight', () => {
    const sigma = worstFor(game.principals, equilibria(0));
    expect(welfareRegret(game.principals, sigma)).toBeCloseTo(16.2, 12);
    expect(welfareRegret(game.agents, sigma)).toBeCloseTo(16.2, 12);
    const bound = regretBound(game, sigma);
    expect(bound.authors.misalignment).toBe(0);
    expect(bound.authors.calibration).toBe(0);
    expect(bound.meanRatio.total).toBeCloseTo(16.2, 12);
    expect(bound.total).toBeCloseTo(16.2, 12);
  });

  it('fruit/fruit costs the principals 16; cooperative bots reach the optimum', () => {
    expect(welfareRegret(game.principals, pointMass(4, 0))).toBe(16);
    expect(cooperativeOutcome(agentsGame(game))).toBe(3);
  });
});

describe('drifting bots', () => {
  it('soft-vegetarian bots (λ = 1) are misaligned but not opposed: IA = 1 − √((1 − 11/√171)/2)', () => {
    const game = stagHunt(1);
    const ia = 1 - Math.sqrt((1 - 11 / Math.sqrt(171)) / 2);
    individualAlignment(game).forEach((x) => expect(x).toBeCloseTo(ia, 14));
    expect(ia).toBeGreaterThan(0.5);
    welfareRatios(game).forEach((r) => expect(r).toBeCloseTo((4 * Math.sqrt(57)) / Math.sqrt(27), 12));
    expect(collectiveAlignment(game.agents)).toBe(1);
  });

  it('the mixed equilibrium hunts mammoth with q = 1/(10 − 7.5λ); principals’ regret there is 20 − 2(2(1 − q) + 10q²)', () => {
    for (const lambda of [0, 0.25, 0.5, 0.6, 0.9, 1]) {
      const q = mammothProbability(lambda);
      const mixed = equilibria(lambda)[2];
      expect(mixed[3]).toBeCloseTo(q * q, 12);
      expect(welfareRegret(stagHunt(lambda).principals, mixed)).toBeCloseTo(20 - principalsWelfareMixed(q), 12);
    }
    expect(welfareRegret(stagHunt(0.5).principals, equilibria(0.5)[2])).toBeCloseTo(16.128, 12);
    expect(welfareRegret(stagHunt(0.5).agents, equilibria(0.5)[2])).toBeCloseTo(12.5 - 3.68, 12);
  });

  it('the worst equilibrium for the principals switches from mixed to fruit/fruit at λ = 2/3 (q = 0.2)', () => {
    const worstRegret = (lambda: number) => {
      const game = stagHunt(lambda);
      return welfareRegret(game.principals, worstFor(game.principals, equilibria(lambda)));
    };
    expect(worstRegret(0.5)).toBeCloseTo(16.128, 12);
    expect(worstRegret(2 / 3)).toBeCloseTo(16, 12);
    expect(worstRegret(1)).toBe(16);
    expect(20 - principalsWelfareMixed(mammothProbability(1))).toBeCloseTo(14.4, 12);
  });

  it('the bound holds at every drift for every equilibrium and for cooperative play (regret 0)', () => {
    for (let lambda = 0; lambda <= 1; lambda += 0.05) {
      const game = stagHunt(lambda);
      for (const sigma of [...equilibria(lambda), pointMass(4, cooperativeOutcome(agentsGame(game)))]) {
        expect(welfareRegret(game.principals, sigma)).toBeLessThanOrEqual(regretBound(game, sigma).total + 1e-9);
      }
      expect(cooperativeOutcome(agentsGame(game))).toBe(3);
    }
  });
});
