/**
 * The stag hunt delegation game (REFERENCE §2, the blog's example). Two groups each choose
 * to gather fruit or hunt mammoth; food is shared, so both principals hold the same
 * utility over the joint outcome (perfect collective alignment) and still face a
 * coordination problem. Outcomes in row-major order (group 0's action first):
 * fruit/fruit, fruit/mammoth, mammoth/fruit, mammoth/mammoth.
 *
 * The food model behind the numbers: each fruit-gathering group brings 1 unit of fruit; a
 * mammoth needs both groups and brings 10 units of meat. Principals value fruit and meat
 * alike: 2, 1, 1, 10. Their bots may be "soft-vegetarian": they value meat at a quarter
 * (our choice; REFERENCE gives no numbers), 2, 1, 1, 2.5 — misaligned but not opposed
 * (they still rank the shared mammoth first). A bot drifting by λ ∈ [0, 1] holds
 * (1 − λ)·principal + λ·soft-vegetarian.
 */
import type { NormalFormDelegationGame } from '../../src/measures/normal-form.ts';
import type { Utility } from '../../src/measures/standardise.ts';

export const FRUIT = 0;
export const MAMMOTH = 1;

/** The principals' shared utility over the four joint outcomes. */
export const SHARED_FOOD: Utility = [2, 1, 1, 10];

/** The soft-vegetarian bots' utility: meat valued at a quarter. */
export const SOFT_VEGETARIAN: Utility = [2, 1, 1, 2.5];

/** A bot's utility after drifting by λ toward soft-vegetarian. */
export function driftedBot(lambda: number): number[] {
  if (!(lambda >= 0 && lambda <= 1)) throw new RangeError(`stag hunt: drift λ must be in [0, 1], got ${lambda}`);
  return SHARED_FOOD.map((x, k) => (1 - lambda) * x + lambda * SOFT_VEGETARIAN[k]);
}

/** Both principals hold SHARED_FOOD; both bots have drifted by λ (default 0: aligned). */
export function stagHunt(lambda = 0): NormalFormDelegationGame {
  const bot = driftedBot(lambda);
  return { actions: [2, 2], principals: [SHARED_FOOD, SHARED_FOOD], agents: [bot, bot] };
}
