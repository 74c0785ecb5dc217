/**
 * Normal-form games over joint actions, and the outcome distributions that the agents'
 * play produces in a delegation game (SCIENCE.md §2).
 *
 * The outcome space Ω is the set of joint actions, indexed in row-major order (player 0
 * most significant): ω = Σ_i a_i · Π_{j>i} |A_j|. Player i's payoff is an array over Ω,
 * so a game's payoffs are directly the agents' utilities u^i of a delegation game.
 *
 * Solution concepts (all deterministic):
 * - pure ε-Nash equilibria: no player gains more than ε by a unilateral deviation
 *   (`relative`: more than ε times the range of its payoffs over its own deviations, the
 *   form the authors' experiments use for individual capability);
 * - mixed Nash equilibria of two-player games by support enumeration (`support-enumeration.ts`);
 * - iterated best response and fictitious play (`learning-dynamics.ts`) for larger games;
 * - cooperative play: the outcome maximising the agents' own welfare Σ_i u^i.
 * Selection: for the regret bound the paper's experiments score the agents' equilibria by
 * the principals' welfare and take the worst (the authors' code: minimum principals'
 * welfare over all support-enumeration equilibria of the agents' game); `worstFor` does so.
 */
import { expectation, welfare } from './delegation-games.ts';
import type { DelegationGame, Distribution } from './delegation-games.ts';
import type { Utility } from './standardise.ts';

export interface NormalFormGame {
  /** |A_i|: the number of actions of each player. */
  readonly actions: readonly number[];
  /** payoffs[i][ω]: player i's payoff at joint action ω. */
  readonly payoffs: readonly Utility[];
}

/** A delegation game whose outcomes are the joint actions of the agents' normal-form game. */
export interface NormalFormDelegationGame extends DelegationGame {
  readonly actions: readonly number[];
}

/** The game the agents play (their own utilities as payoffs). */
export function agentsGame(game: NormalFormDelegationGame): NormalFormGame {
  return { actions: game.actions, payoffs: game.agents };
}

/** One action per player. */
export type Profile = readonly number[];

/** One distribution over its own actions per player. */
export type MixedProfile = readonly (readonly number[])[];

export interface EquilibriumOptions {
  /** Allowed gain from deviating; default 0. */
  readonly epsilon?: number;
  /** Measure ε relative to the player's payoff range over its own deviations; default false. */
  readonly relative?: boolean;
  /** Slack for floating-point error; default 1e-12. */
  readonly tolerance?: number;
}

/** Validates a game and returns |Ω|. */
export function outcomeCount(game: NormalFormGame): number {
  const { actions, payoffs } = game;
  if (actions.length === 0 || actions.some((k) => !Number.isInteger(k) || k < 1)) {
    throw new RangeError(`normal-form game: action counts must be positive integers, got [${actions.join(', ')}]`);
  }
  const count = actions.reduce((a, b) => a * b, 1);
  if (payoffs.length !== actions.length || payoffs.some((u) => u.length !== count)) {
    throw new RangeError(`normal-form game: need ${actions.length} payoff arrays of ${count} joint actions each`);
  }
  return count;
}

/** ω of a joint action. */
export function outcomeIndex(actions: readonly number[], profile: Profile): number {
  return profile.reduce((index, a, i) => index * actions[i] + a, 0);
}

/** The joint action of ω. */
export function profileOf(actions: readonly number[], index: number): number[] {
  const profile = new Array<number>(actions.length);
  for (let i = actions.length - 1; i >= 0; i--) {
    profile[i] = index % actions[i];
    index = Math.floor(index / actions[i]);
  }
  return profile;
}

/** The payoffs player i would get at ω by each of its own actions, others fixed. */
export function deviationPayoffs(game: NormalFormGame, player: number, index: number): number[] {
  const stride = game.actions.slice(player + 1).reduce((a, b) => a * b, 1);
  const own = Math.floor(index / stride) % game.actions[player];
  const base = index - own * stride;
  return Array.from({ length: game.actions[player] }, (_, a) => game.payoffs[player][base + a * stride]);
}

/** Outcomes ω at which every player is within ε of a best response. */
export function pureNashEquilibria(game: NormalFormGame, options: EquilibriumOptions = {}): number[] {
  const count = outcomeCount(game);
  const { epsilon = 0, relative = false, tolerance = 1e-12 } = options;
  const result: number[] = [];
  for (let index = 0; index < count; index++) {
    const stable = game.actions.every((_, i) => {
      const payoffs = deviationPayoffs(game, i, index);
      const best = Math.max(...payoffs);
      const allowed = relative ? epsilon * (best - Math.min(...payoffs)) : epsilon;
      return best - game.payoffs[i][index] <= allowed + tolerance;
    });
    if (stable) result.push(index);
  }
  return result;
}

/** The distribution putting all mass on ω. */
export function pointMass(count: number, index: number): number[] {
  return Array.from({ length: count }, (_, k) => (k === index ? 1 : 0));
}

/** σ(ω) = Π_i x_i(ω_i), the outcome distribution of independent mixed strategies. */
export function outcomeDistribution(actions: readonly number[], mixed: MixedProfile): number[] {
  const count = actions.reduce((a, b) => a * b, 1);
  return Array.from({ length: count }, (_, index) =>
    profileOf(actions, index).reduce((p, a, i) => p * mixed[i][a], 1),
  );
}

/** Cooperative play: the first outcome maximising the agents' welfare Σ_i u^i. */
export function cooperativeOutcome(game: NormalFormGame): number {
  outcomeCount(game);
  return argmax(welfare(game.payoffs));
}

/** The candidate with the least expected welfare Σ_i u^i (first on ties). */
export function worstFor(utilities: readonly Utility[], candidates: readonly Distribution[]): Distribution {
  if (candidates.length === 0) throw new RangeError('worstFor: no candidate distributions');
  const w = welfare(utilities);
  return candidates[argmax(candidates.map((sigma) => -expectation(w, sigma)))];
}

/** The first index of a largest value. */
export function argmax(values: readonly number[]): number {
  return values.reduce((best, x, k) => (x > values[best] ? k : best), 0);
}
