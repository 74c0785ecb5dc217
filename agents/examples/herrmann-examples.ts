/**
 * The worked examples of Herrmann, Chari, Qian, Sharvesh, Levinstein, "A Decision-Theoretic Approach for
 * Managing Misalignment" (arXiv 2512.15584), as data for worlds and tests. SCIENCE.md §3.
 *
 * `stated` holds the numbers the paper prints; where the paper rounds, `stated` keeps its rounding and
 * the exact values follow from the framework (`src/measures/scoring.ts`). Where our reading of an
 * example does not give a printed number, the candidate corrections are listed with the convention each
 * assumes.
 */

import {
  principalRule,
  stateRule,
  uniformProblems,
  type AgentFrame,
  type Decider,
  type GainConvention,
  type Gamble,
} from '../../src/measures/scoring.ts';

const uniform = (n: number): number[] => new Array<number>(n).fill(1 / n);
const identity = (x: number): number => x;

/**
 * §3.1.2: two worlds a, b; the expert's credences are (0.8, 0.2) at a and (0.1, 0.9) at b, the
 * principal's π = (½, ½); options O₁ = (1, −1), O₂ = (−1, 1). The expert picks O₁ at a and O₂ at b.
 */
export const twoWorldExpert = {
  credence: [0.5, 0.5],
  frame: {
    types: [
      { beliefs: [0.8, 0.2], values: identity },
      { beliefs: [0.1, 0.9], values: identity },
    ],
    typeAt: [0, 1],
  } satisfies AgentFrame,
  options: [
    [1, -1],
    [-1, 1],
  ] satisfies Gamble[],
  stated: {
    /** E_a(O₁), E_b(O₁), E_a(O₂), E_b(O₂). */
    expertExpectations: [0.6, -0.8, -0.6, 0.8],
    /** E_π(O₁) = E_π(O₂). */
    principalValue: 0,
    /** The value of delegating the choice between O₁ and O₂: 1 > 0, so π delegates. */
    delegatedValue: 1,
  },
};

/** The shape of the §4 examples: a principal deciding herself against delegating to Bob. */
export interface ScoringExample {
  readonly convention: GainConvention;
  readonly self: Decider;
  readonly delegate: Decider;
}

/**
 * §4.1, the noisy expert: one gamble over twelve equiprobable states, four each with payoff ω ∈ {−5, 3, 8};
 * Alice opens always (E_π = 2 ≥ 0); Bob peeks with noise and opens in the states listed in `bobOpens`.
 * The paper's appendix, which would fix the states and Bob's rule, was not available: payoffs and rule are
 * our reading, the one that gives the printed L(D_B) = 21/12 (Bob opens one −5 in four and declines one 3
 * and one 8 in four).
 *
 * A reading, not an erratum: under it the printed G(D_B) = 32/12 (S = −11/12) follows under neither
 * convention for G. Counting every correct decision (`correct`: six accepted winners 3+3+3+8+8+8 and two
 * rejected losers 5+5) gives 43/12 (S = −22/12); counting accepted winners only (`accepted`) gives
 * 33/12 (S = −1). The printed 32/12 would need other payoffs or another rule. The verdict, do not
 * delegate, holds under all three: S(D_π) = −2.
 */
export const noisyExpert = (() => {
  const states = uniform(12);
  const problems = uniformProblems(states, [[-5, -5, -5, -5, 3, 3, 3, 3, 8, 8, 8, 8]]);
  const bobOpens = [true, false, true, false, true, true, true, false, true, true, true, false];
  return {
    convention: 'correct' as const,
    bobOpens,
    self: { problems, rule: principalRule(states) },
    delegate: { problems, rule: stateRule(bobOpens) },
    stated: {
      bob: { loss: 21 / 12, gain: 32 / 12, score: -11 / 12 },
      alice: { loss: 20 / 12, gain: 44 / 12, score: -2 },
      delegate: false,
    },
    /** Bob's score under our reading, per convention for G (the candidate corrections of the printed numbers). */
    readings: {
      correct: { loss: 21 / 12, gain: 43 / 12, score: -22 / 12 },
      accepted: { loss: 21 / 12, gain: 33 / 12, score: -12 / 12 },
    },
  };
})();

/**
 * §4.2, the misaligned (risk-averse) expert: one gamble over twelve equiprobable states (Appendix B,
 * Table 4: the payoff ω ∈ {−400, 25, 100, 225}, then Bob's peek). Alice never opens (E_π = −12.5 < 0).
 * Bob opens as Table 4 lists and charges a fee of 50 when he opens, so delegating faces the gamble
 * {ω − 50, 0}. Scored with the `correct` convention. The main text's S(D_B) = −700/12 holds with and
 * without the fee (L = 700/12 and 775/12 respectively, L − G the same).
 *
 * Appendix B prints other numbers, recorded in `stated.appendix`: Bob's L = 850/12, G = 1250/12,
 * S = −400/12 come from judging opened rows on the fee-adjusted payoff and unopened rows on the raw one;
 * Alice's 750/12 rests on the slip (1/4)·400 = 300/12. The verdict, delegate, holds under all of them.
 */
export const misalignedExpert = (() => {
    const states = uniform(12);
    const fee = 50;
    const payoff = [-400, -400, -400, 25, 25, 25, 100, 100, 100, 225, 225, 225];
    const bobOpens = [true, false, false, true, false, false, true, true, false, true, true, false];
    return {
      convention: 'correct' as const,
      fee,
      bobOpens,
      self: { problems: uniformProblems(states, [payoff]), rule: principalRule(states) },
      delegate: { problems: uniformProblems(states, [payoff.map((x) => x - fee)]), rule: stateRule(bobOpens) },
      stated: {
        bob: { score: -700 / 12 },
        alice: { score: -150 / 12 },
        appendix: { bob: { loss: 850 / 12, gain: 1250 / 12, score: -400 / 12 }, alice: { loss: 750 / 12 } },
        delegate: true,
      },
    };
  })();

/** §4.3's boxes A1–A5; a box's outcomes are equally likely. */
export const boxes: readonly (readonly number[])[] = [[-6, 3, 9], [-8, -4, 12], [-10, 2, 3], [1, 2, 3, 4], [5]];

/**
 * The boxes with their outcomes' variance multiplied by `variance` and their means kept (§5.1: the online
 * version converges when the boxes' reward variance is low): x ↦ m + √variance·(x − m), m the box's mean.
 * 1 gives the paper's boxes, 0 a box that always pays its mean.
 */
export function boxesWithVariance(variance: number): number[][] {
  const spread = Math.sqrt(variance);
  return boxes.map((box) => {
    const mean = box.reduce((a, b) => a + b, 0) / box.length;
    return box.map((x) => mean + spread * (x - mean));
  });
}

/**
 * The boxes as gambles on one state space: a state fixes every box's content, Ω = A1 × … × A5 (108
 * states), uniform, so each box is uniform over its outcomes and the boxes are independent.
 */
function boxGambles(contents: readonly (readonly number[])[]): { states: number[]; gambles: Gamble[] } {
  const size = contents.reduce((n, box) => n * box.length, 1);
  const gambles = contents.map((box, k) => {
    const stride = contents.slice(0, k).reduce((n, b) => n * b.length, 1);
    return Array.from({ length: size }, (_, w) => box[Math.floor(w / stride) % box.length]);
  });
  return { states: uniform(size), gambles };
}

/**
 * §4.3, Alice and Bob: Alice can open A1–A3, Bob all five boxes, each reachable box equally likely
 * (μ_self ≠ μ_delegate). Both open a box iff its expected value is ≥ 0 (A1, A2, A4, A5), so Bob's edge is
 * reach alone. Scored with the `accepted` convention (§3.4's displayed formula). Exact: Alice L = 23/9,
 * G = 8/3, S = −1/9; Bob L = 23/15, G = 31/10, S = −47/30; the paper prints them rounded.
 */
export const aliceAndBob = aliceAndBobWithVariance(1);

/** §4.3 on the boxes of `boxesWithVariance(variance)`; at 1, `aliceAndBob`. The printed numbers are for 1. */
export function aliceAndBobWithVariance(variance: number) {
  const { states, gambles } = boxGambles(boxesWithVariance(variance));
  const rule = principalRule(states);
  return {
    convention: 'accepted' as const,
    self: { problems: uniformProblems(states, gambles.slice(0, 3)), rule },
    delegate: { problems: uniformProblems(states, gambles), rule },
    stated: {
      alice: { loss: 2.56, gain: 2.67, score: -0.11 },
      bob: { loss: 1.53, gain: 3.1, score: -1.57 },
      delegate: true,
    },
  };
}
