/**
 * Exact dynamic programming on a small tabular social MDP (SCIENCE.md §4): the optimum the
 * paper's PAA policies are measured against. With r(s, a, s') = W_q(u(s')),
 *   Q(s, a) = Σ_{s'} P(s'|s, a) [W_q(u(s')) + γ V(s')],   V(s) = max_a Q(s, a).
 */

import { actionCount, stateCount, stateWelfare, type TabularSocialMdp } from './mdp.ts';

export interface ValueFunction {
  readonly v: number[];
  /** q[s][a] */
  readonly q: number[][];
  /** A greedy action per state (lowest index among ties). */
  readonly policy: number[];
}

function backup(mdp: TabularSocialMdp, welfare: readonly number[], v: readonly number[], s: number, a: number): number {
  const p = mdp.transition[s][a];
  let total = 0;
  for (let t = 0; t < p.length; t++) if (p[t] > 0) total += p[t] * (welfare[t] + mdp.discount * v[t]);
  return total;
}

function greedy(q: readonly number[]): number {
  let best = 0;
  for (let a = 1; a < q.length; a++) if (q[a] > q[best]) best = a;
  return best;
}

export interface ValueIterationOptions {
  /** Stop when successive V differ by at most this in sup norm (default 1e-12). */
  readonly tolerance?: number;
  /** Run exactly this many backups from V = 0 instead: the optimal H-step values Q*_H. */
  readonly horizon?: number;
}

/** Optimal V*, Q* (or the H-step Q*_H with `horizon`), by value iteration from V = 0. */
export function valueIteration(mdp: TabularSocialMdp, options: ValueIterationOptions = {}): ValueFunction {
  const n = stateCount(mdp);
  const k = actionCount(mdp);
  const welfare = stateWelfare(mdp);
  const tolerance = options.tolerance ?? 1e-12;
  let v = new Array<number>(n).fill(0);
  let q = Array.from({ length: n }, () => new Array<number>(k).fill(0));
  for (let iteration = 0; options.horizon === undefined || iteration < options.horizon; iteration++) {
    q = q.map((row, s) => row.map((_, a) => backup(mdp, welfare, v, s, a)));
    const next = q.map((row) => Math.max(...row));
    const change = Math.max(...next.map((x, s) => Math.abs(x - v[s])));
    v = next;
    if (options.horizon === undefined && change <= tolerance) break;
  }
  return { v, q, policy: q.map(greedy) };
}

/** V^π of a deterministic stationary policy (policy[s] = action), by iterating its Bellman operator. */
export function evaluatePolicy(mdp: TabularSocialMdp, policy: readonly number[], tolerance = 1e-12): number[] {
  const welfare = stateWelfare(mdp);
  let v = new Array<number>(stateCount(mdp)).fill(0);
  for (;;) {
    const next = policy.map((a, s) => backup(mdp, welfare, v, s, a));
    const change = Math.max(...next.map((x, s) => Math.abs(x - v[s])));
    v = next;
    if (change <= tolerance) return v;
  }
}
