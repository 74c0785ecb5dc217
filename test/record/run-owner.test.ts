import { spawnSync } from 'node:child_process';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/kernel/errors.ts';
import { openForWriting } from '../../src/record/database.ts';
import { findRun, type RunRow } from '../../src/record/reader.ts';
import { beginRun, finishRun } from '../../src/record/run-log.ts';
import { beat, claimRun, HEARTBEAT_MS, isCrashed, reclaimRun, releaseRun, shownStatus, STALE_AFTER_MS, type Vantage } from '../../src/record/run-owner.ts';
import { tempDir } from '../support/cli.ts';

const NOW = Date.parse('2026-06-01T12:00:00Z');
const from: Vantage = { host: 'here', pid: 100, now: NOW, isAlive: (pid) => pid === 200 };

function run(fields: Partial<RunRow>): RunRow {
  return {
    run_id: 'r', world: 'w', seed: 1, params_json: '{}', engine_version: '0', parent_run_id: null, status: 'running',
    steps_requested: 10, snapshot_every: 0, steps_completed: 3, started_at: null, finished_at: null, error: null,
    owner_host: 'here', owner_pid: 200, heartbeat_at: new Date(NOW).toISOString(), ...fields,
  };
}

describe('isCrashed', () => {
  it('on this host asks whether the owning process lives', () => {
    expect(isCrashed(run({ owner_pid: 200 }), from)).toBe(false);
    expect(isCrashed(run({ owner_pid: 300 }), from)).toBe(true);
    // This very pid, but not recording the run here: an earlier process had the same pid (a restarted container).
    expect(isCrashed(run({ owner_pid: 100 }), from)).toBe(true);
  });

  it('beats every 15 s and takes a run on another host for crashed after 10 minutes without a beat (README, "Recording")', () => {
    expect(HEARTBEAT_MS).toBe(15 * 1000);
    expect(STALE_AFTER_MS).toBe(10 * 60 * 1000);
  });

  it('on another host goes by the heartbeat', () => {
    const beat = (ago: number) => new Date(NOW - ago).toISOString();
    // A beat exactly as old as the limit is not yet over it.
    expect(isCrashed(run({ owner_host: 'there', owner_pid: 300, heartbeat_at: beat(STALE_AFTER_MS) }), from)).toBe(false);
    expect(isCrashed(run({ owner_host: 'there', owner_pid: 300, heartbeat_at: beat(STALE_AFTER_MS + 1) }), from)).toBe(true);
    expect(isCrashed(run({ owner_host: 'there', owner_pid: 300, heartbeat_at: beat(STALE_AFTER_MS - 1000) }), from)).toBe(false);
    expect(isCrashed(run({ owner_host: 'there', owner_pid: 300, heartbeat_at: beat(STALE_AFTER_MS + 1000) }), from)).toBe(true);
    expect(isCrashed(run({ owner_host: 'there', heartbeat_at: null }), from)).toBe(true);
  });

  it('only a running run can have crashed; one that never named its owner has', () => {
    for (const status of ['completed', 'failed', 'interrupted']) expect(isCrashed(run({ status, owner_pid: 300 }), from)).toBe(false);
    expect(isCrashed(run({ owner_host: null, owner_pid: null, heartbeat_at: null }), from)).toBe(true);
    expect(isCrashed(run({ owner_host: 'here', owner_pid: null }), from)).toBe(true);
    expect(isCrashed(run({ owner_host: null, owner_pid: 200 }), from)).toBe(true);
    // Whatever the process or the heartbeat would say.
    const anyAlive: Vantage = { ...from, isAlive: () => true };
    expect(isCrashed(run({ owner_pid: null }), anyAlive)).toBe(true);
    expect(isCrashed(run({ owner_host: 'there', owner_pid: null }), anyAlive)).toBe(true);
    expect(shownStatus(run({ owner_pid: 300 }), from)).toBe('crashed');
    expect(shownStatus(run({ owner_pid: 200 }), from)).toBe('running');
    expect(shownStatus(run({ status: 'failed', owner_pid: 300 }), from)).toBe('failed');
  });
});

describe('the process that records a run', () => {
  const header = { world: 'w', seed: 1, paramsJson: '{}', engineVersion: 'test', stepsRequested: 5, snapshotEvery: 0 };
  const owner = (db: ReturnType<typeof openForWriting>, runId: string) =>
    db.prepare('SELECT owner_host, owner_pid, heartbeat_at FROM run WHERE run_id = ?').get(runId) as { owner_host: string | null; owner_pid: number | null; heartbeat_at: string | null };

  it('is this one from begin to end: named while the run runs, forgotten when it ends', () => {
    const db = openForWriting(join(tempDir(), 'owner.sqlite'));
    const before = Date.now();
    const runId = beginRun(db, header);
    const claimed = owner(db, runId);
    expect([claimed.owner_host, claimed.owner_pid]).toEqual([hostname(), process.pid]);
    expect(Date.parse(claimed.heartbeat_at!)).toBeGreaterThanOrEqual(before - 1000);
    expect(findRun(db, runId).status).toBe('running');
    db.prepare("UPDATE run SET heartbeat_at = '2000-01-01T00:00:00.000Z'").run();
    beat(db, runId);
    expect(Date.parse(owner(db, runId).heartbeat_at!)).toBeGreaterThanOrEqual(before - 1000);
    // Released while still stored as running (as if this process had ended it without a status): then crashed.
    releaseRun(db, runId);
    expect(owner(db, runId)).toEqual({ owner_host: null, owner_pid: null, heartbeat_at: null });
    expect(findRun(db, runId).status).toBe('crashed');
    db.close();
  });

  it('owns a run of its own pid only while it records it: the same pid in a file from an earlier process is crashed', () => {
    const db = openForWriting(join(tempDir(), 'pid.sqlite'));
    const runId = beginRun(db, header);
    releaseRun(db, runId);
    db.prepare('UPDATE run SET owner_host = ?, owner_pid = ?').run(hostname(), process.pid);
    expect(findRun(db, runId).status).toBe('crashed');
    claimRun(db, runId);
    expect(findRun(db, runId).status).toBe('running');
    db.close();
  });

  it('asks a process on this host whether it lives', () => {
    const db = openForWriting(join(tempDir(), 'alive.sqlite'));
    const runId = beginRun(db, header);
    // A process that has exited: its pid names no process now.
    const gone = spawnSync(process.execPath, ['-e', '']).pid!;
    db.prepare('UPDATE run SET owner_pid = ?').run(gone);
    expect(findRun(db, runId).status).toBe('crashed');
    // pid 1, the init process, lives as long as the system.
    db.prepare('UPDATE run SET owner_pid = 1').run();
    expect(findRun(db, runId).status).toBe('running');
    db.close();
  });

  it('takes over an interrupted or crashed run to resume it, unless another process took it first', () => {
    const db = openForWriting(join(tempDir(), 'reclaim.sqlite'));
    const interrupted = beginRun(db, header);
    finishRun(db, interrupted, 'INTERRUPT');
    const crashed = beginRun(db, { ...header, seed: 2 });
    db.prepare('UPDATE run SET owner_host = NULL, owner_pid = NULL WHERE run_id = ?').run(crashed);
    // Crashed with its owner still named: a process that has exited.
    const orphan = beginRun(db, { ...header, seed: 3 });
    db.prepare('UPDATE run SET owner_pid = ? WHERE run_id = ?').run(spawnSync(process.execPath, ['-e', '']).pid, orphan);
    for (const runId of [interrupted, crashed, orphan]) {
      const run = findRun(db, runId);
      reclaimRun(db, run);
      expect(db.prepare('SELECT status, owner_host, owner_pid, finished_at, error FROM run WHERE run_id = ?').get(runId)).toEqual({
        status: 'running',
        owner_host: hostname(),
        owner_pid: process.pid,
        finished_at: null,
        error: null,
      });
      expect(findRun(db, runId).status).toBe('running');
      // A second process holding the same stale row finds the run taken.
      expect(() => reclaimRun(db, run)).toThrow(new InputError(`run ${runId} changed while it was being resumed: expected no other process to resume it at the same time`));
    }
    db.close();
  });
});
