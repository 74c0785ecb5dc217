import type { RandomStream } from '../../src/kernel/random.ts';
import type { Population } from '../../src/measures/misalignment.ts';

/**
 * What Algorithms 1–2 of Kierans et al. (SCIENCE.md §1.8) need to build one world: per area k
 * goals and one conflict value for all its goal pairs (every experiment presets it), per agent a
 * goal per area (preset, or uniform over the k goals) and a weight per area (uniform in a range;
 * an empty range presets it). Null goals are excluded, as in the paper's runs.
 */
export interface WorldPlan {
  readonly agents: number;
  readonly goalsPerArea: number;
  /** One conflict value per area; its length is the number of areas. */
  readonly conflicts: readonly number[];
  /** The preset goal of an agent in an area; without it goals are drawn at random. */
  readonly presetGoal?: (agent: number, area: number) => number;
  readonly weightRange: readonly [low: number, high: number];
  /** One weight per goal group and area, shared by every agent holding that goal there (drawn per area, goal 0 first). */
  readonly weightPerGoal?: boolean;
}

/** Algorithm 1 (areas and conflicts) then Algorithm 2 (agents' goals and weights). */
export function buildWorld(plan: WorldPlan, rng: RandomStream): Population {
  const { agents: n, goalsPerArea: k, conflicts: levels, presetGoal, weightRange } = plan;
  const m = levels.length;
  const conflicts = levels.map((level) => {
    const c = new Float64Array(k * k).fill(level);
    for (let g = 0; g < k; g++) c[g * k + g] = 0;
    return c;
  });
  const [low, high] = weightRange;
  const draw = (): number => (low === high ? low : rng.uniform(low, high));
  const groupWeights = plan.weightPerGoal ? Array.from({ length: m * k }, draw) : null;
  const goals = new Int32Array(n * m);
  const weights = new Float64Array(n * m);
  for (let a = 0; a < n; a++) {
    for (let j = 0; j < m; j++) {
      const goal = presetGoal ? presetGoal(a, j) : rng.int(k);
      goals[a * m + j] = goal;
      weights[a * m + j] = groupWeights ? groupWeights[j * k + goal] : draw();
    }
  }
  return { n, m, goals, weights, conflicts };
}
