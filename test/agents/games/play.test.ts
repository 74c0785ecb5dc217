// How the agents of a delegation game play it (SCIENCE.md §2): worst (mixed or pure) equilibrium
// for the principals, worst pure ε-Nash equilibrium (the authors' grid scan), cooperative play,
// fictitious play.
import { describe, expect, it } from 'vitest';
import { actionMarginals, agentsPlay, FICTITIOUS_PLAY_ROUNDS } from '../../../agents/games/play.ts';
import { stagHunt } from '../../../agents/games/stag-hunt.ts';
import { fictitiousPlay } from '../../../src/measures/learning-dynamics.ts';
import type { NormalFormDelegationGame } from '../../../src/measures/normal-form.ts';
import { pointMass, profileOf } from '../../../src/measures/normal-form.ts';
import { welfareRegret } from '../../../src/measures/delegation-games.ts';

/** Three players: 0 wants to match 1, 1 wants to mismatch 0, 2 is indifferent: no pure equilibrium. */
const pennies: NormalFormDelegationGame = (() => {
  const actions = [2, 2, 2];
  const profiles = Array.from({ length: 8 }, (_, k) => profileOf(actions, k));
  const agents = [profiles.map(([a, b]) => (a === b ? 1 : 0)), profiles.map(([a, b]) => (a === b ? 0 : 1)), profiles.map(() => 0)];
  return { actions, agents, principals: [profiles.map((_, k) => k), agents[1], agents[0]] };
})();

describe('agentsPlay', () => {
  it('stag hunt with aligned bots: the worst equilibrium is the mixed one (mammoth 0.1); cooperative and fictitious play hunt mammoth', () => {
    const game = stagHunt(0);
    [0.81, 0.09, 0.09, 0.01].forEach((p, k) => expect(agentsPlay(game, 'worst-equilibrium')[k]).toBeCloseTo(p, 12));
    expect(agentsPlay(game, 'cooperative')).toEqual([0, 0, 0, 1]);
    expect(agentsPlay(game, 'fictitious-play')).toEqual([0, 0, 0, 1]);
  });

  it('falls back to fictitious play when a game of three or more players has no pure equilibrium', () => {
    const sigma = agentsPlay(pennies, 'worst-equilibrium');
    expect(sigma).toEqual(fictitiousPlay({ actions: pennies.actions, payoffs: pennies.agents }, FICTITIOUS_PLAY_ROUNDS).distribution);
    expect(sigma.reduce((s, p) => s + p, 0)).toBeCloseTo(1, 12);
  });
});

describe("agentsPlay 'worst-pure-equilibrium' (pure relative ε-Nash equilibria, the authors' grid scan)", () => {
  it('stag hunt: ε = 0 keeps fruit/fruit and mammoth/mammoth and picks fruit/fruit; ε = 1 admits every profile and picks a 1/1 outcome', () => {
    const game = stagHunt(0);
    expect(agentsPlay(game, 'worst-pure-equilibrium')).toEqual([1, 0, 0, 0]);
    const anything = agentsPlay(game, 'worst-pure-equilibrium', { epsilon: 1 });
    expect(welfareRegret(game.principals, anything)).toBe(18);
  });

  it('relaxes ε by 0.01 until a profile qualifies: matching pennies needs ε = 1, where the principals’ worst profile (welfare 1) is played', () => {
    expect(agentsPlay(pennies, 'worst-pure-equilibrium')).toEqual(pointMass(8, 0));
    expect(agentsPlay(pennies, 'worst-pure-equilibrium', { epsilon: 0.5 })).toEqual(pointMass(8, 0));
  });
});

describe('actionMarginals', () => {
  it("sums σ over the other players' actions", () => {
    expect(actionMarginals([2, 2], [0.81, 0.09, 0.09, 0.01]).map((m) => m.map((p) => Number(p.toFixed(12))))).toEqual([
      [0.9, 0.1],
      [0.9, 0.1],
    ]);
    expect(actionMarginals([2, 3], [0, 0, 0.5, 0, 0.5, 0])).toEqual([
      [0.5, 0.5],
      [0, 0.5, 0.5],
    ]);
  });
});
