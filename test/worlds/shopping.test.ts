import { describe, expect, it } from 'vitest';
import { validateParams } from '../../src/kernel/params.ts';
import { simulate } from '../../src/kernel/simulate.ts';
import { PAIRINGS, type Pairing, type Population } from '../../src/measures/misalignment.ts';
import shopping, { hourAt, nightness } from '../../worlds/shopping.ts';
import { bruteForceBetween, bruteForceMisalignment } from '../support/brute-force-misalignment.ts';
import { metricAt, runWorld } from '../support/world-run.ts';

// SCIENCE.md §1.6: the shopping case study's golden numbers, per pairing.
const GOLDEN: Record<Pairing, { food: number; household: number; overall: number }> = {
  'without-replacement': { food: 0.0897213, household: 0.4240573, overall: 0.2568893 },
  'with-replacement': { food: 0.0598142, household: 0.2827049, overall: 0.1712595 },
};

// Agents of worlds/shopping.population.json: customer, retailer, recommender; areas food, household.
const [CUSTOMER, RECOMMENDER] = [0, 2];
const CONVENIENCE = 0;
const ENGAGEMENT = 2;

/** The shipped population with the customer's weights and the recommender's goal set. */
function shoppingPopulation(food: number, household: number, recommenderGoal: number): Population {
  const conflict = (a: number, b: number, c: number): Float64Array => Float64Array.of(0, a, b, a, 0, c, b, c, 0);
  return {
    n: 3,
    m: 2,
    goals: Int32Array.of(0, 0, 1, 1, recommenderGoal, recommenderGoal),
    weights: Float64Array.of(food, household, 0.9, 0.7, 1, 1),
    conflicts: [conflict(0.1, 0.1, 0.1), conflict(0.5, 0.9, 0.3)],
  };
}

const mean = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0) / values.length;

describe('world shopping', () => {
  it.each(PAIRINGS)('step 1 holds the golden numbers of SCIENCE.md §1.6 (%s)', (pairing) => {
    const [first] = runWorld(shopping, { pairing }, 1);
    const golden = GOLDEN[pairing];
    expect(metricAt(first, 'misalignment/food')).toBeCloseTo(golden.food, 6);
    expect(metricAt(first, 'misalignment/household')).toBeCloseTo(golden.household, 6);
    expect(metricAt(first, 'misalignment')).toBeCloseTo(golden.overall, 6);
    // One customer against one recommender: a single pair, c · sqrt(w_c · w_R^S) per area.
    expect(metricAt(first, 'misalignment/customer-ai')).toBeCloseTo((0.1 * Math.sqrt(0.8) + 0.9 * Math.sqrt(0.6)) / 2, 12);
  });

  it('every step matches the brute-force definition on the recorded weights, before and after the swap', () => {
    const swapAt = 10;
    for (const pairing of PAIRINGS) {
      for (const record of runWorld(shopping, { pairing, swapAt }, 30)) {
        const food = metricAt(record, 'weight/customer/food');
        const household = metricAt(record, 'weight/customer/household');
        const pop = shoppingPopulation(food, household, record.t >= swapAt ? CONVENIENCE : ENGAGEMENT);
        const areas = bruteForceMisalignment(pop, pairing);
        expect(metricAt(record, 'misalignment/food')).toBeCloseTo(areas[0], 12);
        expect(metricAt(record, 'misalignment/household')).toBeCloseTo(areas[1], 12);
        expect(metricAt(record, 'misalignment')).toBeCloseTo(mean(areas), 12);
        const between = bruteForceBetween(pop, (a) => a === CUSTOMER, (a) => a === RECOMMENDER, pairing);
        expect(metricAt(record, 'misalignment/customer-ai')).toBeCloseTo(mean(between), 12);
        if (record.t >= swapAt) expect(metricAt(record, 'misalignment/customer-ai')).toBe(0);
      }
    }
  });

  it('moves the customer from the grocery profile at 08:00 to the late-night one at 23:00 and back by 08:00', () => {
    const records = runWorld(shopping, { weightNoise: 0, nightFood: 0.2, nightHousehold: 1 }, 25);
    const weightsAt = (t: number): number[] => ['food', 'household'].map((a) => metricAt(records[t - 1], `weight/customer/${a}`));
    expect(hourAt(1)).toBe(8);
    expect(hourAt(16)).toBe(23);
    expect(metricAt(records[16], 'clock/hour')).toBe(0);
    expect(weightsAt(1)).toEqual([0.8, 0.6]);
    expect(weightsAt(16)[0]).toBeCloseTo(0.2, 12);
    expect(weightsAt(16)[1]).toBeCloseTo(1, 12);
    expect(weightsAt(25)[0]).toBeCloseTo(0.8, 12);
    expect(weightsAt(25)[1]).toBeCloseTo(0.6, 12);
    // 15:00 (step 8) is 7/15 of the way from 08:00 to 23:00.
    expect(nightness(8)).toBeCloseTo(7 / 15, 12);
    expect(weightsAt(8)[0]).toBeCloseTo(0.8 + (7 / 15) * (0.2 - 0.8), 12);
  });

  it('records the goal swap as an event at swapAt, and none when swapAt is 0', () => {
    const eventsOf = (params: Record<string, unknown>) =>
      [...simulate(shopping, validateParams(shopping, params), { seed: 1, steps: 24, snapshotEvery: 0 })].flatMap((step) =>
        step.events.filter((e) => e.type === 'goal-swap').map((e) => ({ t: step.t, subject: e.subject, payload: JSON.parse(e.payloadJson) })),
      );
    expect(eventsOf({ swapAt: 7, swapTo: 'profit' })).toEqual([{ t: 7, subject: 'recommender', payload: { goal: 'profit' } }]);
    expect(eventsOf({ swapAt: 0 })).toEqual([]);
  });
});
