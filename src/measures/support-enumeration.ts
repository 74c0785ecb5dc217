/**
 * Mixed Nash equilibria of a two-player normal-form game by support enumeration.
 *
 * For every pair of supports S_0 ⊆ A_0, S_1 ⊆ A_1 of equal size k, solve for the
 * opponent's mix that makes each player indifferent on its own support:
 *   Σ_{b∈S_1} u_0(a, b) y_b = v  (a ∈ S_0),  Σ y = 1,   and symmetrically for x on S_0;
 * keep the solution if x, y ≥ 0 and no action outside a support earns more than v (resp.
 * the column value). This finds every equilibrium of a nondegenerate game (whose
 * equilibria all have supports of equal size); in a degenerate game it returns those with
 * equal-size supports, and every pure equilibrium. Cost grows as Σ_k C(|A_0|,k)·C(|A_1|,k):
 * meant for small games.
 */
import { outcomeCount } from './normal-form.ts';
import type { MixedProfile, NormalFormGame } from './normal-form.ts';

/** Distinct mixed equilibria [x, y], by support size then lexicographic support. */
export function mixedNashEquilibria(game: NormalFormGame, tolerance = 1e-9): MixedProfile[] {
  outcomeCount(game);
  if (game.actions.length !== 2) {
    throw new RangeError(`support enumeration: needs a two-player game, got ${game.actions.length} players`);
  }
  const [rows, cols] = game.actions;
  const row = (a: number, b: number): number => game.payoffs[0][a * cols + b];
  const col = (b: number, a: number): number => game.payoffs[1][a * cols + b];
  const found: MixedProfile[] = [];
  for (let k = 1; k <= Math.min(rows, cols); k++) {
    for (const s0 of subsets(rows, k)) {
      for (const s1 of subsets(cols, k)) {
        const y = indifferentMix(row, s0, s1, [rows, cols], tolerance);
        const x = y && indifferentMix(col, s1, s0, [cols, rows], tolerance);
        if (!x || !y) continue;
        const candidate: MixedProfile = [x, y];
        if (!found.some((e) => sameProfile(e, candidate, tolerance))) found.push(candidate);
      }
    }
  }
  return found;
}

/**
 * The opponent's mix over `theirs` making `payoff(own, other)` constant (= v) on `mine`
 * and no better than v elsewhere; undefined if there is none. `sizes` = [own, their] counts.
 */
function indifferentMix(
  payoff: (own: number, other: number) => number,
  mine: readonly number[],
  theirs: readonly number[],
  sizes: readonly [number, number],
  tolerance: number,
): number[] | undefined {
  const k = mine.length;
  // Unknowns: the mix over `theirs`, then v. Equations: indifference on `mine`; Σ mix = 1.
  const system = mine.map((a) => [...theirs.map((b) => payoff(a, b)), -1, 0]);
  system.push([...theirs.map(() => 1), 0, 1]);
  const solution = solve(system);
  if (!solution || solution.slice(0, k).some((p) => p < -tolerance)) return undefined;
  const mix = new Array<number>(sizes[1]).fill(0);
  theirs.forEach((b, j) => (mix[b] = Math.max(0, solution[j])));
  const total = mix.reduce((s, p) => s + p, 0);
  const normalised = mix.map((p) => p / total);
  const value = solution[k];
  for (let a = 0; a < sizes[0]; a++) {
    if (normalised.reduce((s, p, b) => s + p * payoff(a, b), 0) > value + tolerance) return undefined;
  }
  return normalised;
}

/** Solves a square system given as augmented rows [A | b] by Gaussian elimination with partial pivoting. */
function solve(augmented: number[][]): number[] | undefined {
  const n = augmented.length;
  const m = augmented.map((r) => [...r]);
  for (let c = 0; c < n; c++) {
    let pivot = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r][c]) > Math.abs(m[pivot][c])) pivot = r;
    if (Math.abs(m[pivot][c]) < 1e-12) return undefined;
    [m[c], m[pivot]] = [m[pivot], m[c]];
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = m[r][c] / m[c][c];
      for (let j = c; j <= n; j++) m[r][j] -= f * m[c][j];
    }
  }
  return m.map((r, c) => r[n] / r[c]);
}

/** All k-element subsets of {0, …, n − 1}, in lexicographic order. */
function* subsets(n: number, k: number): Generator<number[]> {
  const chosen = Array.from({ length: k }, (_, i) => i);
  while (true) {
    yield [...chosen];
    let i = k - 1;
    while (i >= 0 && chosen[i] === n - k + i) i--;
    if (i < 0) return;
    chosen[i]++;
    for (let j = i + 1; j < k; j++) chosen[j] = chosen[j - 1] + 1;
  }
}

function sameProfile(a: MixedProfile, b: MixedProfile, tolerance: number): boolean {
  return a.every((x, i) => x.every((p, j) => Math.abs(p - b[i][j]) <= tolerance));
}
