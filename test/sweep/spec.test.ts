import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/kernel/errors.ts';
import { parseSpec } from '../../src/sweep/spec.ts';

const error = (text: string): string => {
  try {
    parseSpec(text, 'spec.json');
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return (e as Error).message;
  }
  throw new Error('expected the spec to be refused');
};

describe('parseSpec', () => {
  it('fills in the defaults', () => {
    expect(parseSpec('{"world": "assistants"}', 'spec.json')).toEqual({
      world: 'assistants',
      seed: 1,
      snapshotEvery: 0,
      detail: 'summary',
      base: {},
      grid: {},
      replications: 1,
    });
  });

  it('names every bad field in one line', () => {
    const message = error('{"world": "assistants", "replications": 0, "grid": {"epsilon": []}, "steps": "ten"}');
    expect(message).toMatch(/^sweep spec 'spec.json': /);
    expect(message).toContain("field 'replications'");
    expect(message).toContain("field 'grid.epsilon'");
    expect(message).toContain("field 'steps'");
    expect(message).not.toContain('\n');
  });

  it('names the element of a list', () => {
    expect(error('{"world": "assistants", "sets": [{}, 3]}')).toContain("field 'sets[1]'");
  });

  it('refuses unknown top-level fields, a missing world and malformed JSON', () => {
    expect(error('{"world": "assistants", "replicas": 2}')).toMatch(/unrecognized key.*'replicas'/i);
    expect(error('{"seed": 3}')).toContain("field 'world'");
    expect(error('{"world": ')).toMatch(/not valid JSON/);
  });
});
