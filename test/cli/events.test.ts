import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, tempDir } from '../support/cli.ts';

describe('event-driven runs on the command line', () => {
  const db = join(tempDir(), 'events.sqlite');

  it('runs async-assistants, prints its summary, and replays it identically', () => {
    const run = cli(['run', 'async-assistants', '--db', db, '--quiet', '--set', 'principals=4', '--until', '60']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^steps\s+12$/m);
    expect(run.stdout).toMatch(/^ *12 +60 /m);
    expect(run.stdout).toMatch(/delegated \(sw-ucb\)/);
    const verify = cli(['replay', db, '--verify']);
    expect(verify.stdout).toBe('identical: 12 steps\n');
  });

  it('replay --time shows the step covering a simulation time, --event the step holding the n-th event', () => {
    const atTime = cli(['replay', db, '--time', '21']);
    expect(atTime.stdout).toMatch(/^run \S+ \(async-assistants, seed 1\), step 5 of 12$/m);
    expect(cli(['replay', db, '--time', '0']).stdout).toMatch(/step 1 of 12/);
    const late = cli(['replay', db, '--time', '61']);
    expect(late.status).toBe(2);
    expect(late.stderr).toMatch(/--time 61: expected a time up to 60, the last observation of run/);
    const first = cli(['replay', db, '--event', '1']);
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(/^event 1 is seq 0 of step \d+$/m);
    expect(first.stdout).toMatch(/belief +p1 /);
    const none = cli(['replay', db, '--event', '9999']);
    expect(none.status).toBe(2);
    expect(none.stderr).toMatch(/--event 9999: expected an event number from 1 to \d+ of run/);
  });

  it('reports and exports an event-driven run', () => {
    const out = tempDir();
    const report = cli(['report', db, '--out', out]);
    expect(report.status).toBe(0);
    expect(readFileSync(join(out, 'report.md'), 'utf8')).toMatch(/async-assistants/);
    const csv = cli(['export', db, '--table', 'events']);
    expect(csv.status).toBe(0);
    expect(csv.stdout).toMatch(/,belief,p1,/);
  });

  it('records why a run ended early when nothing was left to happen, and replays it identically', () => {
    const quiet = join(tempDir(), 'quiet.sqlite');
    const run = cli(['run', 'async-assistants', '--db', quiet, '--quiet', '--set', 'arrivalRate=0', '--set', 'driftRate=0', '--set', 'shiftAt=0']);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^status\s+completed$/m);
    expect(run.stdout).toMatch(/^steps\s+1$/m);
    expect(cli(['replay', quiet, '--event', '1']).stdout).toMatch(/run\/end +run +\{"reason":"queue empty"\}/);
    expect(cli(['replay', quiet, '--verify']).stdout).toBe('identical: 1 steps\n');
  });

  it('--until stops a stepped world at its last step at or before the time, and --steps when that comes first', () => {
    const stepped = cli(['run', 'drifting-assistant', '--db', db, '--quiet', '--until', '7.5', '--set', 'principals=2']);
    expect(stepped.stdout).toMatch(/^steps\s+7$/m);
    const both = cli(['run', 'drifting-assistant', '--db', db, '--quiet', '--until', '7.5', '--steps', '3', '--set', 'principals=2']);
    expect(both.stdout).toMatch(/^steps\s+3$/m);
  });

  it('refuses a bad --until as input', () => {
    for (const bad of ['0', '-1', 'soon', 'Infinity']) {
      const result = cli(['run', 'async-assistants', '--db', db, '--quiet', '--until', bad]);
      expect(result.status).toBe(2);
      expect(result.stderr).toBe(`alignsim: --until ${bad}: expected a positive number\n`);
    }
    const early = cli(['run', 'async-assistants', '--db', db, '--quiet', '--until', '2']);
    expect(early.stderr).toBe('alignsim: --until 2: expected a time at or after the first observation, at 5\n');
    expect(early.status).toBe(2);
  });

  it('compares delegation policies on async-assistants over seeds', () => {
    const result = cli(['compare', '--world', 'async-assistants', '--policies', 'ucb1,sw-ucb,bayes-score', '--seeds', '2', '--steps', '8', '--set', 'principals=3', '--quiet']);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/ucb1 +sw-ucb +bayes-score/);
    expect(result.stdout).toMatch(/cumulative regret \(realised\)/);
  });
});
