import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/kernel/errors.ts';
import { describeParams, parseAssignments } from '../../src/kernel/params.ts';
import assistants from '../../worlds/assistants.ts';

describe('world parameters', () => {
  it('fills defaults and types --set values by the schema', () => {
    const params = parseAssignments(assistants, ['principals=7', 'policy=never', 'perArea=true', 'epsilon=0.25']);
    expect(params).toMatchObject({ principals: 7, policy: 'never', perArea: true, epsilon: 0.25, assistants: 3 });
  });

  it.each([
    [['nosuch=1'], /unknown parameter 'nosuch'.*expected one of principals/],
    [['principals=many'], /parameter 'principals': expected a number, got 'many'/],
    [['principals=0'], /parameter 'principals'.*greater than or equal to 1/],
    [['principals=2.5'], /parameter 'principals'.*integer/],
    [['epsilon=2'], /parameter 'epsilon'.*less than or equal to 1/],
    [['perArea=yes'], /parameter 'perArea': expected true or false/],
    [['policy=nobody'], /parameter 'policy'.*Expected 'never' \| 'always'.*received 'nobody'/],
    [['principals'], /expected key=value/],
  ])('rejects %j with a message naming the problem', (assignments, message) => {
    expect(() => parseAssignments(assistants, assignments)).toThrow(InputError);
    expect(() => parseAssignments(assistants, assignments)).toThrow(message);
  });

  it('describes every parameter with its type and default', () => {
    const described = describeParams(assistants);
    expect(described.find((p) => p.name === 'principals')).toMatchObject({ type: 'integer', defaultValue: 50 });
    expect(described.find((p) => p.name === 'perArea')).toMatchObject({ type: 'boolean', defaultValue: false });
    expect(described.every((p) => p.description.length > 0)).toBe(true);
  });
});
