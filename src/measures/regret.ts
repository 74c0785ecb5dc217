/**
 * Regret of a delegation policy and the classic bounds it is judged against. SCIENCE.md §5.
 * Arms have mean rewards in [0, 1]; a step's means are the arms' expected rewards at that step.
 */

/** The best mean among the arms that may be chosen (all arms when `available` is omitted). */
export function bestMean(means: readonly number[], available?: readonly boolean[]): number {
  let best = -Infinity;
  means.forEach((m, a) => {
    if ((!available || available[a]) && m > best) best = m;
  });
  return best;
}

/** Realised regret of one step: the best arm's mean minus the reward actually obtained. */
export function realisedRegret(means: readonly number[], reward: number, available?: readonly boolean[]): number {
  return bestMean(means, available) - reward;
}

/** Pseudo-regret of one step: the best arm's mean minus the chosen arm's mean. */
export function pseudoRegret(means: readonly number[], arm: number, available?: readonly boolean[]): number {
  return bestMean(means, available) - means[arm];
}

/**
 * Pseudo-regret over a run against the best single arm in hindsight, i* = argmax_i Σ_t μ_{t,i}:
 * Σ_t (μ_{t,i*} − μ_{t,I_t}). In a stationary world this is the sum of the per-step pseudo-regrets.
 */
export function staticRegret(meansByStep: readonly (readonly number[])[], arms: readonly number[]): number {
  if (meansByStep.length === 0) return 0;
  const totals = meansByStep[0].map((_, i) => meansByStep.reduce((s, means) => s + means[i], 0));
  const chosen = arms.reduce((s, arm, t) => s + meansByStep[t][arm], 0);
  return Math.max(...totals) - chosen;
}

/** Dynamic regret over a run: against the best arm of each step, Σ_t (max_i μ_{t,i} − μ_{t,I_t}). */
export function dynamicRegret(meansByStep: readonly (readonly number[])[], arms: readonly number[]): number {
  return arms.reduce((s, arm, t) => s + pseudoRegret(meansByStep[t], arm), 0);
}

/** Running totals of per-step regrets: cumulative regret after each step. */
export function cumulative(perStep: readonly number[]): Float64Array {
  const out = new Float64Array(perStep.length);
  let sum = 0;
  perStep.forEach((r, t) => (out[t] = sum += r));
  return out;
}

/** Kullback–Leibler divergence between Bernoulli(p) and Bernoulli(q), with 0 log 0 = 0. */
export function bernoulliKL(p: number, q: number): number {
  let divergence = 0;
  if (p > 0) divergence += q === 0 ? Infinity : p * Math.log(p / q);
  if (p < 1) divergence += q === 1 ? Infinity : (1 - p) * Math.log((1 - p) / (1 - q));
  return divergence;
}

/**
 * Auer, Cesa-Bianchi, Fischer (2002), Theorem 1: UCB1's expected regret after T pulls is at most
 * Σ_{i: Δ_i > 0} 8 ln T / Δ_i + (1 + π²/3) Σ_i Δ_i, with Δ_i = μ* − μ_i.
 */
export function ucb1RegretBound(means: readonly number[], horizon: number): number {
  const best = bestMean(means);
  let bound = 0;
  for (const m of means) {
    const gap = best - m;
    if (gap > 0) bound += (8 * Math.log(horizon)) / gap + (1 + Math.PI ** 2 / 3) * gap;
  }
  return bound;
}

/**
 * Lai–Robbins (1985) constant for Bernoulli arms: lim inf R_T / ln T ≥ Σ_{i: Δ_i > 0} Δ_i / KL(μ_i, μ*),
 * which KL-UCB attains (Garivier, Cappé 2011).
 */
export function laiRobbinsConstant(means: readonly number[]): number {
  const best = bestMean(means);
  return means.reduce((s, m) => (m < best ? s + (best - m) / bernoulliKL(m, best) : s), 0);
}
