import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { hostname } from 'node:os';
import fc from 'fast-check';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/kernel/errors.ts';
import { validateParams } from '../../src/kernel/params.ts';
import { openForWriting } from '../../src/record/database.ts';
import { findRun } from '../../src/record/reader.ts';
import { recordRun } from '../../src/record/record-run.ts';
import { ENGINE_VERSION } from '../../src/record/version.ts';
import { resumeRun } from '../../src/replay/resume.ts';
import assistants from '../../worlds/assistants.ts';
import { tempDir } from '../support/cli.ts';
import { hashRun } from '../support/tables.ts';

const STEPS = 40;
const params = validateParams(assistants, { principals: 8, shiftAt: 15, valueDrift: 0.05 });

/** Records the run, stopping it after step `stopAt` when given; returns its id. */
async function record(file: string, snapshotEvery: number, stopAt?: number): Promise<string> {
  const db = openForWriting(file);
  const controller = new AbortController();
  try {
    const result = await recordRun({
      db, world: assistants, worldRef: 'assistants', params, seed: 11, steps: STEPS, snapshotEvery,
      signal: controller.signal, onStep: (record) => record.t === stopAt && controller.abort(),
    });
    expect(result.status).toBe(stopAt === undefined ? 'completed' : 'interrupted');
    return result.runId;
  } finally {
    db.close();
  }
}

async function resume(file: string, runId: string) {
  const db = openForWriting(file);
  try {
    return await resumeRun(db, findRun(db, runId), { trustWorldFile: true });
  } finally {
    db.close();
  }
}

describe('resumeRun', () => {
  it('a run interrupted after any step, then resumed, has the rows of the run never interrupted (snapshots, drift and shift included)', async () => {
    const dir = tempDir();
    const references = new Map<number, ReturnType<typeof hashRun>>();
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: STEPS - 1 }), fc.constantFrom(0, 1, 7), async (stopAt, snapshotEvery) => {
        if (!references.has(snapshotEvery)) {
          const file = join(dir, `whole-${snapshotEvery}.sqlite`);
          references.set(snapshotEvery, hashRun(file, await record(file, snapshotEvery)));
        }
        const file = join(dir, `stopped-${n++}.sqlite`);
        const runId = await record(file, snapshotEvery, stopAt);
        const resumed = await resume(file, runId);
        expect(resumed).toMatchObject({ runId, status: 'completed', stepsCompleted: STEPS });
        expect(hashRun(file, runId)).toEqual(references.get(snapshotEvery));
      }),
      { numRuns: 8 },
    );
  });

  it('continues a run resumed twice, and leaves no owner on the finished run', async () => {
    const dir = tempDir();
    const whole = join(dir, 'whole.sqlite');
    const reference = hashRun(whole, await record(whole, 5));
    const file = join(dir, 'twice.sqlite');
    const runId = await record(file, 5, 9);
    const db = openForWriting(file);
    const controller = new AbortController();
    const partly = await resumeRun(db, findRun(db, runId), { trustWorldFile: true }, { signal: controller.signal, onStep: (record) => record.t === 20 && controller.abort() });
    db.close();
    expect(partly).toMatchObject({ status: 'interrupted', stepsCompleted: 20 });
    expect(await resume(file, runId)).toMatchObject({ status: 'completed', stepsCompleted: STEPS });
    expect(hashRun(file, runId)).toEqual(reference);
    const row = new Database(file, { readonly: true }).prepare('SELECT owner_host, owner_pid, heartbeat_at FROM runs').get();
    expect(row).toEqual({ owner_host: null, owner_pid: null, heartbeat_at: null });
  });

  it('refuses a completed run', async () => {
    const file = join(tempDir(), 'done.sqlite');
    const runId = await record(file, 0);
    await expect(resume(file, runId)).rejects.toThrow(InputError);
    await expect(resume(file, runId)).rejects.toThrow(`run ${runId} is completed: expected an interrupted or crashed run to resume`);
  });

  it('resumes a crashed run (stored running, its process gone) to the rows of the run never interrupted', async () => {
    const dir = tempDir();
    const whole = join(dir, 'whole.sqlite');
    const reference = hashRun(whole, await record(whole, 0));
    const file = join(dir, 'crashed.sqlite');
    const runId = await record(file, 0, 12);
    // What a killed process leaves: the run still running, owned by a process that no longer exists.
    const gone = spawnSync(process.execPath, ['-e', '0']).pid!;
    setOwner(file, runId, 'running', gone);
    const db = openForWriting(file);
    try {
      expect(findRun(db, runId).status).toBe('crashed');
    } finally {
      db.close();
    }
    expect(await resume(file, runId)).toMatchObject({ status: 'completed', stepsCompleted: STEPS });
    expect(hashRun(file, runId)).toEqual(reference);
  });

  it('refuses a run that is running, naming the process that records it', async () => {
    const file = join(tempDir(), 'live.sqlite');
    const runId = await record(file, 0, 12);
    // A live process other than this one (this one's own runs are known to it).
    setOwner(file, runId, 'running', process.ppid);
    await expect(resume(file, runId)).rejects.toThrow(
      `run ${runId} is running (by process ${process.ppid} on ${hostname()}): expected an interrupted or crashed run to resume`,
    );
  });

  it('refuses a run recorded by another version of alignsim, which may not continue it bit for bit', async () => {
    const file = join(tempDir(), 'old.sqlite');
    const runId = await record(file, 0, 12);
    const conn = new Database(file);
    conn.prepare("UPDATE run SET engine_version = '0.0.1' WHERE run_id = ?").run(runId);
    conn.close();
    await expect(resume(file, runId)).rejects.toThrow(InputError);
    await expect(resume(file, runId)).rejects.toThrow(`run ${runId} was recorded by alignsim 0.0.1: expected ${ENGINE_VERSION}, the version that continues it bit for bit`);
  });
});

/** Stores the run as `status`, owned by process `pid` on this host. */
function setOwner(file: string, runId: string, status: string, pid: number): void {
  const conn = new Database(file);
  conn.prepare('UPDATE run SET status = ?, owner_host = ?, owner_pid = ?, heartbeat_at = ? WHERE run_id = ?').run(status, hostname(), pid, new Date().toISOString(), runId);
  conn.close();
}
