import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateParams } from '../../../src/kernel/params.ts';
import { openForWriting } from '../../../src/record/database.ts';
import { recordRun } from '../../../src/record/record-run.ts';
import { csvLine } from '../../../src/report/export.ts';
import { cli, tempDir } from '../../support/cli.ts';
import twoArms from '../../fixtures/two-arms.ts';

describe('export', () => {
  it('quotes CSV fields as RFC 4180 says', () => {
    expect(csvLine(['a', 1.5, null, 'x,y', 'say "hi"', 'two\nlines'])).toBe('a,1.5,,"x,y","say ""hi""","two\nlines"\r\n');
  });

  it('streams a table as CSV or JSON lines, every row and column, for one run or all', async () => {
    const dir = tempDir();
    const file = join(dir, 'e.sqlite');
    const db = openForWriting(file);
    const worldRef = 'test/fixtures/two-arms.ts';
    const ids: string[] = [];
    for (const seed of [1, 2]) ids.push((await recordRun({ db, world: twoArms, worldRef, params: validateParams(twoArms, {}), seed, steps: 20, snapshotEvery: 0, detail: 'full' })).runId);
    const expected = db.prepare('SELECT * FROM decisions WHERE run_id = ? ORDER BY t, seq').all(ids[1]) as Record<string, unknown>[];
    db.close();

    const csv = cli(['export', file, '--table', 'decisions', '--format', 'csv', '--run', ids[1], '--out', join(dir, 'd.csv')]);
    expect(csv.status).toBe(0);
    expect(csv.stderr).toContain('20 rows written');
    const lines = readFileSync(join(dir, 'd.csv'), 'utf8').trimEnd().split('\r\n');
    expect(lines[0]).toBe('run_id,t,seq,principal,choice,agent,policy,reward,best_reward,regret,detail_json,time');
    expect(lines).toHaveLength(21);
    expect(lines[1]).toBe(csvLine(Object.values(expected[0])).trimEnd());
    expect(lines[1]).toMatch(/,"\{""x"":0\.\d+\}",1$/);

    const jsonl = cli(['export', file, '--table', 'metrics', '--format', 'jsonl']);
    expect(jsonl.status).toBe(0);
    const rows = jsonl.stdout.trimEnd().split('\n').map((line) => JSON.parse(line));
    expect(rows).toHaveLength(2 * 20 * 11);
    expect(rows[0]).toEqual({ run_id: ids[0], t: 1, name: 'alignment_distance/p1', value: 0.1, time: 1 });
  });

  it('exports runs with one column per parameter, as run_params lists them', async () => {
    const dir = tempDir();
    const file = join(dir, 'p.sqlite');
    const db = openForWriting(file);
    const worldRef = 'test/fixtures/two-arms.ts';
    for (const shiftAt of [3, 7]) {
      await recordRun({ db, world: twoArms, worldRef, params: validateParams(twoArms, { shiftAt }), seed: 1, steps: 2, snapshotEvery: 0 });
    }
    const params = db.prepare('SELECT run_id, key, value FROM run_params ORDER BY run_id, key').all() as { run_id: string; key: string; value: unknown }[];
    db.close();
    const keys = Object.keys(validateParams(twoArms, {}));
    expect(params).toHaveLength(2 * keys.length);

    const result = cli(['export', file, '--table', 'runs', '--format', 'jsonl']);
    expect(result.status).toBe(0);
    const runs = result.stdout.trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(runs.map((r) => [r.policy, r.shiftAt])).toEqual([['always', 3], ['always', 7]]);
    for (const { run_id, key, value } of params) expect(runs.find((r) => r.run_id === run_id)![key]).toBe(value);
    const csv = cli(['export', file, '--table', 'runs']).stdout.split('\r\n')[0].split(',');
    expect(csv.slice(0, 3)).toEqual(['run_id', 'world', 'seed']);
    expect(csv.slice(-keys.length)).toEqual(keys);
  });
});
