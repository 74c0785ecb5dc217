import { describe, expect, it } from 'vitest';
import { formatNumber, formatTable } from '../../src/cli/table.ts';

describe('formatNumber', () => {
  it.each([
    [0.1, '0.1'],
    [0.125, '0.125'],
    [0.12345, '0.1235'],
    [999.96, '1000'],
    [-999.97, '-1000'],
    [100, '100'],
    [1234.56, '1234.6'],
    [2.5e-7, '2.500e-7'],
    [null, '-'],
  ])('%s → %s', (value, text) => {
    expect(formatNumber(value)).toBe(text);
  });
});

describe('formatTable', () => {
  it('aligns text left and numbers right under a rule', () => {
    expect(formatTable([['name', 'value'], ['a', '1'], ['longer', '22.5']])).toBe('name    value\n------  -----\na           1\nlonger   22.5\n');
  });
});
