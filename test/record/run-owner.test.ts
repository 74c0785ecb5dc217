import { describe, expect, it } from 'vitest';
import type { RunRow } from '../../src/record/reader.ts';
import { isCrashed, STALE_AFTER_MS, type Vantage } from '../../src/record/run-owner.ts';

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

  it('on another host goes by the heartbeat', () => {
    const beat = (ago: number) => new Date(NOW - ago).toISOString();
    expect(isCrashed(run({ owner_host: 'there', owner_pid: 300, heartbeat_at: beat(STALE_AFTER_MS - 1000) }), from)).toBe(false);
    expect(isCrashed(run({ owner_host: 'there', owner_pid: 300, heartbeat_at: beat(STALE_AFTER_MS + 1000) }), from)).toBe(true);
    expect(isCrashed(run({ owner_host: 'there', heartbeat_at: null }), from)).toBe(true);
  });

  it('only a running run can have crashed; one that never named its owner has', () => {
    for (const status of ['completed', 'failed', 'interrupted']) expect(isCrashed(run({ status, owner_pid: 300 }), from)).toBe(false);
    expect(isCrashed(run({ owner_host: null, owner_pid: null, heartbeat_at: null }), from)).toBe(true);
  });
});
