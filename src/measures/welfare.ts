/**
 * Social welfare functions: the power-mean family W_q (SCIENCE.md §4; Berdoz & Wattenhofer,
 * NeurIPS 2024, arXiv 2412.00033, section on social welfare functions and their informational
 * basis). Pure math: no state, no I/O, no randomness.
 *
 * For a vector of individual utilities u ∈ [0, ∞)^N and an exponent q ∈ [−∞, +∞]:
 *   W_q(u) = ((1/N) Σ_i u_i^q)^(1/q)      q ∉ {0, ±∞}
 *   W_0(u) = (Π_i u_i)^(1/N)              Nash (geometric mean), the limit q → 0
 *   W_−∞(u) = min_i u_i                   egalitarian (Rawlsian maximin), the limit q → −∞
 *   W_+∞(u) = max_i u_i                   the limit q → +∞ (not inequality averse)
 * W_1 is the utilitarian mean. The family is what anonymity, weak Pareto, independence of
 * irrelevant alternatives and ratio-scale measurability with full comparability leave (the
 * paper's table of SWFs by informational basis); q ≤ 1 adds aversion to inequality
 * (Pigou–Dalton transfers never lower welfare).
 *
 * Properties every member has: symmetric; monotone (weak Pareto); homogeneous of degree 1
 * (W(c·u) = c·W(u), the ratio-scale invariance); min u ≤ W_q(u) ≤ max u; non-decreasing in q.
 *
 * Zero and negative utilities. Ratio-scale utilities have a natural zero and are non-negative;
 * a negative utility is rejected (RangeError). A zero utility is allowed: for q ≤ 0 it makes
 * the welfare 0 (the limit of the formula, u_i^q → ∞ for q < 0; the product is 0 for q = 0;
 * the minimum is 0 for q = −∞), so inequality-averse welfare treats a zero-utility individual
 * as a social catastrophe. For q > 0 zeros enter the mean as usual.
 */

/** Utilitarian exponent: the arithmetic mean. */
export const UTILITARIAN = 1;
/** Nash exponent: the geometric mean. */
export const NASH = 0;
/** Egalitarian (Rawlsian) exponent: the minimum. */
export const EGALITARIAN = -Infinity;

/**
 * The power mean W_q(u) of non-negative utilities. Computed relative to the largest (q > 0) or
 * smallest (q < 0) utility so that large |q| neither overflows nor underflows to a wrong limit.
 */
export function powerMean(utilities: readonly number[], q: number): number {
  const n = utilities.length;
  if (n === 0) throw new RangeError('powerMean: the population is empty');
  if (Number.isNaN(q)) throw new RangeError('powerMean: the exponent q is NaN');
  let min = Infinity;
  let max = -Infinity;
  for (const u of utilities) {
    if (!(u >= 0) || u === Infinity) {
      throw new RangeError(`powerMean: utilities must be finite and non-negative, got ${u}`);
    }
    if (u < min) min = u;
    if (u > max) max = u;
  }
  if (q === -Infinity) return min;
  if (q === Infinity) return max;
  if (q <= 0 && min === 0) return 0;
  if (max === 0) return 0;
  if (Math.abs(q) < GEOMETRIC_LIMIT) {
    let logSum = 0;
    for (const u of utilities) logSum += Math.log(u);
    return Math.exp(logSum / n);
  }
  // W_q = scale · exp(ln(1 + d) / q) with d = mean of ((u/scale)^q − 1), via expm1/log1p so that
  // small |q| keeps its precision.
  const scale = q > 0 ? max : min;
  let d = 0;
  for (const u of utilities) d += Math.expm1(q * Math.log(u / scale));
  return scale * Math.exp(Math.log1p(d / n) / q);
}

/**
 * Below this |q| the geometric mean is returned: |ln W_q − ln W_0| ≤ |q|·Var(ln u)/2 + o(q), and
 * Var(ln u) < 6·10^5 for any finite positive doubles, so the relative error stays below 10^-9.
 */
const GEOMETRIC_LIMIT = 1e-15;
