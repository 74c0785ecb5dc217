import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, ROOT, tempDir } from '../support/cli.ts';

/** Debian's Python, where python3-pandas installs pandas; PYTHON overrides. */
const PYTHON = process.env.PYTHON ?? (existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3');
const havePandas = spawnSync(PYTHON, ['-c', 'import pandas'], { encoding: 'utf8' }).status === 0;
const mustRun = process.env.CI === 'true';
if (!havePandas && !mustRun) {
  console.warn(`\n⚠ SKIPPED the pandas example's test: ${PYTHON} cannot import pandas (install it: apt-get install -y python3-pandas)\n`);
}

interface Interval {
  n: number;
  mean: number;
  halfWidth: number | null;
}

function expectSame(python: Interval | null, node: Interval | null, what: string): void {
  if (node === null) return expect(python ?? null, what).toBeNull();
  expect(python, what).not.toBeNull();
  expect(python!.n, what).toBe(node.n);
  expect(python!.mean, what).toBeCloseTo(node.mean, 10);
  if (node.halfWidth === null) expect(python!.halfWidth, what).toBeNull();
  else expect(python!.halfWidth, what).toBeCloseTo(node.halfWidth, 9);
}

describe.skipIf(!havePandas && !mustRun)('examples/analysis.py', () => {
  it('reads the runs compare made straight from the recording with pandas, and gets compare --json’s numbers', () => {
    expect(havePandas, `${PYTHON} must import pandas when CI=true`).toBe(true);
    const file = join(tempDir(), 'analysis.sqlite');
    const compared = cli(['compare', '--db', file, '--world', 'assistants', '--set', 'principals=4', '--set', 'shiftAt=20', '--steps', '40', '--policies', 'ucb1,never,sw-ucb', '--seeds', '3', '--baseline', 'never', '--json', '--quiet']);
    expect(compared.status, compared.stderr).toBe(0);
    const node = JSON.parse(compared.stdout) as {
      baseline: string;
      groups: { label: string; runIds: string[]; outcomes: { key: string; interval: Interval | null }[] }[];
      differences: { label: string; outcomes: { key: string; interval: Interval | null }[] }[];
    };
    const ran = spawnSync(PYTHON, [join(ROOT, 'examples', 'analysis.py'), file, '--baseline', 'never', '--json'], { encoding: 'utf8' });
    expect(ran.status, ran.stderr).toBe(0);
    const python = JSON.parse(ran.stdout) as {
      baseline: string;
      groups: { label: string; runIds: string[]; outcomes: Record<string, Interval | null> }[];
      differences: { label: string; outcomes: Record<string, Interval | null> }[];
    };
    expect(python.baseline).toBe('never');
    expect(python.groups.map((g) => [g.label, g.runIds])).toEqual(node.groups.map((g) => [g.label, g.runIds]));
    expect(python.differences.map((d) => d.label)).toEqual(['ucb1', 'sw-ucb']);
    // Every outcome but steps-to-detect (which needs the detection rule) is computed by the script.
    const keys = node.groups[0].outcomes.map((o) => o.key).filter((key) => !key.startsWith('detect '));
    expect(keys).toEqual(expect.arrayContaining(['regret/cumulative', 'regret/pseudo/cumulative', 'mean welfare/principals', 'share self', 'share a1']));
    const sides = [
      ...node.groups.map((g, i) => [g.outcomes, python.groups[i].outcomes, g.label] as const),
      ...node.differences.map((d, i) => [d.outcomes, python.differences[i].outcomes, `${d.label} − never`] as const),
    ];
    for (const [nodeOutcomes, pythonOutcomes, label] of sides) {
      expect(Object.keys(pythonOutcomes).sort()).toEqual([...keys].sort());
      for (const key of keys) expectSame(pythonOutcomes[key], nodeOutcomes.find((o) => o.key === key)!.interval, `${label}: ${key}`);
    }

    const table = spawnSync(PYTHON, [join(ROOT, 'examples', 'analysis.py'), file], { encoding: 'utf8' });
    expect(table.status, table.stderr).toBe(0);
    expect(table.stdout).toMatch(/^mean ± 95% CI \(Student t\) over seeds\n\n\s+ucb1\s+never\s+sw-ucb\nregret\/cumulative /);
  }, 120_000);
});
