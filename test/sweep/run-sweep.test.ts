import Database from 'better-sqlite3';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openForWriting } from '../../src/record/database.ts';
import { recordRun } from '../../src/record/record-run.ts';
import { claimOutDir, recordingFiles } from '../../src/sweep/out-dir.ts';
import { planSweep } from '../../src/sweep/plan.ts';
import { runSweep } from '../../src/sweep/run-sweep.ts';
import { parseSpec } from '../../src/sweep/spec.ts';
import { sweepStatus } from '../../src/sweep/status.ts';
import { tempDir } from '../support/cli.ts';
import { hashRuns } from '../support/tables.ts';

const FRAGILE = 'test/support/fragile-world.ts';
const SPEC = parseSpec(JSON.stringify({ world: FRAGILE, seed: 3, steps: 12, grid: { drift: [-0.5, 0, 0.5] }, replications: 2 }), 'spec.json');

describe('runSweep', () => {
  const one = tempDir();
  let single: Awaited<ReturnType<typeof runSweep>>;
  beforeAll(async () => {
    single = await runSweep({ spec: SPEC, dir: one, workers: 1, shard: null });
  });

  it('gives the same runs on 1 and on 2 workers, each worker writing its own file', async () => {
    const two = tempDir();
    const pair = await runSweep({ spec: SPEC, dir: two, workers: 2, shard: null });
    expect(single).toMatchObject({ size: 6, inShard: 6, alreadyComplete: 0, completed: 6, failed: [], interrupted: 0 });
    expect(pair.completed).toBe(6);
    expect(single.files.map((f) => f.slice(one.length + 1))).toEqual(['worker-0.sqlite']);
    expect(pair.files.map((f) => f.slice(two.length + 1))).toEqual(['worker-0.sqlite', 'worker-1.sqlite']);
    const hashes = hashRuns(single.files);
    expect(Object.keys(hashes)).toHaveLength(6);
    expect(hashRuns(pair.files)).toEqual(hashes);
    expect(readdirSync(one)).toContain('sweep.json');
    // Each file is left closed and in rollback-journal mode, readable where no -shm can be made.
    expect(readdirSync(two).sort()).toEqual(['sweep.json', 'worker-0.sqlite', 'worker-1.sqlite']);
    for (const file of pair.files) {
      const db = new Database(file, { readonly: true });
      expect(db.pragma('journal_mode', { simple: true })).toBe('delete');
      db.close();
    }
  });

  it('records a failing run as failed with its error and goes on with the others', async () => {
    const dir = tempDir();
    const spec = parseSpec(JSON.stringify({ world: FRAGILE, steps: 8, grid: { failAt: [0, 5] }, replications: 2 }), 'spec.json');
    const result = await runSweep({ spec, dir, workers: 2, shard: null });
    expect(result.completed).toBe(2);
    expect(result.failed.map((f) => f.error)).toEqual(['fragile world broke at step 5', 'fragile world broke at step 5']);
    const status = await sweepStatus(dir);
    expect(status).toMatchObject({ total: 4, complete: 2, failed: 2, unfinished: 0, missing: 0 });
    const failed = recordingFiles(dir).flatMap((file) => {
      const db = new Database(file, { readonly: true });
      const rows = db.prepare("SELECT steps_completed, error FROM runs WHERE status = 'failed'").all();
      db.close();
      return rows;
    });
    expect(failed).toEqual([
      { steps_completed: 4, error: 'fragile world broke at step 5' },
      { steps_completed: 4, error: 'fragile world broke at step 5' },
    ]);
  });

  it('skips completed runs and replaces a partial one cleanly when run again', async () => {
    const dir = tempDir();
    const plan = await planSweep(SPEC, dir);
    claimOutDir(dir, SPEC);
    // A run of the sweep that stopped after 4 of its 12 steps, as if the process had been killed.
    const partial = plan.run(2);
    const db = openForWriting(join(dir, 'worker-1.sqlite'));
    const controller = new AbortController();
    await recordRun({
      db, world: plan.world, worldRef: FRAGILE, params: partial.params, seed: partial.seed, steps: 12, snapshotEvery: 0,
      signal: controller.signal, onStep: (step) => step.t === 4 && controller.abort(),
    });
    db.close();
    expect(await sweepStatus(dir)).toMatchObject({ complete: 0, unfinished: 1, missing: 5 });

    const first = await runSweep({ spec: SPEC, dir, workers: 2, shard: { index: 0, count: 2 } });
    expect(first).toMatchObject({ inShard: 3, alreadyComplete: 0, completed: 3 });
    const second = await runSweep({ spec: SPEC, dir, workers: 2, shard: null });
    expect(second).toMatchObject({ inShard: 6, alreadyComplete: 3, completed: 3 });
    expect(await sweepStatus(dir)).toMatchObject({ complete: 6, failed: 0, unfinished: 0, missing: 0 });

    expect(hashRuns(recordingFiles(dir))).toEqual(hashRuns(single.files));
  });

  it('refuses to resume into a directory that holds a different sweep', async () => {
    const dir = tempDir();
    claimOutDir(dir, SPEC);
    await expect(runSweep({ spec: { ...SPEC, replications: 3 }, dir, workers: 1, shard: null })).rejects.toThrow(/holds a different sweep/);
  });
});
