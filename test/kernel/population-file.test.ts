import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parsePopulation, readPopulationFile } from '../../src/kernel/population-file.ts';
import { InputError } from '../../src/kernel/errors.ts';
import { misalignment, NULL_GOAL } from '../../src/measures/misalignment.ts';

type Json = {
  areas: { name: string; goals: string[]; conflict: number[][] }[];
  agents: { name: string; kind?: string; goals?: Record<string, string | null>; weights?: Record<string, number> }[];
};

/** A small valid file: two areas, three agents. */
function valid(): Json {
  return {
    areas: [
      { name: 'food', goals: ['cheap', 'tasty'], conflict: [[0, 0.5], [0.5, 0]] },
      { name: 'home', goals: ['tidy', 'cosy', 'big'], conflict: [[0, 0.2, 0.3], [0.2, 0, 0.4], [0.3, 0.4, 0]] },
    ],
    agents: [
      { name: 'ann', kind: 'human', goals: { food: 'cheap', home: 'tidy' }, weights: { food: 0.5, home: 1 } },
      { name: 'bot', kind: 'ai', goals: { food: 'tasty', home: null }, weights: { food: 1 } },
      { name: 'cat', kind: 'human', goals: { home: 'big' } },
    ],
  };
}

function errorOf(mutate: (json: Json) => void): string {
  const json = valid();
  mutate(json);
  try {
    parsePopulation(json, 'pop.json');
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    const message = (error as Error).message;
    expect(message).not.toContain('\n');
    return message;
  }
  throw new Error('expected an InputError');
}

describe('parsePopulation', () => {
  it('converts to the flat form: null and missing goals are g0, missing weights are 1', () => {
    const { population, spec } = parsePopulation(valid(), 'pop.json');
    expect(spec.agents.map((a) => a.kind)).toEqual(['human', 'ai', 'human']);
    expect([...population.goals]).toEqual([0, 0, 1, NULL_GOAL, NULL_GOAL, 2]);
    expect([...population.weights]).toEqual([0.5, 1, 1, 1, 1, 1]);
    expect([...population.conflicts[1]]).toEqual([0, 0.2, 0.3, 0.2, 0, 0.4, 0.3, 0.4, 0]);
    // food: ann–bot conflict 0.5·sqrt(0.5·1), both orders, over 3·2 ordered pairs.
    expect(misalignment(population).areas[0]).toBeCloseTo((2 * 0.5 * Math.sqrt(0.5)) / 6, 15);
  });

  it('reads the shopping case study (SCIENCE.md §1.6)', () => {
    const { population } = readPopulationFile('worlds/shopping.population.json');
    const m = misalignment(population);
    expect(m.areas[0]).toBeCloseTo(0.0897213, 6);
    expect(m.areas[1]).toBeCloseTo(0.4240573, 6);
    expect(m.overall).toBeCloseTo(0.2568893, 6);
  });

  const cases: [string, (json: Json) => void, RegExp][] = [
    ['an unknown goal name', (j) => (j.agents[0].goals!.food = 'free'), /agent "ann": goal "free" is not a goal of area "food"/],
    ['an unknown area in goals', (j) => (j.agents[1].goals!.garden = 'cheap'), /agent "bot": goals name unknown area "garden"/],
    ['an unknown area in weights', (j) => (j.agents[2].weights = { garden: 1 }), /agent "cat": weights name unknown area "garden"/],
    ['an asymmetric conflict', (j) => (j.areas[1].conflict[0][2] = 0.9), /area "home": conflict\[0\]\[2\] = 0.9 but conflict\[2\]\[0\] = 0.3; expected a symmetric/],
    ['a conflict above 1', (j) => (j.areas[0].conflict = [[0, 1.5], [1.5, 0]]), /area "food": conflict\[0\]\[1\] = 1.5; expected a number in \[0, 1\]/],
    ['a negative conflict', (j) => (j.areas[0].conflict = [[0, -0.1], [-0.1, 0]]), /area "food": conflict\[0\]\[1\] = -0.1; expected/],
    ['a nonzero diagonal', (j) => (j.areas[1].conflict[1][1] = 0.1), /area "home": conflict\[1\]\[1\] = 0.1; expected 0 on the diagonal/],
    ['too few conflict rows', (j) => j.areas[1].conflict.pop(), /area "home": conflict has 2 rows; expected 3/],
    ['a short conflict row', (j) => j.areas[0].conflict[1].pop(), /area "food": conflict row 1 has 1 entries; expected 2/],
    ['a negative weight', (j) => (j.agents[0].weights!.home = -0.2), /agent "ann": weight for area "home" is -0.2; expected a number in \[0, 1\]/],
    ['a weight above 1', (j) => (j.agents[1].weights!.food = 1.2), /agent "bot": weight for area "food" is 1.2/],
    ['duplicate agent names', (j) => (j.agents[2].name = 'ann'), /agent "ann" appears twice/],
    ['duplicate areas', (j) => (j.areas[1].name = 'food'), /area "food" appears twice/],
    ['duplicate goals in an area', (j) => (j.areas[1].goals[2] = 'tidy'), /area "home": goal "tidy" appears twice/],
    ['an area without goals', (j) => (j.areas[0] = { name: 'food', goals: [], conflict: [] }), /area "food" has no goals/],
    ['a weight that is not a number', (j) => ((j.agents[1].weights as Record<string, unknown>).food = 'high'), /agents\[1\] \("bot"\)\.weights\.food: Expected number, received string/],
    ['an unknown field', (j) => ((j.agents[0] as Record<string, unknown>).weight = 1), /agents\[0\] \("ann"\): Unrecognized key\(s\) in object: 'weight'/],
    ['a missing conflict', (j) => delete (j.areas[0] as Partial<Json['areas'][0]>).conflict, /areas\[0\] \("food"\)\.conflict: Required/],
    ['no agents', (j) => (j.agents = []), /agents: Array must contain at least 1/],
  ];
  it.each(cases)('rejects %s, naming the culprit', (_, mutate, message) => {
    expect(errorOf(mutate)).toMatch(new RegExp(`^pop\\.json: ${message.source}`));
  });
});

describe('readPopulationFile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'alignsim-population-'));

  it('names a missing file', () => {
    const path = join(dir, 'absent.json');
    expect(() => readPopulationFile(path)).toThrow(InputError);
    expect(() => readPopulationFile(path)).toThrow(`${path}: cannot read the population file (ENOENT)`);
  });

  it('names a file that is not JSON', () => {
    const path = join(dir, 'broken.json');
    writeFileSync(path, '{"areas": [');
    expect(() => readPopulationFile(path)).toThrow(InputError);
    expect(() => readPopulationFile(path)).toThrow(new RegExp(`^${path}: not valid JSON`));
  });
});

describe('names are data, whatever they spell', () => {
  /** The valid file with its areas renamed, as JSON text (an object literal would take `__proto__` as the prototype). */
  function renamed(food: string, home: string): unknown {
    return JSON.parse(JSON.stringify(valid()).replaceAll('"food"', JSON.stringify(food)).replaceAll('"home"', JSON.stringify(home)));
  }

  it.each([
    ['__proto__', 'constructor'],
    ['toString', '__proto__'],
    ['hasOwnProperty', 'valueOf'],
  ])('areas named %s and %s give the numbers of plain names', (food, home) => {
    const plain = parsePopulation(renamed('food', 'home'), 'plain.json').population;
    const odd = parsePopulation(renamed(food, home), 'odd.json').population;
    expect([...odd.goals]).toEqual([...plain.goals]);
    expect([...odd.weights]).toEqual([...plain.weights]);
    const expected = misalignment(plain, 'without-replacement');
    expect(misalignment(odd, 'without-replacement')).toEqual(expected);
    // food: ann–bot conflict 0.5·sqrt(0.5·1), both orders, over 3·2 ordered pairs (as above).
    expect(expected.areas[0]).toBeCloseTo((2 * 0.5 * Math.sqrt(0.5)) / 6, 12);
  });

  it('a weight for an unknown area named __proto__ is refused', () => {
    const json = JSON.parse(JSON.stringify(valid()).replace('"weights":{"food":1}', '"weights":{"food":1,"__proto__":0.5}'));
    expect(() => parsePopulation(json, 'pop.json')).toThrow('pop.json: agent "bot": weights name unknown area "__proto__"');
  });

  it('a bad value under a key named __proto__ is named in the error', () => {
    const json = JSON.parse(JSON.stringify(valid()).replace('"weights":{"food":1}', '"weights":{"__proto__":"heavy"}'));
    expect(() => parsePopulation(json, 'pop.json')).toThrow(/^pop\.json: agents\[1\] \("bot"\)\.weights\.__proto__: Expected number, received string$/);
  });
});
