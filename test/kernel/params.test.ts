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
    [['principals=many'], /parameter 'principals': expected a decimal number, got 'many'/],
    [['principals=0'], /parameter 'principals'.*greater than or equal to 1/],
    [['principals=2.5'], /parameter 'principals'.*integer/],
    [['epsilon=2'], /parameter 'epsilon'.*less than or equal to 1/],
    [['perArea=yes'], /parameter 'perArea': expected true or false/],
    [['policy=nobody'], /parameter 'policy'.*Expected 'never' \| 'always'.*received 'nobody'/],
    [['principals'], /expected key=value/],
    [['principals=0x10'], /parameter 'principals': expected a decimal number, got '0x10'/],
    [['principals= 7'], /parameter 'principals': expected a decimal number, got ' 7'/],
    [['principals=7 '], /parameter 'principals': expected a decimal number, got '7 '/],
    [['principals='], /parameter 'principals': expected a decimal number, got ''/],
    [['epsilon=Infinity'], /parameter 'epsilon': expected a decimal number, got 'Infinity'/],
    [['principals=7', 'principals=8'], /parameter 'principals' is set twice: expected each parameter at most once/],
  ])('rejects %j with a message naming the problem', (assignments, message) => {
    expect(() => parseAssignments(assistants, assignments)).toThrow(InputError);
    expect(() => parseAssignments(assistants, assignments)).toThrow(message);
  });

  it('takes decimal numbers in every written form', () => {
    expect(parseAssignments(assistants, ['principals=+12', 'epsilon=.25', 'selfAccuracy=7.5e-1', 'weightDrift=1.'])).toMatchObject({
      principals: 12,
      epsilon: 0.25,
      selfAccuracy: 0.75,
      weightDrift: 1,
    });
  });

  it('describes every parameter with its type and default', () => {
    const described = describeParams(assistants);
    expect(described.find((p) => p.name === 'principals')).toMatchObject({ type: 'integer', defaultValue: 50 });
    expect(described.find((p) => p.name === 'perArea')).toMatchObject({ type: 'boolean', defaultValue: false });
    expect(described.every((p) => p.description.length > 0)).toBe(true);
  });
});
