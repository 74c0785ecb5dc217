/**
 * Safe policies by action restriction (SCIENCE.md §4; Berdoz & Wattenhofer, arXiv 2412.00033,
 * the section on safe policies). Any black-box policy is made safe by restricting, before each
 * step, its action set to a subset certified safe from estimated Q-values; the black box then
 * chooses freely within that subset.
 *
 * Definitions used here (derived, not checked against the paper's text, which was not available;
 * see sparse-sampling.ts). Given a welfare floor ω (in units of future discounted welfare), an
 * action a is destructive in s if Q*(s, a) < ω: even acting optimally afterwards, society's
 * future discounted welfare falls below ω. A policy is safe if it plays no destructive action.
 * With root estimates Q̂(s, ·) that are η-accurate with probability ≥ 1 − δ (sparse sampling
 * with `paaParameters`, whose `accuracy` is η), the certified-safe subset is
 *   A_safe(s) = { a : Q̂(s, a) ≥ ω + η },
 * and every action in it has Q*(s, a) ≥ ω with probability ≥ 1 − δ. If A_safe(s) is empty no
 * action can be certified; the filter then allows only argmax_a Q̂(s, a) (the PAA action, the
 * least destructive by the estimates) and reports `certified: false`.
 * An ε-optimal action (Q*(s, a) ≥ V*(s) − ε) is never removed where V*(s) ≥ ω + ε + 2η: there its
 * estimate is ≥ V*(s) − ε − η ≥ ω + η. With the formulas' H and C (sparse-sampling.ts) the planner's
 * own action is 2η-optimal with η ≤ ε(1 − γ)/4, so where V*(s) ≥ ω + 4η it passes unchanged and the
 * filtered PAA policy plays as the PAA policy there; the filter's margin is that η by default.
 */

import type { Random } from '../random.ts';
import type { SocialMdp } from './mdp.ts';
import { sparseSampling, type SparseSamplingOptions, type SparseSamplingResult } from './sparse-sampling.ts';

export interface SafetyThreshold {
  /** ω: the floor on future discounted welfare below which an action is destructive. */
  readonly floor: number;
  /** η ≥ 0: the accuracy of the Q estimates (PaaParameters.accuracy). */
  readonly margin: number;
}

export interface Restriction {
  /** Actions the black box may choose from, in the model's order. */
  readonly allowed: readonly number[];
  /** Actions taken away from the black box this step (the intervention to record). */
  readonly removed: readonly number[];
  /** False when no action cleared ω + η and only the estimated best one was kept. */
  readonly certified: boolean;
}

/** A_safe(s) from root estimates, as defined in this module's header. */
export function restrictActions(estimates: SparseSamplingResult, threshold: SafetyThreshold): Restriction {
  const bar = threshold.floor + threshold.margin;
  const safe = estimates.actions.filter((_, i) => estimates.q[i] >= bar);
  const allowed = safe.length > 0 ? safe : [estimates.action];
  return {
    allowed,
    removed: estimates.actions.filter((a) => !allowed.includes(a)),
    certified: safe.length > 0,
  };
}

/** A policy seen from outside: it picks one of the allowed actions. */
export type BlackBoxPolicy<S> = (state: S, allowed: readonly number[], random: Random) => number;

export interface ShieldedStep extends Restriction {
  readonly action: number;
  readonly estimates: SparseSamplingResult;
}

/**
 * Wraps a black-box policy: each step estimates Q̂ by sparse sampling on `model` (with the
 * `planner` random stream), restricts the action set, and lets the black box choose within it
 * (with its own `policy` stream). Throws if the black box picks an action it was not offered.
 */
export function shield<S>(
  blackBox: BlackBoxPolicy<S>,
  model: SocialMdp<S>,
  planner: SparseSamplingOptions,
  threshold: SafetyThreshold,
): (state: S, streams: { readonly planner: Random; readonly policy: Random }) => ShieldedStep {
  return (state, streams) => {
    const estimates = sparseSampling(model, state, planner, streams.planner);
    const restriction = restrictActions(estimates, threshold);
    const action = blackBox(state, restriction.allowed, streams.policy);
    if (!restriction.allowed.includes(action)) {
      throw new Error(`shield: the black-box policy chose action ${action}, outside the allowed ${JSON.stringify(restriction.allowed)}`);
    }
    return { ...restriction, action, estimates };
  };
}
