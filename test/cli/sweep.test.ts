import Database from 'better-sqlite3';
import { once } from 'node:events';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mergeRecordings } from '../../src/sweep/merge.ts';
import { recordingFiles } from '../../src/sweep/out-dir.ts';
import { runSweep } from '../../src/sweep/run-sweep.ts';
import { parseSpec } from '../../src/sweep/spec.ts';
import { cli, cliProcess, tempDir } from '../support/cli.ts';
import { hashRuns } from '../support/tables.ts';

function writeSpec(dir: string, spec: Record<string, unknown>): string {
  const file = join(dir, 'spec.json');
  writeFileSync(file, JSON.stringify(spec));
  return file;
}

function completedRuns(files: readonly string[]): number {
  return files.reduce((n, file) => {
    try {
      const db = new Database(file, { readonly: true });
      const count = db.prepare("SELECT count(*) FROM runs WHERE status = 'completed'").pluck().get() as number;
      db.close();
      return n + count;
    } catch {
      return n; // not created yet
    }
  }, 0);
}

async function waitForCompletedRuns(dir: string, atLeast: number): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (completedRuns(recordingFiles(dir)) >= atLeast) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the sweep never got going');
}

describe('alignsim sweep / merge (end to end)', () => {
  it('gives the same runs as one process when run as 3 shards (Slurm, Kubernetes, --shard) and merged', async () => {
    const dir = tempDir();
    const spec = {
      world: 'assistants',
      seed: 11,
      steps: 15,
      snapshotEvery: 5,
      base: { principals: 4, assistants: 2, areas: 2, shiftAt: 8 },
      grid: { policy: ['ucb1', 'epsilon-greedy'] },
      replications: 2,
    };
    const specFile = writeSpec(dir, spec);
    const out = join(dir, 'shards');
    const shards = [
      cli(['sweep', specFile, '--out', out, '--workers', '1'], { SLURM_ARRAY_TASK_ID: '0', SLURM_ARRAY_TASK_COUNT: '3' }),
      cli(['sweep', specFile, '--out', out, '--workers', '1', '--shards', '3'], { JOB_COMPLETION_INDEX: '1' }),
      cli(['sweep', specFile, '--out', out, '--workers', '1', '--shard', '2/3']),
    ];
    for (const [i, shard] of shards.entries()) {
      expect(shard.stderr).toBe('');
      expect(shard.status).toBe(0);
      expect(shard.stdout).toMatch(new RegExp(`in this process \\(shard ${i} of 3\\)\\s+${i === 0 ? 2 : 1}\\n`));
    }
    const merged = join(dir, 'merged.sqlite');
    const merge = cli(['merge', merged, ...recordingFiles(out)]);
    expect(merge.stdout).toBe(`merged 3 recordings into ${merged}: 4 runs added, 0 replaced by a more complete copy, 0 already present\n`);

    const single = await runSweep({ spec: parseSpec(JSON.stringify(spec), 'spec'), dir: join(dir, 'single'), workers: 1, shard: null });
    const reference = hashRuns(single.files);
    expect(Object.keys(reference)).toHaveLength(4);
    expect(hashRuns([merged])).toEqual(reference);

  });

  it('completes a sweep interrupted by SIGINT and then killed by SIGKILL, without duplicates', async () => {
    const dir = tempDir();
    const specFile = writeSpec(dir, {
      world: 'assistants',
      steps: 60,
      base: { principals: 10, assistants: 2, areas: 2 },
      grid: { policy: ['ucb1', 'epsilon-greedy'] },
      replications: 5,
    });
    const out = join(dir, 'out');
    const args = ['sweep', specFile, '--out', out, '--workers', '2', '--quiet'];

    const first = cliProcess(args);
    await waitForCompletedRuns(out, 1);
    first.kill('SIGINT');
    const [code] = await once(first, 'exit');
    expect(code).toBe(130);

    const second = cliProcess(args);
    const before = completedRuns(recordingFiles(out));
    await waitForCompletedRuns(out, before + 1);
    second.kill('SIGKILL');
    await once(second, 'exit');
    const status = cli(['sweep', '--status', out]).stdout;
    const complete = Number(/complete\s+(\d+)\n/.exec(status)?.[1]);
    expect(complete).toBeGreaterThan(before);
    expect(complete).toBeLessThan(10);
    expect(status).toMatch(new RegExp(`failed\\s+0\\ncrashed\\s+\\d+\\nunfinished\\s+\\d+\\nmissing\\s+\\d+\\ntotal\\s+10\\n$`));

    const last = cli(args);
    expect(last.status).toBe(0);
    const done = Number(/already complete\s+(\d+)/.exec(last.stdout)?.[1]);
    expect(done).toBeGreaterThanOrEqual(before + 1);
    expect(last.stdout).toMatch(new RegExp(`completed now\\s+${10 - done}\\n`));
    const files = recordingFiles(out);
    expect(Object.keys(hashRuns(files))).toHaveLength(10); // hashRuns throws on a run recorded twice
    expect(completedRuns(files)).toBe(10);
  });

  it('refuses a spec too large to plan ("replications": 1e9) with one line and exit 2, creating nothing', () => {
    const dir = tempDir();
    const specFile = writeSpec(dir, { world: 'assistants', replications: 1e9 });
    const result = cli(['sweep', specFile, '--out', join(dir, 'out')]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^alignsim: sweep spec: 1,000,000,000 runs \(settings × replications\): expected at most 1,000,000/);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });

  it('refuses a foreign file in merge with exit 2, leaving OUT as it was', async () => {
    const dir = tempDir();
    const out = join(dir, 'out.sqlite');
    await runSweep({ spec: parseSpec('{"world": "test/support/fragile-world.ts"}', 'spec'), dir: join(dir, 'sweep'), workers: 1, shard: null });
    mergeRecordings(out, recordingFiles(join(dir, 'sweep')));
    const foreign = join(dir, 'foreign.sqlite');
    const db = new Database(foreign);
    db.exec('CREATE TABLE notes (text)');
    db.close();
    const before = readFileSync(out);
    const merge = cli(['merge', out, foreign]);
    expect(merge.status).toBe(2);
    expect(merge.stderr).toBe(`alignsim: '${foreign}' is a SQLite database but not an alignsim recording: expected one written by alignsim\n`);
    expect(readFileSync(out).equals(before)).toBe(true);
  });
});
