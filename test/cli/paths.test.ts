import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, tempDir } from '../support/cli.ts';

/** Exit 2 with a single line on stderr. */
function expectRefused(result: ReturnType<typeof cli>, message: RegExp): void {
  expect(result.stderr).toMatch(message);
  expect(result.stderr.trim().split('\n')).toHaveLength(1);
  expect(result.status).toBe(2);
}

describe('paths a user gives that cannot be used: one line, exit 2, nothing left behind', { timeout: 180_000 }, () => {
  const run = (db: string) => cli(['run', '--steps', '2', '--set', 'principals=2', '--quiet', '--db', db]);

  it('an empty --db', () => {
    expectRefused(run(''), /^alignsim: the recording path is empty: expected a file path$/m);
  });

  it('--db /dev/null, leaving no /dev/null-journal', () => {
    expectRefused(run('/dev/null'), /^alignsim: '\/dev\/null' is not a regular file: expected a SQLite file path$/m);
    expect(existsSync('/dev/null-journal')).toBe(false);
  });

  it('a --db in a folder nobody may create files in, even root (/proc, /sys)', () => {
    expectRefused(run('/proc/alignsim-test.sqlite'), /^alignsim: cannot write to '\/proc\/alignsim-test\.sqlite' \(ENOENT\): expected a recording path you may write$/m);
    expectRefused(run('/sys/alignsim-test.sqlite'), /^alignsim: cannot write to '\/sys\/alignsim-test\.sqlite' \(EACCES\): expected a recording path you may write$/m);
  });

  it('an unwritable merge target, leaving the input as it was', () => {
    const dir = tempDir();
    const input = join(dir, 'in.sqlite');
    expect(run(input).status).toBe(0);
    const before = readFileSync(input);
    expectRefused(cli(['merge', '/sys/alignsim-merged.sqlite', input]), /^alignsim: cannot write to '\/sys\/alignsim-merged\.sqlite' \(EACCES\)/);
    expect(readFileSync(input).equals(before)).toBe(true);
  });

  it('report --out naming an existing file, which stays as it was', () => {
    const dir = tempDir();
    const db = join(dir, 'r.sqlite');
    expect(run(db).status).toBe(0);
    const notes = join(dir, 'notes.txt');
    writeFileSync(notes, 'keep me');
    expectRefused(cli(['report', db, '--out', notes]), /^alignsim: --out '.*notes\.txt' is a file: expected a folder for report\.md and the charts$/m);
    expect(readFileSync(notes, 'utf8')).toBe('keep me');
  });

  it('view --port out of range', () => {
    const dir = tempDir();
    const db = join(dir, 'v.sqlite');
    expect(run(db).status).toBe(0);
    expectRefused(cli(['view', db, '--port', '99999']), /^alignsim: --port 99999: expected a port from 0 to 65535$/m);
  });

  it('a --db whose folder cannot be created leaves no folder behind', () => {
    const dir = tempDir();
    const blocker = join(dir, 'file');
    writeFileSync(blocker, '');
    expectRefused(run(join(blocker, 'sub', 'x.sqlite')), /^alignsim: cannot write to '.*file\/sub\/x\.sqlite' \(ENOTDIR\)/);
    expect(readdirSync(dir)).toEqual(['file']);
  });
});

describe('numbers on the command line are decimal', () => {
  it.each([
    [['--set', 'principals=0x10'], /^alignsim: parameter 'principals': expected a decimal number, got '0x10'$/m],
    [['--set', 'principals= 7'], /^alignsim: parameter 'principals': expected a decimal number, got ' 7'$/m],
    [['--set', 'principals=4', '--set', 'principals=5'], /^alignsim: parameter 'principals' is set twice: expected each parameter at most once$/m],
    [['--steps', '0x10'], /^alignsim: --steps 0x10: expected a positive integer$/m],
    [['--seed', ' 7'], /^alignsim: --seed {2}7: expected a non-negative integer$/m],
  ])('run %j is refused', (args, message) => {
    const dir = tempDir();
    const db = join(dir, 'n.sqlite');
    expectRefused(cli(['run', '--db', db, ...args]), message);
    expect(existsSync(db)).toBe(false);
  });
});
