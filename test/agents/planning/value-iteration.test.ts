// Exact optimum of a tabular social MDP: SCIENCE.md §4 (reward W_q(u(s')), discounted).
import { describe, expect, it } from 'vitest';
import { evaluatePolicy, valueIteration } from '../../../agents/planning/value-iteration.ts';
import { stateWelfare } from '../../../agents/planning/mdp.ts';
import { commons, factions } from './small-mdps.ts';

describe('valueIteration', () => {
  it('V* dominates every deterministic stationary policy, and the greedy policy attains it', () => {
    for (const mdp of [commons, factions]) {
      const { v, policy } = valueIteration(mdp);
      for (let code = 0; code < 8; code++) {
        const pi = [code & 1, (code >> 1) & 1, (code >> 2) & 1];
        evaluatePolicy(mdp, pi).forEach((x, s) => expect(x).toBeLessThanOrEqual(v[s] + 1e-10));
      }
      evaluatePolicy(mdp, policy).forEach((x, s) => expect(x).toBeCloseTo(v[s], 10));
    }
  });

  it('a one-step horizon gives the expected next-state welfare, and absorbing ruin is worth 0', () => {
    const w = stateWelfare(commons);
    const q1 = valueIteration(commons, { horizon: 1 }).q;
    expect(q1[0][1]).toBeCloseTo(0.5 * w[0] + 0.3 * w[1] + 0.2 * w[2], 12);
    expect(w[2]).toBe(0); // Nash welfare with a zero utility
    expect(valueIteration(commons).v[2]).toBe(0);
  });
});
