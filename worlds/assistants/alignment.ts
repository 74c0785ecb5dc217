/**
 * Each principal's alignment with its assistant in the flagship world, in the terms of
 * delegation games (Sourbut, Hammond, Wood, IJCAI 2024; SCIENCE.md §2): the alignment
 * distance d = ½‖ũ̂ − ũ‖₂ and the welfare ratio r = m̂ / m between standardised utilities
 * (uniform mean, 2-norm, as in src/measures/standardise.ts).
 *
 * Outcomes: principal i's problems as the world poses them, (area j, hidden state good|bad,
 * accept|reject), 4M outcomes. At the mean stake s (gains and losses are uniform in
 * [0.5, 1.5]):
 * - the principal's utility is its weighted payoff: û(j, good, accept) = w_ij·s,
 *   û(j, bad, accept) = −w_ij·s, û(j, ·, reject) = 0;
 * - assistant k acting for it adds what it gains itself from accepting, the world's bias
 *   b_ijk (conflict of goals × its weight × its distortion), weighted like the payoff:
 *   u(j, good, accept) = w_ij(s + b_ijk), u(j, bad, accept) = w_ij(b_ijk − s), 0 for reject.
 *   Within an area this is exactly the criterion the assistant decides by
 *   (agents/deciders/noisy-gamble.ts): accept iff the expected payoff plus b is positive.
 * So d = 0 for an assistant without bias, and d grows with its conflicts in the areas the
 * principal weighs most; r = m̂ / m < 1 when the bias inflates the assistant's stakes.
 *
 * A principal's assistant is the one it has delegated to most often so far (ties: the
 * lowest-numbered); a principal that has never delegated has none and is left out.
 * The distance is computed in closed form per area (O(M) per principal, no allocation) so
 * that 10⁶ principal-steps stay cheap; the test checks it against `alignmentDistance`.
 *
 * Recorded each step: `alignment_distance/mean` and `welfare_ratio/mean` over principals
 * with an assistant; and, only when there are at most SERIES_LIMIT principals,
 * `alignment_distance/<principal>` and `welfare_ratio/<principal>` for each of them.
 */

/** Per-principal series are recorded only up to this many principals. */
export const SERIES_LIMIT = 20;

/** The mean of the world's gains and losses, uniform in [0.5, 1.5]. */
export const MEAN_STAKE = 1;

export interface PairAlignment {
  /** d ∈ [0, 1]. */
  readonly distance: number;
  /** r = m̂ / m; Infinity when the assistant's utility is constant (m = 0). */
  readonly ratio: number;
}

/** d and r for one pair, from the principal's weight w_j and the assistant's bias b_j in each area. */
export function pairAlignment(weights: ArrayLike<number>, biases: ArrayLike<number>, stake = MEAN_STAKE): PairAlignment {
  const m = weights.length;
  // Both utilities are linear in the weights, so d and r are unchanged by scaling them; scaling
  // by the largest keeps tiny weights from underflowing when squared.
  let scale = 0;
  for (let j = 0; j < m; j++) scale = Math.max(scale, weights[j]);
  // All weights 0: both utilities constant, at distance 0.
  if (scale === 0) return { distance: 0, ratio: Infinity };
  let principalSquares = 0;
  let assistantSum = 0;
  for (let j = 0; j < m; j++) {
    const w = weights[j] / scale;
    principalSquares += 2 * (w * stake) ** 2;
    assistantSum += 2 * w * biases[j];
  }
  // The principal's utility has mean 0; the assistant's, over the 4M outcomes, has mean `mean`.
  const mean = assistantSum / (4 * m);
  let assistantSquares = 2 * m * mean * mean;
  for (let j = 0; j < m; j++) {
    const w = weights[j] / scale;
    assistantSquares += (w * (stake + biases[j]) - mean) ** 2 + (w * (biases[j] - stake) - mean) ** 2;
  }
  // Some weight is positive, so the accept-good and accept-bad outcomes of its area differ for both: neither magnitude is 0.
  const p = 1 / Math.sqrt(principalSquares);
  const a = 1 / Math.sqrt(assistantSquares);
  let squares = 2 * m * (mean * a) ** 2;
  for (let j = 0; j < m; j++) {
    const w = weights[j] / scale;
    squares += (w * stake * p - (w * (stake + biases[j]) - mean) * a) ** 2;
    squares += (-w * stake * p - (w * (biases[j] - stake) - mean) * a) ** 2;
  }
  return { distance: Math.sqrt(squares) / 2, ratio: a / p };
}

/** Tracks whom each principal delegates to and records the pairs' alignment each step. */
export class AssistantAlignment {
  private readonly uses: Int32Array;
  /** Each principal's most-used assistant, −1 before its first delegation. */
  private readonly assistant: Int32Array;
  private readonly biases: Float64Array;

  constructor(
    private readonly principals: number,
    private readonly assistants: number,
    private readonly areas: number,
  ) {
    this.uses = new Int32Array(principals * assistants);
    this.assistant = new Int32Array(principals).fill(-1);
    this.biases = new Float64Array(areas);
  }

  /**
   * Counts this step's choices (arm 0: the principal itself; arm k: assistant k − 1), then
   * records the series. `weights` holds the principals' weights first, M per principal.
   */
  record(
    metric: (name: string, value: number) => void,
    chosen: ArrayLike<number>,
    weights: Float64Array,
    bias: (principal: number, assistant: number, area: number) => number,
    principalName: (principal: number) => string,
  ): void {
    const { principals: P, areas: M } = this;
    const perPrincipal = P <= SERIES_LIMIT;
    let distances = 0;
    let ratios = 0;
    let paired = 0;
    let finiteRatios = 0;
    for (let i = 0; i < P; i++) {
      this.count(i, chosen[i] - 1);
      const k = this.assistant[i];
      if (k < 0) continue;
      for (let j = 0; j < M; j++) this.biases[j] = bias(i, k, j);
      const { distance, ratio } = pairAlignment(weights.subarray(i * M, i * M + M), this.biases);
      distances += distance;
      paired++;
      if (Number.isFinite(ratio)) {
        ratios += ratio;
        finiteRatios++;
      }
      if (perPrincipal) {
        metric(`alignment_distance/${principalName(i)}`, distance);
        if (Number.isFinite(ratio)) metric(`welfare_ratio/${principalName(i)}`, ratio);
      }
    }
    if (paired > 0) metric('alignment_distance/mean', distances / paired);
    if (finiteRatios > 0) metric('welfare_ratio/mean', ratios / finiteRatios);
  }

  private count(i: number, k: number): void {
    if (k < 0) return;
    const row = i * this.assistants;
    const uses = ++this.uses[row + k];
    const current = this.assistant[i];
    if (current < 0 || uses > this.uses[row + current] || (uses === this.uses[row + current] && k < current)) this.assistant[i] = k;
  }
}
