/**
 * Approximate world models with bounded error (SCIENCE.md §4; Berdoz & Wattenhofer,
 * arXiv 2412.00033, the model-error assumption). The planner only has a model P̂ of the true
 * kernel P, with
 *   D_KL(P(·|s, a) ‖ P̂(·|s, a)) ≤ κ   for every state s and action a.
 * Individuals' utilities u(s) are known exactly; only the dynamics are approximate.
 */

import type { Random } from '../random.ts';
import type { TabularSocialMdp } from './mdp.ts';

/** D_KL(p ‖ p̂) = Σ p_i ln(p_i / p̂_i) in nats; +∞ if p̂ misses part of p's support. */
export function klDivergence(p: readonly number[], pHat: readonly number[]): number {
  let total = 0;
  for (let i = 0; i < p.length; i++) {
    if (p[i] === 0) continue;
    if (pHat[i] === 0) return Infinity;
    total += p[i] * Math.log(p[i] / pHat[i]);
  }
  return Math.max(0, total);
}

/** max over (s, a) of D_KL(P(·|s, a) ‖ P̂(·|s, a)): the smallest κ the model satisfies. */
export function modelError(truth: TabularSocialMdp, model: TabularSocialMdp): number {
  let worst = 0;
  truth.transition.forEach((row, s) => row.forEach((p, a) => {
    worst = Math.max(worst, klDivergence(p, model.transition[s][a]));
  }));
  return worst;
}

function mix(p: readonly number[], noise: readonly number[], t: number): number[] {
  return p.map((x, i) => (1 - t) * x + t * noise[i]);
}

/**
 * A model of `truth` whose error is at most `klBound`: each row becomes (1 − t)·P + t·Q for a
 * random full-support distribution Q, with the largest t ∈ [0, 1] keeping
 * D_KL(P ‖ (1 − t)P + tQ) ≤ klBound (the divergence is convex in t and 0 at t = 0, so it
 * increases with t; t is found by bisection and the bound re-checked on the result).
 */
export function perturbModel(truth: TabularSocialMdp, klBound: number, random: Random): TabularSocialMdp {
  if (!(klBound >= 0)) throw new RangeError(`klBound must be non-negative, got ${klBound}`);
  const transition = truth.transition.map((row) => row.map((p) => {
    const weights = p.map(() => 0.05 + random.next());
    const sum = weights.reduce((x, y) => x + y, 0);
    const noise = weights.map((w) => w / sum);
    if (klDivergence(p, noise) <= klBound) return noise;
    let lo = 0;
    let hi = 1;
    for (let i = 0; i < 60; i++) {
      const mid = (lo + hi) / 2;
      if (klDivergence(p, mix(p, noise, mid)) <= klBound) lo = mid;
      else hi = mid;
    }
    return mix(p, noise, lo);
  }));
  const model = { ...truth, transition };
  const error = modelError(truth, model);
  if (error > klBound) throw new Error(`perturbModel: model error ${error} exceeds the bound ${klBound}`);
  return model;
}
