/**
 * Measures of delegation games (Sourbut, Hammond, Wood, "Cooperation and Control in
 * Delegation Games", IJCAI 2024, arXiv 2402.15821; SCIENCE.md §2).
 *
 * n principals each delegate to one agent; only agents act. Their play induces a
 * distribution σ over a finite outcome space Ω. Principal i has utility û^i and agent i
 * has u^i, both arrays over Ω. Every utility is standardised as u = c + m·ũ
 * (`standardise.ts`); m is its magnitude, ũ its direction.
 *
 * Definitions implemented here (the options select the standardisation; default uniform
 * mean and 2-norm, as in the paper's experiments):
 * - alignment distance d(u, v) = ½‖ũ − ṽ‖_p ∈ [0, 1]: 0 iff same preferences, 1 iff
 *   opposite (ṽ = −ũ); a constant utility (ũ = 0) is at ½ from every non-constant one;
 * - individual alignment IA^i = 1 − d(û^i, u^i) ∈ [0, 1];
 * - collective alignment CA = 1 − Σ_i m^i‖ũ^i − μ‖_p / Σ_i m^i, with μ = Σ_i m^i ũ^i / Σ_i m^i
 *   the magnitude-weighted centre (of the agents, or of the principals); 1 iff all share
 *   preferences; in [0, 1] for p = 2 (by Jensen, the weighted mean distance from μ is at most
 *   √(1 − ‖μ‖²)); ≥ −1 for other p. If every utility is constant, CA = 1;
 * - welfare w(ω) = Σ_i u^i(ω) = Σ_i m^i ũ^i(ω) + Σ_i c^i (utilitarian: with standardised
 *   utilities the welfare weights are the magnitudes), ŵ likewise over principals;
 * - welfare regret Regret(σ) = max_ω w(ω) − E_σ[w] (agents: cooperation failure by their
 *   own criteria; principals: the quantity of interest);
 * - welfare ratios r^i = m̂^i / m^i (perfect calibration: all equal); Infinity when agent i
 *   is indifferent (m^i = 0 — it adds nothing to agent welfare, however much its principal
 *   cares); the calibration term uses only agents with m^i > 0.
 *
 * Theorem 1 (the regret bound). Two valid forms are computed; the recorded bound is the
 * smaller. Write û^i = ĉ^i + m̂^i ũ̂^i, v^i = ũ̂^i − ũ^i, ŝ* a principals' optimum. Then
 *   Regret_Ĝ(σ) = Σ m̂^i[ũ^i(ŝ*) − ũ^i(σ)] + Σ m̂^i[v^i(ŝ*) − v^i(σ)].
 * The second sum is ≤ Σ m̂^i·2‖v^i‖_∞ ≤ Σ m̂^i·2‖v^i‖_p = 4 Σ m̂^i d^i (misalignment; the
 * constant 4 = 2·K_d with K_d = 2 the largest ratio of ‖·‖_∞ to d). In the first, terms with
 * m^i = 0 vanish (ũ^i = 0); with m̂^i = r^i m^i it splits, for any R ≥ 0, into
 * R·[w(ŝ*) − w(σ)] ≤ R·Regret_G(σ) (cooperation) and Σ (r^i − R) m^i [ũ^i(ŝ*) − ũ^i(σ)].
 * - The authors' form (lrhammond/delegation-games, regret_bounds.py): the last sum is
 *   ≤ K_m Σ |R − r^i| m^i (calibration), K_m = 2^{1−1/p} the largest gap between two values of a
 *   standardised utility (`maxStandardisedGap`; √2 for p = 2). The sum of the three
 *   terms is convex and piecewise linear in R with kinks at the r^i, so its minimum over
 *   R ≥ 0 is attained on {0, r^1, …, r^n}, the set the authors minimise over. Then the bound is
 *   capped by the principals' largest possible welfare regret K_m Σ m̂^i (n·K_m for unit
 *   magnitudes), which no regret can exceed.
 * - The mean-ratio form: R = r̄ = Σ m̂^i / Σ m^i over agents with m^i > 0, where
 *   Σ (r^i − r̄) m^i = 0 lets the sum be centred on μ: ≤ 2 max|r^i − r̄| Σ m^i ‖ũ^i − μ‖_p
 *   = 2 (1 − CA_G) Σ_i m^i · max|r^i − r̄|, which vanishes when the agents share preferences
 *   (CA_G = 1) even if miscalibrated; no cap.
 * Each term vanishes independently: cooperation when the agents reach their welfare
 * optimum; misalignment when every agent shares its principal's preferences; calibration when
 * the ratios are equal. With the ∞-norm standardisation each term is attained with equality on
 * suitable games (see the tests); with p = 2 the last two are conservative. The paper's body
 * text could not be read for this implementation (only its opening), so these constants are
 * derived, and checked against the authors' public code (4·Σ m̂ (1 − IA), K_m = √2, K_d = 2 for
 * EPIC, the minimum over {0, r^1, …, r^n} and the cap).
 */
import { maxOf, maxStandardisedGap, pNorm, standardise } from './standardise.ts';
import type { Standardised, StandardisationOptions, Utility } from './standardise.ts';

/** Principals' utilities û^i and their agents' u^i, each over the same outcomes. */
export interface DelegationGame {
  readonly principals: readonly Utility[];
  readonly agents: readonly Utility[];
}

/** A probability distribution over outcomes. */
export type Distribution = readonly number[];

/** The three terms of a form of Theorem 1 and the bound they give. */
export interface BoundTerms {
  readonly cooperation: number;
  readonly misalignment: number;
  readonly calibration: number;
  readonly total: number;
}

/** The authors' form: its terms at the minimising ratio R, the cap, and total = min(terms' sum, cap). */
export interface AuthorsBound extends BoundTerms {
  readonly ratio: number;
  readonly cap: number;
}

/** Both forms of Theorem 1 and the bound they give together (the smaller). */
export interface RegretBound {
  readonly authors: AuthorsBound;
  readonly meanRatio: BoundTerms;
  readonly total: number;
}

/** d(u, v) = ½‖ũ − ṽ‖_p ∈ [0, 1]. */
export function alignmentDistance(u: Utility, v: Utility, options: StandardisationOptions = {}): number {
  checkSameLength([u, v]);
  const a = standardise(u, options).direction;
  const b = standardise(v, options).direction;
  return pNorm(a.map((x, k) => x - b[k]), options.norm ?? 2) / 2;
}

/** IA^i = 1 − d(û^i, u^i) for each principal–agent pair. */
export function individualAlignment(game: DelegationGame, options: StandardisationOptions = {}): number[] {
  checkGame(game);
  return game.principals.map((p, i) => 1 - alignmentDistance(p, game.agents[i], options));
}

/** CA = 1 − Σ m^i‖ũ^i − μ‖_p / Σ m^i, μ the magnitude-weighted centre. */
export function collectiveAlignment(utilities: readonly Utility[], options: StandardisationOptions = {}): number {
  checkSameLength(utilities);
  const std = utilities.map((u) => standardise(u, options));
  const total = std.reduce((s, x) => s + x.magnitude, 0);
  if (total === 0) return 1;
  return 1 - spread(std, options.norm ?? 2) / total;
}

/** w(ω) = Σ_i u^i(ω) for each outcome. */
export function welfare(utilities: readonly Utility[]): number[] {
  checkSameLength(utilities);
  return utilities[0].map((_, k) => utilities.reduce((s, u) => s + u[k], 0));
}

/** E_σ[f] = Σ_ω σ(ω) f(ω). */
export function expectation(values: readonly number[], sigma: Distribution): number {
  if (values.length !== sigma.length) {
    throw new RangeError(`expectation: distribution has ${sigma.length} outcomes, expected ${values.length}`);
  }
  return values.reduce((s, x, k) => (sigma[k] === 0 ? s : s + sigma[k] * x), 0);
}

/** The welfare-optimal value max_ω w(ω) and every outcome attaining it. */
export function welfareOptimum(utilities: readonly Utility[]): { value: number; outcomes: number[] } {
  const w = welfare(utilities);
  const value = maxOf(w);
  return { value, outcomes: w.flatMap((x, k) => (x === value ? [k] : [])) };
}

/** Regret(σ) = max_ω w(ω) − E_σ[w]. */
export function welfareRegret(utilities: readonly Utility[], sigma: Distribution): number {
  const w = welfare(utilities);
  return maxOf(w) - expectation(w, sigma);
}

/** r^i = m̂^i / m^i (Infinity when m^i = 0). */
export function welfareRatios(game: DelegationGame, options: StandardisationOptions = {}): number[] {
  checkGame(game);
  return game.principals.map((p, i) => {
    const m = standardise(game.agents[i], options).magnitude;
    return m === 0 ? Infinity : standardise(p, options).magnitude / m;
  });
}

/** Both forms of Theorem 1 bounding the principals' welfare regret under σ. */
export function regretBound(game: DelegationGame, sigma: Distribution, options: StandardisationOptions = {}): RegretBound {
  checkGame(game);
  const p = options.norm ?? 2;
  const agents = game.agents.map((u) => standardise(u, options));
  const principals = game.principals.map((u) => standardise(u, options));
  const active = agents.flatMap((a, i) => (a.magnitude > 0 ? [i] : []));
  const ratios = active.map((i) => principals[i].magnitude / agents[i].magnitude);
  const agentsRegret = welfareRegret(game.agents, sigma);
  const misalignment = principals.reduce((s, pr, i) => s + 2 * pr.magnitude * pNorm(difference(pr, agents[i]), p), 0);
  const gap = maxStandardisedGap(p);
  const termsAt = (R: number) => ({
    cooperation: R * agentsRegret,
    misalignment,
    calibration: gap * active.reduce((s, i, k) => s + Math.abs(R - ratios[k]) * agents[i].magnitude, 0),
  });
  const sum = (t: ReturnType<typeof termsAt>) => t.cooperation + t.misalignment + t.calibration;
  let ratio = 0;
  for (const R of ratios) if (sum(termsAt(R)) < sum(termsAt(ratio))) ratio = R;
  const best = termsAt(ratio);
  const cap = gap * principals.reduce((s, pr) => s + pr.magnitude, 0);
  const authors = { ...best, ratio, cap, total: Math.min(sum(best), cap) };
  const meanRatio = meanRatioBound(agents, principals, active, agentsRegret, misalignment, p);
  return { authors, meanRatio, total: Math.min(authors.total, meanRatio.total) };
}

/** The mean-ratio form: R = r̄, calibration 2 (1 − CA_G) Σ m^i · max|r^i − r̄|, no cap. */
function meanRatioBound(
  agents: readonly Standardised[],
  principals: readonly Standardised[],
  active: readonly number[],
  agentsRegret: number,
  misalignment: number,
  p: number,
): BoundTerms {
  const agentMass = active.reduce((s, i) => s + agents[i].magnitude, 0);
  const meanRatio = agentMass === 0 ? 0 : active.reduce((s, i) => s + principals[i].magnitude, 0) / agentMass;
  const maxDeviation = active.reduce(
    (max, i) => Math.max(max, Math.abs(principals[i].magnitude / agents[i].magnitude - meanRatio)),
    0,
  );
  const cooperation = meanRatio * agentsRegret;
  const calibration = maxDeviation === 0 ? 0 : 2 * maxDeviation * spread(agents, p);
  return { cooperation, misalignment, calibration, total: cooperation + misalignment + calibration };
}

/** Σ_i m^i‖ũ^i − μ‖_p, μ = Σ m^i ũ^i / Σ m^i. */
function spread(std: readonly Standardised[], p: number): number {
  const total = std.reduce((s, x) => s + x.magnitude, 0);
  if (total === 0) return 0;
  const centre = std[0].direction.map((_, k) => std.reduce((s, x) => s + x.magnitude * x.direction[k], 0) / total);
  return std.reduce((s, x) => s + x.magnitude * pNorm(x.direction.map((y, k) => y - centre[k]), p), 0);
}

function difference(a: Standardised, b: Standardised): number[] {
  return a.direction.map((x, k) => x - b.direction[k]);
}

function checkGame(game: DelegationGame): void {
  if (game.principals.length !== game.agents.length || game.agents.length === 0) {
    throw new RangeError(
      `delegation game: need one agent per principal, got ${game.principals.length} principals and ${game.agents.length} agents`,
    );
  }
  checkSameLength([...game.principals, ...game.agents]);
}

function checkSameLength(utilities: readonly Utility[]): void {
  if (utilities.length === 0) throw new RangeError('delegation game: no utilities given');
  const n = utilities[0].length;
  if (n === 0 || utilities.some((u) => u.length !== n)) {
    throw new RangeError(`delegation game: every utility must cover the same ${n} > 0 outcomes`);
  }
}
