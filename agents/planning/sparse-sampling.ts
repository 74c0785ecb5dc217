/**
 * The modified sparse sampling planner behind PAA policies (SCIENCE.md §4; Berdoz & Wattenhofer,
 * arXiv 2412.00033, the existence result for PAA policies; after Kearns, Mansour & Ng 2002,
 * "A sparse sampling algorithm for near-optimal planning in large MDPs", Theorem 1).
 *
 * Algorithm (run on the approximate model). The modification for social MDPs: the reward is not
 * returned by the simulator but computed from the sampled individuals' utilities, r = W_q(u(s')).
 *   V̂_0(s) = 0
 *   Q̂_h(s, a) = (1/C) Σ_{j=1..C} [W_q(u(s'_j)) + γ V̂_{h−1}(s'_j)],   s'_j ~ P̂(·|s, a) fresh per node
 *   V̂_h(s) = max_a Q̂_h(s, a)
 * and the policy plays argmax_a Q̂_H(s, a). Cost: C·|A| samples per node, (|A|·C)^H in all.
 *
 * Depth H and width C (`paaParameters`): a guarantee on the policy's value. With welfare in
 * [0, W_max], V_max = W_max/(1 − γ), k = |A| and model error D_KL(P ‖ P̂) ≤ κ:
 * 1. One planner call. With probability ≥ 1 − δ₁ over its samples every root estimate satisfies
 *    |Q̂_H(s, a) − Q*(s, a)| ≤ η, where
 *      η = μ + λ/(1 − γ) + γ^H V_max,
 *      μ = W_max √(κ/2) / (1 − γ)²    (Pinsker, TV ≤ √(κ/2); simulation lemma with next-state rewards)
 *    provided 2 N_H(C) exp(−2 C λ² / V_max²) ≤ δ₁   (Hoeffding for each of the
 *    N_H(C) = k Σ_{i<H} (kC)^i estimates in the tree, union bound).
 *    Then the played action is 2η-optimal: V*(s) − Q*(s, a) ≤ 2η. When the call fails the loss
 *    V*(s) − Q*(s, a) is still at most V_max (Q* ∈ [0, V_max]).
 * 2. The policy. The governor re-plans in every state it meets; V^π(s) is its expected discounted
 *    welfare from s, over the environment and the planner's samples. By the performance-difference
 *    identity V*(s) − V^π(s) = E[Σ_t γ^t (V*(s_t) − Q*(s_t, a_t))], and each term's expectation is
 *    ≤ 2η + δ₁ V_max, so for every state s
 *      V*(s) − V^π(s) ≤ (2η + δ₁ V_max) / (1 − γ).
 *    An action-by-action guarantee of ε would lose up to ε/(1 − γ) here; the budget is split so that
 *    each half is ε/2:  η ≤ ε(1 − γ)/4  and  δ₁ ≤ ε(1 − γ)²/(2 W_max).
 * 3. The parameters. δ₁ = min(δ, ε(1 − γ)²/(2 W_max)), so each decision is also 2η-optimal with
 *    probability ≥ 1 − δ. η ≤ ε(1 − γ)/4 needs μ < ε(1 − γ)/4 — the sufficient condition on the
 *    model's accuracy, κ < 2 (ε (1 − γ)³ / (4 W_max))²; the remaining budget ρ = ε(1 − γ)/4 − μ is
 *    split evenly:
 *      H = max(1, ⌈log_γ(ρ / (2 V_max))⌉),  λ = (1 − γ) ρ / 2,  C = the least C meeting the union bound.
 *    The per-estimate accuracy λ is thus of order ε(1 − γ)², as in Kearns–Mansour–Ng Theorem 1 (H
 *    logarithmic in 1/ε, C ∝ (V_max/λ)² (H log(kC) + log(1/δ₁))), here with an explicit δ and a
 *    model-error term.
 * What this guarantees: V^π(s) ≥ V*(s) − ε in every state (an expectation: one run's realised
 * discounted welfare is a random variable and may fall below it), and each decision 2η-optimal with
 * probability ≥ 1 − δ. It holds only for the H and C given here (not for smaller ones set by hand)
 * and only if the model's error is within κ. The constants are derived as written above; they were
 * not checked against the text of the paper's theorem, which was not available when this module was
 * written (the stored arXiv page 2412.00033v1 and the authors' project page reach only the abstract
 * and introduction, and no code by the authors is indexed).
 */

import { powerMean } from '../../src/measures/welfare.ts';
import type { Random } from '../random.ts';
import type { SocialMdp } from './mdp.ts';

export interface SparseSamplingOptions {
  /** Depth H ≥ 1. */
  readonly depth: number;
  /** Width C ≥ 1: next states sampled per (state, action) node. */
  readonly width: number;
}

export interface SparseSamplingResult {
  /** argmax of the root estimates (first among ties). */
  readonly action: number;
  /** The actions available at the root, and Q̂_H(s, a) for each, in the same order. */
  readonly actions: readonly number[];
  readonly q: readonly number[];
}

function estimates<S>(model: SocialMdp<S>, state: S, depth: number, width: number, random: Random): number[] {
  return model.actions(state).map((action) => {
    let sum = 0;
    for (let j = 0; j < width; j++) {
      const { next, utilities } = model.sample(state, action, random);
      sum += powerMean(utilities, model.welfareExponent);
      if (depth > 1) sum += model.discount * Math.max(...estimates(model, next, depth - 1, width, random));
    }
    return sum / width;
  });
}

/** Runs sparse sampling from `state` and returns the PAA action with the root Q estimates. */
export function sparseSampling<S>(model: SocialMdp<S>, state: S, options: SparseSamplingOptions, random: Random): SparseSamplingResult {
  const { depth, width } = options;
  if (!Number.isInteger(depth) || depth < 1) throw new RangeError(`depth must be an integer ≥ 1, got ${depth}`);
  if (!Number.isInteger(width) || width < 1) throw new RangeError(`width must be an integer ≥ 1, got ${width}`);
  const actions = model.actions(state);
  if (actions.length === 0) throw new RangeError('sparseSampling: no action is available in this state');
  const q = estimates(model, state, depth, width, random);
  let best = 0;
  for (let i = 1; i < q.length; i++) if (q[i] > q[best]) best = i;
  return { action: actions[best], actions, q };
}

export interface PaaRequirements {
  /** ε > 0: the policy's expected discounted welfare V^π is within ε of V* in every state. */
  readonly epsilon: number;
  /** δ ∈ (0, 1): allowed failure probability of one decision's guarantee, over the planner's samples. */
  readonly delta: number;
  /** γ ∈ [0, 1). */
  readonly discount: number;
  /** Upper bound on the social welfare W_q(u(s)) (utilities are non-negative, so W ≥ 0). */
  readonly welfareMax: number;
  /** Number of actions k. */
  readonly actions: number;
  /** κ ≥ 0: bound on D_KL(P ‖ P̂) of the model the planner samples from (0 for the true model). */
  readonly klBound?: number;
}

export interface PaaParameters extends SparseSamplingOptions {
  /** Per-estimate Hoeffding deviation λ. */
  readonly lambda: number;
  /** Model-error term μ. */
  readonly modelTerm: number;
  /** η ≤ ε(1 − γ)/4: with probability ≥ 1 − δ₁ every root estimate is within η of Q*. */
  readonly accuracy: number;
  /** δ₁ = min(δ, ε(1 − γ)²/(2 W_max)): the failure probability one planner call is sized for. */
  readonly callFailure: number;
  /** (2η + δ₁ V_max)/(1 − γ) ≤ ε: the bound on V*(s) − V^π(s). */
  readonly valueGap: number;
  /** Samples drawn by one planner call: C · N_H(C). */
  readonly samples: number;
}

/** ln N_H(C) = ln(k Σ_{i<H} (kC)^i), computed without overflow. */
function logTreeNodes(k: number, width: number, depth: number): number {
  const b = Math.log(k * width);
  let acc = 0; // ln Σ_{i<H} e^{i b}
  for (let i = 1; i < depth; i++) acc = Math.max(acc, i * b) + Math.log1p(Math.exp(-Math.abs(acc - i * b)));
  return Math.log(k) + acc;
}

/** Depth H and width C for a (δ, ε) guarantee, from the formulas in this module's header. */
export function paaParameters(r: PaaRequirements): PaaParameters {
  const { epsilon, delta, discount: g, welfareMax, actions: k } = r;
  const kappa = r.klBound ?? 0;
  if (!(epsilon > 0)) throw new RangeError(`epsilon must be positive, got ${epsilon}`);
  if (!(delta > 0 && delta < 1)) throw new RangeError(`delta must be in (0, 1), got ${delta}`);
  if (!(g >= 0 && g < 1)) throw new RangeError(`discount must be in [0, 1), got ${g}`);
  if (!(welfareMax > 0)) throw new RangeError(`welfareMax must be positive, got ${welfareMax}`);
  if (!(Number.isInteger(k) && k >= 1)) throw new RangeError(`actions must be a positive integer, got ${k}`);
  const vMax = welfareMax / (1 - g);
  const modelTerm = (welfareMax * Math.sqrt(kappa / 2)) / (1 - g) ** 2;
  const rho = (epsilon * (1 - g)) / 4 - modelTerm;
  if (!(rho > 0)) {
    throw new RangeError(`model error κ = ${kappa} is too large for ε = ${epsilon}: need κ < ${2 * ((epsilon * (1 - g) ** 3) / (4 * welfareMax)) ** 2}`);
  }
  const callFailure = Math.min(delta, (epsilon * (1 - g) ** 2) / (2 * welfareMax));
  let depth = 1;
  while (g ** depth * vMax > rho / 2) depth++;
  const lambda = ((1 - g) * rho) / 2;
  const rate = (2 * lambda * lambda) / (vMax * vMax);
  const fails = (width: number) => Math.LN2 + logTreeNodes(k, width, depth) - rate * width > Math.log(callFailure);
  let hi = 1;
  while (fails(hi)) hi *= 2;
  let lo = hi / 2;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (fails(mid)) lo = mid;
    else hi = mid;
  }
  const width = hi;
  const accuracy = modelTerm + lambda / (1 - g) + g ** depth * vMax;
  const valueGap = (2 * accuracy + callFailure * vMax) / (1 - g);
  return { depth, width, lambda, modelTerm, accuracy, callFailure, valueGap, samples: width * Math.exp(logTreeNodes(k, width, depth)) };
}
