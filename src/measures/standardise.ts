/**
 * Utility standardisation for delegation games (Sourbut, Hammond, Wood, IJCAI 2024,
 * arXiv 2402.15821; SCIENCE.md §2).
 *
 * A utility u over a finite outcome space Ω is an array indexed by outcome. Since u and
 * a·u + b (a > 0) express the same preferences, u is compared only through its
 * standardisation ũ = (u − c(u)) / m(u), so that u = c(u) + m(u)·ũ, where
 * - the shift c(u) is the mean of u over outcomes under a weighting ν (uniform by default,
 *   as in the paper's experiments), or the midpoint of u's range;
 * - the magnitude m(u) = ‖u − c(u)‖_p, the p-norm (counting measure over outcomes) of the
 *   shifted utility; the paper's experiments use p = 2 with the uniform mean (EPIC-like).
 * Both choices commute with positive affine maps: c(a·u + b) = a·c(u) + b and
 * m(a·u + b) = a·m(u), hence ũ is unchanged.
 *
 * Degenerate utilities: a constant u (indifference between all outcomes) has m(u) = 0; its
 * standardisation is the zero vector ũ = 0 (it carries no preference, and a zero magnitude
 * gives it zero weight in any welfare). Constancy is tested exactly (max = min); for a
 * non-constant u some u(ω) − c(u) ≠ 0 (float subtraction is exact at zero), so m(u) > 0
 * and no division by zero or NaN can arise.
 */

export type Utility = readonly number[];

/** How the shift c(u) is taken: ν-weighted mean, or midpoint of the range. */
export type Shift = 'mean' | 'midrange';

export interface StandardisationOptions {
  /** c(u); default 'mean'. */
  readonly shift?: Shift;
  /** p of the p-norm giving m(u), p ≥ 1 or Infinity; default 2. */
  readonly norm?: number;
  /** Outcome weighting ν for the 'mean' shift (non-negative, normalised here); default uniform. */
  readonly weights?: readonly number[];
}

/** The paper's experimental default: uniform mean, 2-norm. */
export const EPIC_STANDARDISATION: StandardisationOptions = { shift: 'mean', norm: 2 };
/** The range alternative: midpoint shift, ∞-norm (ũ spans exactly [−1, 1]). */
export const RANGE_STANDARDISATION: StandardisationOptions = { shift: 'midrange', norm: Infinity };

/** u = shift + magnitude · direction, with direction = ũ the standardised utility. */
export interface Standardised {
  readonly shift: number;
  readonly magnitude: number;
  readonly direction: readonly number[];
}

/**
 * ‖v‖_p with the counting measure, p ≥ 1 or Infinity. Computed as s·‖v/s‖_p with
 * s = ‖v‖_∞, so that tiny or huge entries neither underflow nor overflow: ‖v‖_p ≥ ‖v‖_∞ > 0
 * whenever v ≠ 0.
 */
export function pNorm(v: readonly number[], p: number): number {
  const s = v.reduce((max, x) => Math.max(max, Math.abs(x)), 0);
  if (p === Infinity || s === 0) return s;
  if (p === 2) return s * Math.sqrt(v.reduce((sum, x) => sum + (x / s) ** 2, 0));
  return s * v.reduce((sum, x) => sum + Math.abs(x / s) ** p, 0) ** (1 / p);
}

/** The shift c(u). */
export function shiftOf(u: Utility, options: StandardisationOptions = {}): number {
  if ((options.shift ?? 'mean') === 'midrange') return (maxOf(u) + minOf(u)) / 2;
  const weights = options.weights;
  if (weights === undefined) return u.reduce((s, x) => s + x, 0) / u.length;
  const total = weights.reduce((s, x) => s + x, 0);
  return u.reduce((s, x, k) => s + weights[k] * x, 0) / total;
}

/** Standardise u: its shift c(u), magnitude m(u) and direction ũ (0 when u is constant). */
export function standardise(u: Utility, options: StandardisationOptions = {}): Standardised {
  validateOptions(u, options);
  const c = shiftOf(u, options);
  if (maxOf(u) === minOf(u)) {
    return { shift: c, magnitude: 0, direction: u.map(() => 0) };
  }
  const centred = u.map((x) => x - c);
  const m = pNorm(centred, options.norm ?? 2);
  return { shift: c, magnitude: m, direction: centred.map((x) => x / m) };
}

/**
 * K_m: the largest difference a standardised utility can put between two outcomes,
 * sup{ũ(a) − ũ(b) : ‖ũ‖_p = 1} = 2^(1 − 1/p) (√2 for p = 2, 2 for p = ∞), attained by
 * ũ = ±2^(−1/p) on two outcomes and 0 elsewhere (a standardised point for either shift).
 */
export function maxStandardisedGap(p: number): number {
  return p === Infinity ? 2 : 2 ** (1 - 1 / p);
}

export function maxOf(v: readonly number[]): number {
  return v.reduce((max, x) => (x > max ? x : max), -Infinity);
}

export function minOf(v: readonly number[]): number {
  return v.reduce((min, x) => (x < min ? x : min), Infinity);
}

function validateOptions(u: Utility, options: StandardisationOptions): void {
  if (u.length === 0) throw new RangeError('standardise: a utility needs at least one outcome');
  const p = options.norm ?? 2;
  if (!(p >= 1)) throw new RangeError(`standardise: norm must be p >= 1 or Infinity, got ${p}`);
  const w = options.weights;
  if (w !== undefined) {
    if (w.length !== u.length || w.some((x) => !(x >= 0)) || !(w.reduce((s, x) => s + x, 0) > 0)) {
      throw new RangeError('standardise: weights must be non-negative, one per outcome, not all 0');
    }
  }
}
