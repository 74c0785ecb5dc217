import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openForReading } from '../../src/record/database.ts';
import { findRun, rowsAt } from '../../src/record/reader.ts';
import { cli, tempDir } from '../support/cli.ts';

const WORLD = 'test/fixtures/two-arms.ts';

function json(args: string[]): unknown {
  const result = cli(args);
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  return JSON.parse(result.stdout);
}

describe('--json for scripts', () => {
  it('run prints its summary with the run id and the file; replay --verify, --step and --policy print what they found', () => {
    const file = join(tempDir(), 'j.sqlite');
    const summary = json(['run', WORLD, '--db', file, '--seed', '4', '--set', 'policy=never', '--json', '--quiet']) as Record<string, unknown>;
    expect(Object.keys(summary)).toEqual(['runId', 'file', 'world', 'seed', 'params', 'status', 'steps', 'finalMetrics', 'worldMetrics', 'delegation', 'perStep']);
    const db = openForReading(file);
    try {
      const run = findRun(db);
      // A world file is recorded relative to the recording, with its name and source hash.
      const world = expect.stringMatching(/^(\.\.\/)+.*test\/fixtures\/two-arms\.ts#name=two-arms&sha256=[0-9a-f]{16}$/);
      expect(summary).toMatchObject({ runId: run.run_id, file, world, seed: 4, params: { policy: 'never', shiftAt: 5 }, status: 'completed', steps: 20 });
      const regret = db.prepare("SELECT value FROM metrics WHERE run_id = ? AND name = 'regret/cumulative' AND t = 20").pluck().get(run.run_id);
      expect((summary.finalMetrics as Record<string, number>)['regret/cumulative']).toBe(regret);
      expect(summary.delegation).toEqual([{ policy: 'never', decisions: 20, delegatedShare: 0 }]);

      expect(json(['replay', file, '--verify', '--json', '--trust-world'])).toEqual({ runId: run.run_id, identical: true, steps: 20, worldChange: null });
      const step = json(['replay', '--db', file, '--step', '5', '--json']);
      expect(step).toEqual({ runId: run.run_id, t: 5, events: rowsAt(db, 'events', run.run_id, 5), decisions: rowsAt(db, 'decisions', run.run_id, 5), metrics: rowsAt(db, 'metrics', run.run_id, 5) });
      expect((step as { events: { type: string }[] }).events.map((e) => e.type)).toEqual(['deployment-shift']);

      // A counterfactual replay prints the new run's summary, its parent and the paired outcomes.
      const counterfactual = json(['replay', file, '--policy', 'always', '--json', '--quiet', '--trust-world']) as Record<string, unknown>;
      expect(Object.keys(counterfactual)).toEqual([...Object.keys(summary), 'parentRunId', 'outcomes']);
      expect(counterfactual).toMatchObject({ file, seed: 4, params: { policy: 'always' }, parentRunId: run.run_id });
      expect(counterfactual.runId).toBe(findRun(db).run_id);
      expect((counterfactual.outcomes as { key: string }[]).find((o) => o.key === 'regret/cumulative')).toEqual({
        key: 'regret/cumulative',
        label: 'cumulative regret (realised)',
        parent: regret,
        counterfactual: 0,
        difference: -(regret as number),
      });
    } finally {
      db.close();
    }
  });

  it('worlds lists every world with its parameters', () => {
    const worlds = json(['worlds', '--json']) as { name: string; description: string; defaultSteps: number; params: { name: string; type: string; default: unknown; description: string }[] }[];
    expect(worlds.map((w) => w.name)).toContain('assistants');
    const assistants = worlds.find((w) => w.name === 'assistants')!;
    expect(assistants.defaultSteps).toBe(500);
    expect(assistants.params.find((p) => p.name === 'shiftAt')).toEqual({ name: 'shiftAt', type: 'integer', default: 250, description: 'step of the deployment shift (0: none)' });
    expect(json(['worlds', WORLD, '--json'])).toEqual([
      {
        name: 'two-arms',
        description: 'self (reward U(0,1)) or agent a1 (reward 1): a world whose regrets are known',
        defaultSteps: 20,
        params: [
          { name: 'policy', type: 'never|always', default: 'always', description: 'never: decide yourself; always: delegate to a1' },
          { name: 'shiftAt', type: 'integer', default: 5, description: 'step of a deployment shift of a1 (0: none)' },
        ],
      },
    ]);
  });

  it('sweep --status counts the runs of a sweep directory, merge counts what it merged', () => {
    const dir = tempDir();
    const spec = join(dir, 'spec.json');
    writeFileSync(spec, JSON.stringify({ world: WORLD, steps: 5, grid: { policy: ['always', 'never'] }, replications: 2 }));
    expect(cli(['sweep', spec, '--out', join(dir, 'out'), '--workers', '1', '--quiet']).status).toBe(0);
    expect(json(['sweep', '--status', join(dir, 'out'), '--json'])).toEqual({ total: 4, complete: 4, failed: 0, crashed: 0, unfinished: 0, missing: 0, failures: [] });
    const files = readdirSync(join(dir, 'out')).filter((f) => f.endsWith('.sqlite')).map((f) => join(dir, 'out', f));
    expect(json(['merge', join(dir, 'all.sqlite'), ...files, '--json'])).toEqual({ added: 4, replaced: 0, skipped: 0 });
    expect(json(['merge', join(dir, 'all.sqlite'), ...files, '--json'])).toEqual({ added: 0, replaced: 0, skipped: 4 });
    const bad = cli(['sweep', spec, '--json']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/^alignsim: sweep --json: expected --status DIR/);
  });
});

describe('naming the recording', () => {
  it('every command takes --db FILE, and the commands whose argument is the recording still take it there', () => {
    const dir = tempDir();
    const file = join(dir, 'r.sqlite');
    expect(cli(['run', WORLD, '--db', file, '--quiet']).status).toBe(0);
    for (const args of [['replay', '--verify', '--trust-world'], ['report', '--json'], ['export', '--table', 'runs']]) {
      const byOption = cli([...args, '--db', file]);
      const byArgument = cli([args[0], file, ...args.slice(1)]);
      expect(byOption.status, args.join(' ')).toBe(0);
      expect(byOption.stdout).toBe(byArgument.stdout);
    }
    const runId = JSON.parse(cli(['report', '--db', file, '--json']).stdout).run.run_id as string;
    expect(JSON.parse(cli(['compare', '--db', file, '--runs', runId, '--json']).stdout).groups[0].runIds).toEqual([runId]);

    const twice = cli(['report', file, '--db', join(dir, 'other.sqlite')]);
    expect(twice.status).toBe(2);
    expect(twice.stderr).toBe(`alignsim: two recordings given, '${file}' and --db '${join(dir, 'other.sqlite')}': expected one\n`);
  });
});
