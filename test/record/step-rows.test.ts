import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { StepRecord } from '../../src/kernel/world.ts';
import { stepRows } from '../../src/record/step-rows.ts';

const base: StepRecord = { t: 4, time: 3.5, metrics: [], decisions: [], events: [], snapshotJson: null };

describe('stepRows', () => {
  it('sorts metrics by name as a stable sort by UTF-16 code units does, and stores NaN as null', () => {
    const metric = fc.record({ name: fc.constantFrom('a', 'b', 'B', 'ab', 'é', 'welfare/x', ''), value: fc.oneof(fc.double(), fc.constant(NaN)) });
    fc.assert(
      fc.property(fc.array(metric, { maxLength: 8 }), (metrics) => {
        // The reference: each metric's place by (name, position given), names compared code unit by code unit.
        const order = metrics.map((m, i) => ({ ...m, i })).sort((x, y) => {
          for (let k = 0; k < Math.min(x.name.length, y.name.length); k++) {
            const d = x.name.charCodeAt(k) - y.name.charCodeAt(k);
            if (d !== 0) return d;
          }
          return x.name.length - y.name.length || x.i - y.i;
        });
        expect(stepRows({ ...base, metrics }, 'metrics', 'full')).toEqual(order.map((m) => [4, m.name, Number.isNaN(m.value) ? null : m.value, 3.5]));
      }),
    );
  });

  it('numbers decisions and events from 0 in their order, and keeps the detail at the level asked', () => {
    const d = { principal: 'p', choice: 'delegate' as const, agent: 'a', policy: 'ucb1', reward: 0.5, bestReward: 0.75, regret: 0.25, detailJson: '{"area":2,"expected":0.5,"x":[1]}', time: 3.25 };
    const record: StepRecord = {
      ...base,
      decisions: [d, { ...d, principal: 'q', choice: 'self', agent: null, time: 3.5 }],
      events: [
        { type: 'drift', subject: 'a', payloadJson: '{}', time: 3 },
        { type: 'shock', subject: 'b', payloadJson: '{"k":1}', time: 3.5 },
      ],
    };
    expect(stepRows(record, 'decisions', 'full')).toEqual([
      [4, 0, 'p', 'delegate', 'a', 'ucb1', 0.5, 0.75, 0.25, null, null, d.detailJson, 3.25],
      [4, 1, 'q', 'self', null, 'ucb1', 0.5, 0.75, 0.25, null, null, d.detailJson, 3.5],
    ]);
    expect(stepRows(record, 'decisions', 'summary').map((row) => row.slice(9, 12))).toEqual([
      [2, 0.5, null],
      [2, 0.5, null],
    ]);
    expect(stepRows(record, 'decisions', 'none').map((row) => row.slice(9, 12))).toEqual([
      [null, null, null],
      [null, null, null],
    ]);
    expect(stepRows(record, 'events', 'full')).toEqual([
      [4, 0, 'drift', 'a', '{}', 3],
      [4, 1, 'shock', 'b', '{"k":1}', 3.5],
    ]);
  });

  it('gives a snapshot row only for a step that took one', () => {
    expect(stepRows(base, 'snapshots', 'full')).toEqual([]);
    expect(stepRows({ ...base, snapshotJson: '{"s":1}' }, 'snapshots', 'full')).toEqual([[4, '{"s":1}', 3.5]]);
    expect(stepRows({ ...base, snapshotJson: '' }, 'snapshots', 'full')).toEqual([[4, '', 3.5]]);
  });
});
