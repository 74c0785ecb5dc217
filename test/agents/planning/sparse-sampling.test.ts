// Modified sparse sampling and PAA policies: SCIENCE.md §4 (Berdoz & Wattenhofer, arXiv 2412.00033,
// existence of PAA policies by sparse sampling on an approximate model; Kearns, Mansour & Ng 2002,
// Theorem 1). H and C come from paaParameters (formulas in agents/planning/sparse-sampling.ts).
import { describe, expect, it } from 'vitest';
import seedrandom from 'seedrandom';
import { tabularModel, stateCount, type TabularSocialMdp } from '../../../agents/planning/mdp.ts';
import { paaParameters, sparseSampling } from '../../../agents/planning/sparse-sampling.ts';
import { evaluatePolicy, valueIteration } from '../../../agents/planning/value-iteration.ts';
import { perturbModel } from '../../../agents/planning/approximate-model.ts';
import { commons, factions } from './small-mdps.ts';

const rng = (seed: string) => { const prng = seedrandom.alea(seed); return { next: () => prng() }; };
const SEEDS = 200;

function paa(mdp: TabularSocialMdp, epsilon: number, delta: number, klBound = 0) {
  return paaParameters({ epsilon, delta, discount: mdp.discount, welfareMax: 1, actions: 2, klBound });
}

/** Over 200 seeds at state s: how often the played action is 2η-optimal and the estimates η-accurate. */
function guaranteeFrequency(truth: TabularSocialMdp, planned: TabularSocialMdp, s: number, epsilon: number, delta: number, klBound = 0) {
  const params = paa(truth, epsilon, delta, klBound);
  const { v, q } = valueIteration(truth);
  const model = tabularModel(planned);
  let good = 0;
  let accurate = 0;
  for (let seed = 0; seed < SEEDS; seed++) {
    const r = sparseSampling(model, s, params, rng(`paa:${s}:${seed}`));
    if (q[s][r.action] >= v[s] - 2 * params.accuracy) good++;
    if (r.q.every((x, i) => Math.abs(x - q[s][r.actions[i]]) <= params.accuracy)) accurate++;
  }
  return { params, good: good / SEEDS, accurate: accurate / SEEDS };
}

describe('sparseSampling', () => {
  it('Q estimates converge to the H-step optimum of value iteration as C grows (and to Q* within γ^H V_max)', () => {
    const model = tabularModel(factions);
    const depth = 2;
    const exact = valueIteration(factions, { horizon: depth }).q;
    const infinite = valueIteration(factions).q;
    const errors = [2, 16, 128].map((width) => {
      let total = 0;
      let count = 0;
      for (let seed = 0; seed < 20; seed++) {
        for (let s = 0; s < 2; s++) {
          const r = sparseSampling(model, s, { depth, width }, rng(`conv:${width}:${seed}`));
          r.q.forEach((x, i) => { total += Math.abs(x - exact[s][r.actions[i]]); count++; });
        }
      }
      return total / count;
    });
    expect(errors[1]).toBeLessThan(errors[0]);
    expect(errors[2]).toBeLessThan(errors[1]);
    expect(errors[2]).toBeLessThan(0.03);
    // Truncation bias: |Q*_H − Q*| ≤ γ^H V_max.
    const vMax = 1 / (1 - factions.discount);
    exact.forEach((row, s) => row.forEach((x, a) => expect(Math.abs(x - infinite[s][a])).toBeLessThanOrEqual(factions.discount ** depth * vMax)));
  });

  it('is exact on deterministic branches whatever C (an absorbing zero-welfare state estimates 0)', () => {
    const r = sparseSampling(tabularModel(commons), 2, { depth: 3, width: 5 }, rng('absorbing'));
    expect(r.q).toEqual([0, 0]);
  });

  it('PAA on the commons (H = 1, C from the formulas): 2η-optimal action with frequency ≥ 1 − δ over 200 seeds', () => {
    for (const s of [0, 1]) {
      const { params, good, accurate } = guaranteeFrequency(commons, commons, s, 1, 0.1);
      expect([params.depth, params.width]).toEqual([1, 223]);
      expect(good).toBeGreaterThanOrEqual(0.9);
      expect(accurate).toBeGreaterThanOrEqual(0.9);
    }
  });

  it('PAA on the factions MDP (H = 2, C from the formulas): 2η-optimal with frequency ≥ 1 − δ over 200 seeds', () => {
    const { params, good, accurate } = guaranteeFrequency(factions, factions, 0, 3, 0.1);
    expect([params.depth, params.width]).toEqual([2, 306]);
    expect(good).toBeGreaterThanOrEqual(0.9);
    expect(accurate).toBeGreaterThanOrEqual(0.9);
  });

  it('PAA when planning on an approximate model with D_KL(P ‖ P̂) ≤ κ, judged against the true optimum', () => {
    const kappa = 0.001;
    const approximate = perturbModel(commons, kappa, rng('perturb'));
    for (const s of [0, 1]) {
      const { params, good, accurate } = guaranteeFrequency(commons, approximate, s, 1.2, 0.1, kappa);
      expect(params.modelTerm).toBeGreaterThan(0);
      expect(good).toBeGreaterThanOrEqual(0.9);
      expect(accurate).toBeGreaterThanOrEqual(0.9);
    }
  });

  it('a policy frozen from one planner run per state is within ε of V* everywhere with frequency ≥ 1 − δ', () => {
    // Per-state decisions 2η-optimal with failure δ/|S| each ⇒ V* − V^π ≤ 2η/(1 − γ) ≤ ε/2 at every state w.p. ≥ 1 − δ.
    const epsilon = 1;
    const delta = 0.1;
    const n = stateCount(commons);
    const params = paa(commons, epsilon, delta / n);
    const { v } = valueIteration(commons);
    const model = tabularModel(commons);
    let good = 0;
    for (let seed = 0; seed < SEEDS; seed++) {
      const random = rng(`frozen:${seed}`);
      const policy = Array.from({ length: n }, (_, s) => sparseSampling(model, s, params, random).action);
      const vPi = evaluatePolicy(commons, policy);
      if (vPi.every((x, s) => v[s] - x <= epsilon)) good++;
    }
    expect(good / SEEDS).toBeGreaterThanOrEqual(1 - delta);
  });

  it('the formulas have teeth: with C = 1 instead, the η-accuracy fails far more often than δ', () => {
    const params = paa(commons, 0.5, 0.1);
    const { q } = valueIteration(commons);
    const model = tabularModel(commons);
    let accurate = 0;
    for (let seed = 0; seed < SEEDS; seed++) {
      const r = sparseSampling(model, 0, { depth: params.depth, width: 1 }, rng(`teeth:${seed}`));
      if (r.q.every((x, i) => Math.abs(x - q[0][r.actions[i]]) <= params.accuracy)) accurate++;
    }
    expect(accurate / SEEDS).toBeLessThan(0.9);
  });

  it('rejects a bad depth or width', () => {
    const model = tabularModel(commons);
    expect(() => sparseSampling(model, 0, { depth: 0, width: 3 }, rng('x'))).toThrow(RangeError);
    expect(() => sparseSampling(model, 0, { depth: 1, width: 1.5 }, rng('x'))).toThrow(RangeError);
  });
});

describe('paaParameters', () => {
  const base = { epsilon: 0.5, delta: 0.1, discount: 0.1, welfareMax: 1, actions: 2 };

  it('H is the least depth with γ^H V_max ≤ ρ/2 and C the least width meeting the union bound', () => {
    for (const r of [base, { ...base, discount: 0.3, epsilon: 1 }, { ...base, discount: 0.3, epsilon: 1, klBound: 0.001 }]) {
      const p = paaParameters(r);
      const g = r.discount;
      const vMax = r.welfareMax / (1 - g);
      const rho = (r.epsilon * (1 - g)) / 4 - p.modelTerm;
      expect(g ** p.depth * vMax).toBeLessThanOrEqual(rho / 2);
      if (p.depth > 1) expect(g ** (p.depth - 1) * vMax).toBeGreaterThan(rho / 2);
      const nodes = (c: number) => Array.from({ length: p.depth }, (_, i) => r.actions * (r.actions * c) ** i).reduce((x, y) => x + y, 0);
      const bound = (c: number) => 2 * nodes(c) * Math.exp((-2 * c * p.lambda ** 2) / vMax ** 2);
      const callFailure = Math.min(r.delta, (r.epsilon * (1 - g) ** 2) / (2 * r.welfareMax));
      expect(p.callFailure).toBe(callFailure);
      expect(bound(p.width)).toBeLessThanOrEqual(callFailure);
      expect(bound(p.width - 1)).toBeGreaterThan(callFailure);
      // Policy level: η ≤ ε(1 − γ)/4 and V* − V^π ≤ (2η + δ₁ V_max)/(1 − γ) ≤ ε.
      expect(p.accuracy).toBeLessThanOrEqual((r.epsilon * (1 - g)) / 4 + 1e-12);
      expect(p.valueGap).toBeCloseTo((2 * p.accuracy + callFailure * vMax) / (1 - g), 12);
      expect(p.valueGap).toBeLessThanOrEqual(r.epsilon + 1e-12);
    }
  });

  it('needs more samples for smaller δ or ε and more depth for larger γ; is astronomical for realistic ε, γ', () => {
    expect(paaParameters({ ...base, delta: 0.01 }).width).toBeGreaterThan(paaParameters(base).width);
    expect(paaParameters({ ...base, epsilon: 0.25 }).width).toBeGreaterThan(paaParameters(base).width);
    expect(paaParameters({ ...base, discount: 0.5 }).depth).toBeGreaterThan(paaParameters(base).depth);
    const realistic = paaParameters({ epsilon: 0.1, delta: 0.05, discount: 0.9, welfareMax: 1, actions: 3 });
    expect(realistic.depth).toBeGreaterThan(50);
    expect(realistic.width).toBeGreaterThan(1e12);
  });

  it('refuses a model error at or above the sufficient condition κ < 2(ε(1 − γ)³/(4 W_max))²', () => {
    const limit = 2 * ((base.epsilon * (1 - base.discount) ** 3) / 4) ** 2;
    expect(() => paaParameters({ ...base, klBound: limit })).toThrow(RangeError);
    expect(() => paaParameters({ ...base, klBound: limit * 0.99 })).not.toThrow();
  });
});
