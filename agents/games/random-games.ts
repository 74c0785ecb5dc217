/**
 * Random delegation games with controlled misalignment, miscalibration and cooperation
 * failure, after the paper's experiments (Sourbut, Hammond, Wood, IJCAI 2024, §6;
 * SCIENCE.md §2), using the default standardisation (uniform mean, 2-norm):
 * - each principal's standardised utility ũ̂^i is uniform on the unit sphere of zero-mean
 *   utilities (a centred, normalised Gaussian vector);
 * - misalignment: agent i's ũ^i is ũ̂^i rotated by θ = 2·arcsin(d^i) toward a random
 *   orthogonal zero-mean direction, so the alignment distance is exactly
 *   ½‖ũ̂^i − ũ^i‖ = sin(θ/2) = d^i (needs ≥ 3 outcomes unless d^i ∈ {0, 1});
 * - calibration: magnitudes are given, so r^i = m̂^i / m^i exactly; shifts are uniform
 *   in [−shiftRange, shiftRange] and affect no measure;
 * - cooperation failure: `distributionWithRegret` returns an outcome distribution whose
 *   welfare regret (for the utilities given) is exactly the target, mixing a random
 *   distribution with the welfare optimum or the welfare pessimum.
 * Outcomes are the joint actions of a normal-form game with the given action counts, so
 * the agents' equilibria can be computed as well.
 */
import { welfare, welfareRegret } from '../../src/measures/delegation-games.ts';
import type { DelegationGame, Distribution } from '../../src/measures/delegation-games.ts';
import type { NormalFormDelegationGame } from '../../src/measures/normal-form.ts';
import { argmax, pointMass } from '../../src/measures/normal-form.ts';
import { pNorm } from '../../src/measures/standardise.ts';
import type { Utility } from '../../src/measures/standardise.ts';
import { standardNormal, type Random } from '../random.ts';

export interface RandomDelegationGameOptions {
  /** Actions of each agent; outcomes are the joint actions. */
  readonly actions: readonly number[];
  /** Alignment distance d^i ∈ [0, 1] of each agent from its principal (one value: all). */
  readonly misalignment: number | readonly number[];
  /** Agents' magnitudes m^i; default 1 each. */
  readonly agentMagnitudes?: readonly number[];
  /** Principals' magnitudes m̂^i; default the agents' (perfect calibration, r^i = 1). */
  readonly principalMagnitudes?: readonly number[];
  /** Shifts are drawn uniformly from [−shiftRange, shiftRange]; default 1. */
  readonly shiftRange?: number;
}

/** A random delegation game with exactly the given misalignment and welfare ratios. */
export function randomDelegationGame(random: Random, options: RandomDelegationGameOptions): NormalFormDelegationGame {
  const { actions, shiftRange = 1 } = options;
  const players = actions.length;
  const outcomes = actions.reduce((a, b) => a * b, 1);
  const distances = perPlayer(options.misalignment, players, 'misalignment');
  const agentMagnitudes = perPlayer(options.agentMagnitudes ?? 1, players, 'agentMagnitudes');
  const principalMagnitudes = perPlayer(options.principalMagnitudes ?? agentMagnitudes, players, 'principalMagnitudes');
  if (distances.some((d) => !(d >= 0 && d <= 1))) throw new RangeError('random delegation game: misalignment must lie in [0, 1]');
  if ([...agentMagnitudes, ...principalMagnitudes].some((m) => !(m >= 0))) {
    throw new RangeError('random delegation game: magnitudes must be non-negative');
  }
  const principals: number[][] = [];
  const agents: number[][] = [];
  for (let i = 0; i < players; i++) {
    const direction = randomDirection(random, outcomes);
    principals.push(compose(random, principalMagnitudes[i], direction, shiftRange));
    agents.push(compose(random, agentMagnitudes[i], rotate(random, direction, distances[i]), shiftRange));
  }
  return { actions, principals, agents };
}

/**
 * The games of the authors' 3-D experiment (lrhammond/delegation-games,
 * experiments_3d_regret_plotting): `outcomes` outcomes with no game structure, every
 * principal's utility standardised from uniform values (magnitude 1, shift 0), every agent's at
 * exactly its distance from its principal, also with magnitude 1 (perfect calibration).
 */
export function unitDelegationGame(random: Random, outcomes: number, distances: readonly number[]): DelegationGame {
  const principals = distances.map(() => drawDirection(outcomes, () => random.next()));
  return { principals, agents: principals.map((u, i) => rotate(random, u, distances[i])) };
}

/**
 * Distances d^i ∈ [0, 1] summing to `total` ∈ [0, n], as the authors split a game's total
 * misalignment: shares uniform on the simplex; when one exceeds 1, mixed with the equal split
 * total/n by a coefficient uniform in [0, (n − total)/(n·max − total)], the range that keeps
 * every share within 1. (The authors' code mixes with 1/n, which keeps the total only when it
 * is 1; the equal split keeps it always.)
 */
export function splitMisalignment(random: Random, total: number, players: number): number[] {
  const shares = randomDistribution(random, players).map((x) => total * x);
  const largest = Math.max(...shares);
  if (largest <= 1) return shares;
  const coefficient = random.next() * ((players - total) / (players * largest - total));
  return shares.map((x) => coefficient * x + ((1 - coefficient) * total) / players);
}

/** An outcome distribution whose welfare regret for `utilities` is `target` (capped at the largest possible). */
export function distributionWithRegret(random: Random, utilities: readonly Utility[], target: number): number[] {
  const w = welfare(utilities);
  const best = pointMass(w.length, argmax(w));
  const worst = pointMass(w.length, argmax(w.map((x) => -x)));
  const sample = randomDistribution(random, w.length);
  const sampleRegret = welfareRegret(utilities, sample);
  const worstRegret = welfareRegret(utilities, worst);
  if (target >= worstRegret) return worst;
  if (target <= 0) return best;
  if (target <= sampleRegret) return mix(sample, best, target / sampleRegret);
  return mix(worst, sample, (target - sampleRegret) / (worstRegret - sampleRegret));
}

/** t·a + (1 − t)·b. */
function mix(a: Distribution, b: Distribution, t: number): number[] {
  return a.map((x, k) => t * x + (1 - t) * b[k]);
}

/** Uniform on the simplex (normalised exponentials). */
function randomDistribution(random: Random, n: number): number[] {
  const e = Array.from({ length: n }, () => -Math.log(1 - random.next()));
  const total = e.reduce((s, x) => s + x, 0);
  return e.map((x) => x / total);
}

/** Uniform on the unit sphere of zero-mean vectors. */
function randomDirection(random: Random, n: number): number[] {
  return drawDirection(n, () => standardNormal(random));
}

/** n values from `draw`, centred and scaled to 2-norm 1 (drawn again while nearly constant). */
function drawDirection(n: number, draw: () => number): number[] {
  for (;;) {
    const v = centred(Array.from({ length: n }, draw));
    const norm = pNorm(v, 2);
    if (norm > 1e-9) return v.map((x) => x / norm);
  }
}

/** ũ rotated by θ = 2·arcsin(d) toward a random zero-mean direction orthogonal to it. */
function rotate(random: Random, direction: readonly number[], d: number): number[] {
  if (d === 0) return [...direction];
  if (d === 1) return direction.map((x) => -x);
  if (direction.length < 3) throw new RangeError('random delegation game: 0 < misalignment < 1 needs at least 3 outcomes');
  const theta = 2 * Math.asin(d);
  for (;;) {
    const v = randomDirection(random, direction.length);
    const dot = v.reduce((s, x, k) => s + x * direction[k], 0);
    const orthogonal = v.map((x, k) => x - dot * direction[k]);
    const norm = pNorm(orthogonal, 2);
    if (norm > 1e-9) return direction.map((x, k) => Math.cos(theta) * x + (Math.sin(theta) * orthogonal[k]) / norm);
  }
}

/** c + m·ũ with c uniform in [−range, range]. */
function compose(random: Random, magnitude: number, direction: readonly number[], range: number): number[] {
  const shift = range * (2 * random.next() - 1);
  return direction.map((x) => shift + magnitude * x);
}

function centred(v: readonly number[]): number[] {
  const mean = v.reduce((s, x) => s + x, 0) / v.length;
  return v.map((x) => x - mean);
}

function perPlayer(value: number | readonly number[], players: number, name: string): readonly number[] {
  if (typeof value === 'number') return new Array<number>(players).fill(value);
  if (value.length !== players) throw new RangeError(`random delegation game: ${name} needs ${players} values, got ${value.length}`);
  return value;
}
