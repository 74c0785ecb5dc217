import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { readPopulationFile } from '../src/kernel/population-file.ts';
import { defineWorld } from '../src/kernel/world.ts';
import { MisalignmentTracker, type Population } from '../src/measures/misalignment.ts';
import { pairingParam } from './common/pairing.ts';

/**
 * The shopping-recommender case study of Kierans et al. (SCIENCE.md §1.6) over a simulated day.
 * The customer, a retailer and a recommender system start as in `shopping.population.json`, the
 * customer in the grocery context at 08:00. One step is one hour: step t is (07 + t):00, so a day
 * is 24 steps. The customer's weights move linearly from the grocery profile at 08:00 to the
 * late-night impulse-shopping profile at 23:00 and back by the next 08:00, with Gaussian noise
 * (stream `drift`) from step 2 on, so step 1 holds the file's values. At `swapAt` an intervention
 * swaps every goal of the recommender for `swapTo`.
 */
const SHIPPED = readPopulationFile(fileURLToPath(new URL('./shopping.population.json', import.meta.url)));
const { spec } = SHIPPED;
const CUSTOMER = spec.agents.findIndex((a) => a.name === 'customer');
const RECOMMENDER = spec.agents.findIndex((a) => a.name === 'recommender');
const AREA_NAMES = spec.areas.map((a) => a.name);
const FOOD = AREA_NAMES.indexOf('food');
const HOUSEHOLD = AREA_NAMES.indexOf('household');
const SHARED_GOALS = spec.areas[0].goals.filter((g) => spec.areas.every((a) => a.goals.includes(g))) as [string, ...string[]];

const START_HOUR = 8;
const NIGHT_HOUR = 23;

const params = z.object({
  pairing: pairingParam,
  nightFood: z.number().min(0).max(1).default(0.2).describe("customer's weight on food at 23:00 (late-night impulse shopping)"),
  nightHousehold: z.number().min(0).max(1).default(1).describe("customer's weight on household goods at 23:00"),
  weightNoise: z.number().min(0).max(1).default(0.02).describe("sd of the hourly noise on the customer's weights"),
  swapAt: z.number().int().min(0).default(12).describe("step at which the recommender's goals are swapped (0: never)"),
  swapTo: z.enum(SHARED_GOALS).default('convenience').describe('the goal the recommender holds after the swap, in every area'),
});

type Params = z.infer<typeof params>;

interface State {
  readonly population: Population;
  readonly tracker: MisalignmentTracker;
}

/** Hour of the day at step t. */
export function hourAt(t: number): number {
  return (START_HOUR + t - 1) % 24;
}

/** How far the customer is from the grocery context (0) toward the late-night one (1) at step t. */
export function nightness(t: number): number {
  const sinceStart = (hourAt(t) - START_HOUR + 24) % 24;
  const rise = NIGHT_HOUR - START_HOUR;
  return sinceStart <= rise ? sinceStart / rise : (24 - sinceStart) / (24 - rise);
}

function nightWeight(p: Params, area: number): number {
  return area === FOOD ? p.nightFood : p.nightHousehold;
}

export default defineWorld({
  name: 'shopping',
  description: "a customer's day with a recommender system (Kierans et al. case study); goals can be swapped",
  params,
  defaultSteps: 24,
  init: (p): State => {
    const initial = SHIPPED.population;
    const population = { ...initial, goals: initial.goals.slice(), weights: initial.weights.slice() };
    // Group 0 is the customer, group 1 the AI agents; the retailer is in neither.
    const groups = Int32Array.from(spec.agents, (a, i) => (i === CUSTOMER ? 0 : a.kind === 'ai' ? 1 : -1));
    return { population, tracker: new MisalignmentTracker(population, { pairing: p.pairing, groups }) };
  },
  interventions: (p) => (p.swapAt > 0 ? [{ t: p.swapAt, type: 'goal-swap', subject: 'recommender', payload: { goal: p.swapTo } }] : []),
  intervene: (ctx, intervention) => {
    if (intervention.type !== 'goal-swap') return;
    spec.areas.forEach((area, j) => ctx.state.tracker.setGoal(RECOMMENDER, j, area.goals.indexOf(ctx.params.swapTo)));
  },
  phases: {
    evolve: (ctx) => {
      if (ctx.t === 1) return;
      const { state, params: p } = ctx;
      const rng = ctx.random.stream('drift');
      const s = nightness(ctx.t);
      const { m } = state.population;
      const weights: Record<string, number> = {};
      for (let j = 0; j < m; j++) {
        const grocery = SHIPPED.population.weights[CUSTOMER * m + j];
        const target = (1 - s) * grocery + s * nightWeight(p, j) + rng.normal(0, p.weightNoise);
        const w = Math.min(1, Math.max(0, target));
        state.tracker.setWeight(CUSTOMER, j, w);
        weights[AREA_NAMES[j]] = w;
      }
      ctx.event('weights', 'customer', { hour: hourAt(ctx.t), ...weights });
    },
    measure: (ctx) => {
      const { tracker, population } = ctx.state;
      ctx.metric('clock/hour', hourAt(ctx.t));
      ctx.metric('misalignment', tracker.overall());
      AREA_NAMES.forEach((name, j) => ctx.metric(`misalignment/${name}`, tracker.area(j)));
      ctx.metric('misalignment/customer-ai', tracker.between(0, 1).overall);
      ctx.metric('weight/customer/food', population.weights[CUSTOMER * population.m + FOOD]);
      ctx.metric('weight/customer/household', population.weights[CUSTOMER * population.m + HOUSEHOLD]);
    },
  },
  snapshot: (state) => ({ goals: state.population.goals, weights: state.population.weights }),
});
