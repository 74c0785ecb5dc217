import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, tempDir } from '../../support/cli.ts';

describe('alignsim compare, replay --policy and report', () => {
  it('runs policies over seeds and prints intervals, re-runs an episode under another policy, and reports it', () => {
    const dir = tempDir();
    const file = join(dir, 'c.sqlite');
    const world = 'test/fixtures/two-arms.ts';
    const json = cli(['compare', file, '--world', world, '--policies', 'always,never', '--seeds', '3', '--json']);
    expect(json.stderr).toBe('');
    expect(json.status).toBe(0);
    const comparison = JSON.parse(json.stdout);
    expect(comparison.groups.map((g: { label: string }) => g.label)).toEqual(['always', 'never']);
    expect(comparison.groups[0].outcomes[0]).toEqual({ key: 'regret/cumulative', label: 'cumulative regret (realised)', interval: { n: 3, mean: 0, halfWidth: 0 }, of: 3 });

    // A second compare reads the same runs (they are recorded) and prints the table.
    const table = cli(['compare', file, '--runs', comparison.groups.flatMap((g: { runIds: string[] }) => g.runIds).join(','), '--baseline', 'never']);
    expect(table.status).toBe(0);
    expect(table.stdout).toMatch(/cumulative regret \(realised\)\s+0 ± 0\s+\d+\.?\d* ± \d/);
    expect(table.stdout).toMatch(/cumulative pseudo-regret\s+-\s+-/);
    expect(table.stdout).toContain('paired differences vs never');
    expect(table.stdout).toContain('always − never');

    // --out writes report.md with the tables and the charts over time.
    const out = join(dir, 'comparison');
    const charts = cli(['compare', '--db', file, '--runs', comparison.groups.flatMap((g: { runIds: string[] }) => g.runIds).join(','), '--out', out]);
    expect(charts.status).toBe(0);
    expect(charts.stderr).toBe(`6 charts and report.md written to ${out}\n`);
    const markdown = readFileSync(join(out, 'report.md'), 'utf8');
    expect(markdown).toContain(charts.stdout.trimEnd());
    expect(markdown).toMatch(/steps to detect a1's shift\s+-\s+-/);
    for (const chart of ['regret-by-policy', 'regret-difference', 'welfare-by-policy', 'welfare-difference', 'delegation-by-policy', 'delegation-difference']) {
      expect(markdown).toContain(`(${chart}.svg)`);
      expect(existsSync(join(out, `${chart}.svg`))).toBe(true);
    }

    const replay = cli(['replay', file, '--run', comparison.groups[0].runIds[0], '--policy', 'never']);
    expect(replay.status).toBe(0);
    expect(replay.stdout).toContain(`counterfactual of ${comparison.groups[0].runIds[0]}`);
    expect(replay.stdout).toMatch(/cumulative regret \(realised\)\s+0\s+\d+\.\d+\s+\d+\.\d+/);

    const report = cli(['report', file, '--out', join(dir, 'report')]);
    expect(report.status).toBe(0);
    expect(report.stdout).toContain('9 charts and report.md written');

    const bad = cli(['compare', file, '--policies', 'sometimes', '--world', world]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/^alignsim: parameter 'policy'.*'sometimes'/);
  });

  it('refuses an unknown --baseline before recording anything, and --runs on a missing file', () => {
    const dir = tempDir();
    const file = join(dir, 'fresh.sqlite');
    const baseline = cli(['compare', file, '--world', 'test/fixtures/two-arms.ts', '--policies', 'always,never', '--seeds', '2', '--baseline', 'sometimes']);
    expect(baseline.status).toBe(2);
    expect(baseline.stderr).toMatch(/^alignsim: --baseline sometimes: expected one of the compared policies, always, never/);
    expect(existsSync(file)).toBe(false);
    const runs = cli(['compare', file, '--runs', 'a,b']);
    expect(runs.status).toBe(2);
    expect(existsSync(file)).toBe(false);
  });
});
