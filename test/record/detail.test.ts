import Database from 'better-sqlite3';
import fc from 'fast-check';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/kernel/simulate.ts';
import { validateParams } from '../../src/kernel/params.ts';
import { openForWriting } from '../../src/record/database.ts';
import { DETAIL_LEVELS, summaryFields } from '../../src/record/detail.ts';
import { recordRun } from '../../src/record/record-run.ts';
import assistants from '../../worlds/assistants.ts';
import { tempDir } from '../support/cli.ts';

const scalar = fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer(), fc.string(), fc.boolean(), fc.constant(null));
const json = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, scalar, fc.array(tie('value'), { maxLength: 4 }), fc.dictionary(fc.constantFrom('area', 'expected', 'x', 'a"b'), tie('value'), { maxKeys: 4 })),
})).value;

describe('decision detail', () => {
  it('finds the top-level area and expected reward as JSON.parse does', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom('area', 'expected', 'index', 'gain', 'x"area"'), json, { maxKeys: 5 }), (detail) => {
        // The detail's JSON text is what reaches the recorder.
        const text = JSON.stringify(detail);
        const parsed = JSON.parse(text) as { area?: unknown; expected?: unknown };
        expect(summaryFields(text)).toEqual([
          typeof parsed.area === 'number' || typeof parsed.area === 'string' ? parsed.area : null,
          typeof parsed.expected === 'number' ? parsed.expected : null,
        ]);
      }),
    );
  });

  it('reads JSON that JSON.stringify would not write as JSON.parse does: an exponent without a sign, a key as a value', () => {
    for (const text of ['{"expected":1e5,"area":2E3}', '{"area":5,"x":"area","expected":0.5,"y":"expected"}', '{"x":{"area":1},"area":"a"}']) {
      const parsed = JSON.parse(text) as { area: unknown; expected: unknown };
      expect(summaryFields(text), text).toEqual([parsed.area, parsed.expected ?? null]);
    }
  });

  it('derives regret in SQL as the same double the kernel computes', () => {
    const db = new Database(':memory:');
    const difference = db.prepare('SELECT CAST(? AS REAL) - CAST(? AS REAL)').pluck();
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.double({ noNaN: true, noDefaultInfinity: true }), (best, reward) => {
        // === rather than Object.is: SQLite stores −0 as 0, and that is the same value.
        expect(difference.get(best, reward) === best - reward).toBe(true);
      }),
    );
    db.close();
  });

  it('keeps at each level what the level says, and the decisions view shows it as detail_json', async () => {
    const file = join(tempDir(), 'detail.sqlite');
    const db = openForWriting(file);
    const params = validateParams(assistants, { principals: 3 });
    const options = { seed: 2, steps: 4, snapshotEvery: 0 };
    const details = [...simulate(assistants, params, options)].flatMap((r) => r.decisions.map((d) => JSON.parse(d.detailJson) as Record<string, unknown>));
    const shown: Record<string, Record<string, unknown>[]> = {};
    for (const detail of DETAIL_LEVELS) {
      const { runId } = await recordRun({ db, world: assistants, worldRef: 'assistants', params, ...options, detail });
      shown[detail] = (db.prepare('SELECT detail_json FROM decisions WHERE run_id = ? ORDER BY t, seq').pluck().all(runId) as string[]).map((text) => JSON.parse(text));
    }
    db.close();
    expect(details).toHaveLength(12);
    expect(shown.full).toEqual(details);
    expect(shown.summary).toEqual(details.map(({ area, expected }) => ({ area, expected })));
    expect(shown.none).toEqual(details.map(() => ({})));
  });
});
