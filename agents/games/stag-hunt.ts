/**
 * The stag hunt delegation game (SCIENCE.md §2, the blog's example). Two groups each choose
 * to gather fruit or hunt mammoth; food is shared, so both principals hold the same
 * utility over the joint outcome (perfect collective alignment) and still face a
 * coordination problem. Outcomes in row-major order (group 0's action first):
 * fruit/fruit, fruit/mammoth, mammoth/fruit, mammoth/mammoth.
 *
 * The food model behind the numbers: each fruit-gathering group brings 1 unit of fruit; a
 * mammoth needs both groups and brings 10 units of meat. Principals value fruit and meat
 * alike: 2, 1, 1, 10. Their bots may be "soft-vegetarian": they value meat at a quarter
 * (our choice; the sources give no numbers; SCIENCE.md §2.6), 2, 1, 1, 2.5 — misaligned but not opposed
 * (they still rank the shared mammoth first). `softVegetarian(v)` values a unit of meat at v
 * units of fruit; below v = 0.2 the bots rank fruit/fruit first. A bot drifting by λ ∈ [0, 1]
 * toward a target holds (1 − λ)·principal + λ·target.
 */
import type { NormalFormDelegationGame } from '../../src/measures/normal-form.ts';
import type { Utility } from '../../src/measures/standardise.ts';

export const FRUIT = 0;
export const MAMMOTH = 1;

/** The principals' shared utility over the four joint outcomes. */
export const SHARED_FOOD: Utility = [2, 1, 1, 10];

/** A bot's utility when a unit of meat is worth `meatValue` units of fruit (the mammoth brings 10). */
export function softVegetarian(meatValue: number): number[] {
  return [2, 1, 1, 10 * meatValue];
}

/** The soft-vegetarian bots' utility: meat valued at a quarter. */
export const SOFT_VEGETARIAN: Utility = softVegetarian(0.25);

/** A bot's utility after drifting by λ toward `target` (default soft-vegetarian). */
export function driftedBot(lambda: number, target: Utility = SOFT_VEGETARIAN): number[] {
  if (!(lambda >= 0 && lambda <= 1)) throw new RangeError(`stag hunt: drift λ must be in [0, 1], got ${lambda}`);
  return SHARED_FOOD.map((x, k) => (1 - lambda) * x + lambda * target[k]);
}

/** Both principals hold SHARED_FOOD; both bots have drifted by λ toward `target` (default λ = 0: aligned). */
export function stagHunt(lambda = 0, target: Utility = SOFT_VEGETARIAN): NormalFormDelegationGame {
  const bot = driftedBot(lambda, target);
  return { actions: [2, 2], principals: [SHARED_FOOD, SHARED_FOOD], agents: [bot, bot] };
}
