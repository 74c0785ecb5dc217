import { FACTIONS } from '../../agents/planning/governance-model.ts';
import type { RandomStream } from '../../src/kernel/random.ts';
import type { Population } from '../../src/measures/misalignment.ts';

/**
 * The governed population: equal-sized factions whose members share their faction's utility, and
 * who hold goals with importance weights in the governor's policy areas (SCIENCE.md §1.1).
 */

interface PolicyArea {
  readonly name: string;
  readonly goals: readonly string[];
  /** c(g, g'): symmetric, zero diagonal, in [0, 1]. */
  readonly conflict: readonly (readonly number[])[];
  /** The goal a typical member of each faction (workers, owners, farmers) holds. */
  readonly typical: readonly number[];
}

/** The two levers of the economy: who gets the output, and whether the stock is mined. */
export const AREAS: readonly PolicyArea[] = [
  {
    name: 'distribution',
    goals: ['labour', 'capital', 'land'],
    conflict: [[0, 1, 0.5], [1, 0, 0.5], [0.5, 0.5, 0]],
    typical: [0, 1, 2],
  },
  {
    name: 'extraction',
    goals: ['conserve', 'exploit'],
    conflict: [[0, 1], [1, 0]],
    typical: [1, 1, 0],
  },
];
export const EXTRACTION = AREAS.findIndex((area) => area.name === 'extraction');

export interface Citizens {
  readonly population: Population;
  /** Faction index of each member. */
  readonly faction: Int32Array;
  /** Each member's weight on extraction when the stock is full. */
  readonly calmWeight: Float64Array;
}

/**
 * Builds `membersPerFaction` members per faction. A member holds its faction's typical goal with
 * probability `conformity` and another goal of the area otherwise; weights are uniform on [0.2, 1].
 */
export function buildCitizens(membersPerFaction: number, conformity: number, rng: RandomStream): Citizens {
  const n = FACTIONS.length * membersPerFaction;
  const m = AREAS.length;
  const goals = new Int32Array(n * m);
  const weights = new Float64Array(n * m);
  const faction = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    faction[i] = Math.floor(i / membersPerFaction);
    AREAS.forEach((area, j) => {
      const typical = area.typical[faction[i]];
      const other = (typical + 1 + rng.int(area.goals.length - 1)) % area.goals.length;
      goals[i * m + j] = rng.bernoulli(conformity) ? typical : other;
      weights[i * m + j] = rng.uniform(0.2, 1);
    });
  }
  const conflicts = AREAS.map((area) => Float64Array.from(area.conflict.flat()));
  const calmWeight = Float64Array.from({ length: n }, (_, i) => weights[i * m + EXTRACTION]);
  return { population: { n, m, goals, weights, conflicts }, faction, calmWeight };
}

/** Scarcity makes extraction salient: the weight moves from its calm value toward 1 as the stock runs out. */
export function extractionWeight(calm: number, scarcity: number): number {
  return calm + (1 - calm) * scarcity;
}
