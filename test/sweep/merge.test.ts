import Database from 'better-sqlite3';
import { copyFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/kernel/errors.ts';
import { loadWorld } from '../../src/kernel/registry.ts';
import { openForWriting } from '../../src/record/database.ts';
import { recordRun } from '../../src/record/record-run.ts';
import { SCHEMA_VERSION } from '../../src/record/schema.ts';
import { mergeRecordings } from '../../src/sweep/merge.ts';
import { tempDir } from '../support/cli.ts';
import { fileContent, hashRuns } from '../support/tables.ts';

const FRAGILE = 'test/support/fragile-world.ts';

/** Records the fragile world into `file`, stopping after `stopAfter` steps when given. */
async function record(file: string, seed: number, stopAfter?: number): Promise<string> {
  const world = await loadWorld(FRAGILE);
  const db = openForWriting(file);
  const controller = new AbortController();
  const result = await recordRun({
    db,
    world,
    worldRef: FRAGILE,
    params: { drift: 0.1, failAt: 0 },
    seed,
    steps: 10,
    snapshotEvery: 0,
    signal: controller.signal,
    onStep: (step) => {
      if (step.t === stopAfter) controller.abort();
    },
  });
  db.close();
  return result.runId;
}

/** A recording's bytes, less the header fields every writing connection bumps. */
const bytes = (file: string): Buffer => fileContent(file);

describe('mergeRecordings', () => {
  it('copies every run, and merging again changes nothing', async () => {
    const dir = tempDir();
    const [a, b, out] = ['a.sqlite', 'b.sqlite', 'out.sqlite'].map((f) => join(dir, f));
    await record(a, 1);
    await record(a, 2);
    await record(b, 3);
    expect(mergeRecordings(out, [a, b])).toEqual({ added: 3, replaced: 0, skipped: 0 });
    expect(hashRuns([out])).toEqual(hashRuns([a, b]));
    const before = bytes(out);
    expect(mergeRecordings(out, [a, b])).toEqual({ added: 0, replaced: 0, skipped: 3 });
    expect(bytes(out).equals(before)).toBe(true);
  });

  it('replaces an unfinished copy of a run by a completed one, never the other way round', async () => {
    const dir = tempDir();
    const [partial, complete, out1, out2] = ['partial.sqlite', 'complete.sqlite', 'out1.sqlite', 'out2.sqlite'].map((f) => join(dir, f));
    const id = await record(partial, 5, 4);
    expect(await record(complete, 5)).toBe(id);
    expect(mergeRecordings(out1, [partial, complete])).toEqual({ added: 1, replaced: 1, skipped: 0 });
    expect(mergeRecordings(out2, [complete, partial])).toEqual({ added: 1, replaced: 0, skipped: 1 });
    expect(hashRuns([out1])).toEqual(hashRuns([complete]));
    expect(hashRuns([out2])).toEqual(hashRuns([complete]));
  });

  it('refuses two completed copies of a run that differ, leaving OUT as it was', async () => {
    const dir = tempDir();
    const [a, b, out] = ['a.sqlite', 'b.sqlite', 'out.sqlite'].map((f) => join(dir, f));
    await record(a, 1);
    copyFileSync(a, b);
    const conn = new Database(b);
    conn.prepare('UPDATE metric SET value = value + 1 WHERE t = 3').run();
    conn.close();
    mergeRecordings(out, [a]);
    const before = bytes(out);
    expect(() => mergeRecordings(out, [b])).toThrow(/differs from the one already in/);
    expect(bytes(out).equals(before)).toBe(true);
  });

  it('refuses a foreign SQLite file and a newer schema before writing anything', async () => {
    const dir = tempDir();
    const [good, foreign, newer, out] = ['good.sqlite', 'foreign.sqlite', 'newer.sqlite', 'out.sqlite'].map((f) => join(dir, f));
    await record(good, 1);
    const other = new Database(foreign);
    other.exec('CREATE TABLE t (x)');
    other.close();
    copyFileSync(good, newer);
    const future = new Database(newer);
    future.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    future.close();

    expect(() => mergeRecordings(out, [good, foreign])).toThrow(/not an alignsim recording/);
    expect(existsSync(out)).toBe(false);
    mergeRecordings(out, [good]);
    const before = bytes(out);
    expect(() => mergeRecordings(out, [newer])).toThrow(InputError);
    expect(() => mergeRecordings(out, [newer])).toThrow(`schema version ${SCHEMA_VERSION + 1}, newer than this alignsim reads`);
    expect(() => mergeRecordings(out, [out])).toThrow(/is the output file/);
    expect(bytes(out).equals(before)).toBe(true);
  });
});
