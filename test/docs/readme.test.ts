import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openForReading } from '../../src/record/database.ts';
import { findRun, lastMetric } from '../../src/record/reader.ts';
import { cli, ROOT, tempDir } from '../support/cli.ts';

/*
 * README.md is the user's manual; the numbers it quotes must be the program's. Two kinds of check:
 * - checked examples: in the README, a line `$ npx alignsim …` followed by its output (up to a blank
 *   line or the end of the block) is run and its output compared number by number;
 * - quotes: each entry of QUOTES finds a passage of the README (exactly once), runs the README's
 *   command and computes the numbers the passage quotes.
 * A number matches when the program's value, rounded to the decimals the README prints, equals it.
 */

const README = readFileSync(join(ROOT, 'README.md'), 'utf8');
const NUMBER = /[−-]?\d+(?:\.\d+)?(?:e[−-]?\d+)?/g;
const dir = tempDir('alignsim-readme-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The program's value agrees with the README's text `quoted` at the README's precision. */
function agrees(quoted: string, actual: number): boolean {
  const decimals = quoted.split('.')[1]?.replace(/e.*/, '').length ?? 0;
  const value = Number(quoted.replace('−', '-'));
  // Printed in full (JSON): the same double.
  if (decimals >= 15 || /e/.test(quoted)) return actual === value;
  return Number(actual.toFixed(decimals)) === value;
}

/** Differences between a README output block and the program's output: text with numbers masked, then each number. */
function compareOutput(expected: string, actual: string): string[] {
  const skeleton = (s: string) => s.replace(NUMBER, '#').replace(/[ \t]+/g, ' ').trim();
  if (skeleton(expected) !== skeleton(actual)) return [`text differs:\n${expected}\n---\n${actual}`];
  const quoted = expected.match(NUMBER) ?? [];
  const got = (actual.match(NUMBER) ?? []).map((n) => Number(n.replace('−', '-')));
  return quoted.flatMap((q, i) => (agrees(q, got[i]) ? [] : [`README says ${q}, the program ${got[i]}`]));
}

interface Example {
  readonly command: string;
  readonly expected: string;
}

function checkedExamples(readme: string): Example[] {
  const lines = readme.split('\n');
  const examples: Example[] = [];
  lines.forEach((line, i) => {
    const command = /^\$ npx alignsim (.*)$/.exec(line)?.[1];
    if (command === undefined) return;
    const output: string[] = [];
    for (let j = i + 1; j < lines.length && lines[j].trim() !== '' && !lines[j].startsWith('```') && !lines[j].startsWith('$ '); j++) output.push(lines[j]);
    examples.push({ command, expected: output.join('\n') });
  });
  return examples;
}

/** One run of the command line per distinct argument list, recorded under the test's temporary directory. */
const runs = new Map<string, { stdout: string; db: string }>();
function run(args: string[]): { stdout: string; db: string } {
  const key = args.join(' ');
  let result = runs.get(key);
  if (!result) {
    const db = join(dir, `run-${runs.size}.sqlite`);
    const out = cli([...args, '--db', db, '--quiet']);
    expect(out.stderr).toBe('');
    expect(out.status).toBe(0);
    result = { stdout: out.stdout, db };
    runs.set(key, result);
  }
  return result;
}

function metric(recording: string, name: string, at?: number): number {
  const db = openForReading(recording);
  try {
    const run = findRun(db);
    if (at === undefined) return lastMetric(db, run.run_id, name)!.value!;
    return (db.prepare('SELECT value FROM metrics WHERE run_id = ? AND t = ? AND name = ?').get(run.run_id, at, name) as { value: number }).value;
  } finally {
    db.close();
  }
}

function query<T>(recording: string, sql: string): T {
  const db = openForReading(recording);
  try {
    return db.prepare(sql).get(findRun(db).run_id) as T;
  } finally {
    db.close();
  }
}

/** The value a run's closing summary prints on its line `label`. */
function summary(stdout: string, label: string): number {
  const line = stdout.split('\n').find((l) => l.startsWith(`${label} `));
  if (!line) throw new Error(`no summary line '${label}' in:\n${stdout}`);
  return Number(line.slice(label.length).trim());
}

const meanWelfare = (policy: string) =>
  query<{ mean: number }>(run(['run', 'governance', '--set', `policy=${policy}`]).db, "SELECT avg(value) AS mean FROM metrics WHERE run_id = ? AND name = 'welfare/social'").mean;

interface Quote {
  /** What the passage says, for the test's name. */
  readonly name: string;
  /** Finds the passage in README.md; each group captures one quoted number. */
  readonly passage: RegExp;
  /** The same numbers, computed by running the README's command. */
  readonly actual: () => number[];
}

const QUOTES: Quote[] = [
  {
    name: 'drifting-assistant, ucb1: final dynamic regret',
    passage: /npx alignsim run drifting-assistant --set policy=ucb1 +# final regret\/dynamic\/cumulative +([\d.]+)/,
    actual: () => [summary(run(['run', 'drifting-assistant', '--set', 'policy=ucb1']).stdout, 'final regret/dynamic/cumulative')],
  },
  {
    name: 'drifting-assistant, sw-ucb: final dynamic regret',
    passage: /npx alignsim run drifting-assistant --set policy=sw-ucb +# final regret\/dynamic\/cumulative +([\d.]+)/,
    actual: () => [summary(run(['run', 'drifting-assistant', '--set', 'policy=sw-ucb']).stdout, 'final regret/dynamic/cumulative')],
  },
  {
    name: 'governance, black-box: collapses at step 2',
    passage: /npx alignsim run governance --set policy=black-box +# collapses at step (\d+): destructive = (\d+)/,
    actual: () => {
      const { db } = run(['run', 'governance', '--set', 'policy=black-box']);
      const { t } = query<{ t: number }>(db, "SELECT min(t) AS t FROM events WHERE run_id = ? AND type = 'collapse'");
      return [t, metric(db, 'destructive', t)];
    },
  },
  {
    name: 'governance, safe-black-box: filter interventions, no collapse',
    passage: /npx alignsim run governance --set policy=safe-black-box +# (\d+) filter interventions in (\d+) steps, no collapse/,
    actual: () => {
      const { db, stdout } = run(['run', 'governance', '--set', 'policy=safe-black-box']);
      expect(query<{ n: number }>(db, "SELECT count(*) AS n FROM events WHERE run_id = ? AND type = 'collapse'").n).toBe(0);
      return [metric(db, 'safety-filter/interventions'), summary(stdout, 'steps')];
    },
  },
  {
    name: 'governance: mean welfare of each policy on seed 1',
    passage: /On seed 1 the mean welfare over (\d+) steps is ([\d.]+) for black-box, ([\d.]+) for safe-black-box,\s+([\d.]+) for paa and ([\d.]+) for greedy/,
    actual: () => [
      summary(run(['run', 'governance', '--set', 'policy=black-box']).stdout, 'steps'),
      ...['black-box', 'safe-black-box', 'paa', 'greedy'].map(meanWelfare),
    ],
  },
  {
    name: 'replay --verify after npm start',
    passage: /npx alignsim replay runs\/alignsim.sqlite --verify +# re-execute the run: "identical: (\d+) steps"/,
    actual: () => {
      const out = cli(['replay', run(['run']).db, '--verify']);
      expect(out.status).toBe(0);
      return [Number(/^identical: (\d+) steps$/m.exec(out.stdout)![1])];
    },
  },
  {
    name: 'shopping: the paper\'s numbers at step 1',
    passage: /step 1 records the paper's numbers \(food ([\d.]+),\s+household ([\d.]+), overall ([\d.]+)\)/,
    actual: () => {
      const { db } = run(['run', 'shopping', '--steps', '1']);
      return ['misalignment/food', 'misalignment/household', 'misalignment'].map((name) => metric(db, name, 1));
    },
  },
  {
    name: 'av-precollision: misalignment at an even split, unit and real weights',
    passage: /It peaks at an even split \(([\d.]+) with all weights 1 and conflict 1\) and stays low with the real\s+weights \(([\d.]+)\)/,
    actual: () => [
      metric(run(['run', 'av-precollision', '--steps', '1', '--set', 'share=0.5', '--set', 'allWeightsOne=true']).db, 'misalignment', 1),
      metric(run(['run', 'av-precollision', '--steps', '1', '--set', 'share=0.5']).db, 'misalignment', 1),
    ],
  },
];

/** The README's quoted numbers for a passage that must occur exactly once. */
function quoted(readme: string, passage: RegExp): string[] {
  const all = [...readme.matchAll(new RegExp(passage.source, 'g'))];
  if (all.length !== 1) throw new Error(`README.md has ${all.length} passages matching ${passage}`);
  return all[0].slice(1);
}

function quoteProblems(readme: string, quote: Quote, actual: number[]): string[] {
  const numbers = quoted(readme, quote.passage);
  expect(numbers).toHaveLength(actual.length);
  return numbers.flatMap((q, i) => (agrees(q, actual[i]) ? [] : [`README says ${q}, the program ${actual[i]}`]));
}

/** `text` with the number `number` (the first at or after `near`) changed in its first non-zero digit. */
function altered(text: string, number: string, near: number): string {
  const changed = number.replace(/[1-9]/, (d) => String((Number(d) % 9) + 1));
  return text.slice(0, near) + text.slice(near).replace(number, changed === number ? `${number}1` : changed);
}

describe('README.md quotes the program', () => {
  const examples = checkedExamples(README);

  it('has checked examples to run', () => {
    expect(examples.length).toBeGreaterThanOrEqual(2);
  });

  it.each(examples)('$ npx alignsim $command', ({ command, expected }) => {
    const out = cli(command.split(/\s+/));
    expect(out.status).toBe(0);
    expect(compareOutput(expected, out.stdout.trimEnd())).toEqual([]);
    // The check fails when the README's output is edited: the last digit of each number in turn.
    (expected.match(NUMBER) ?? []).forEach((n, i) => {
      const at = [...expected.matchAll(NUMBER)][i].index!;
      expect(compareOutput(altered(expected, n, at), out.stdout.trimEnd())).not.toEqual([]);
    });
  });

  it.each(QUOTES)('$name', (quote) => {
    const actual = quote.actual();
    expect(quoteProblems(README, quote, actual)).toEqual([]);
    // The check fails when a quoted number is edited.
    const match = new RegExp(quote.passage.source).exec(README)!;
    for (const n of match.slice(1)) expect(quoteProblems(altered(README, n, match.index), quote, actual)).not.toEqual([]);
  });
});
