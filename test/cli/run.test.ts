import Database from 'better-sqlite3';
import { once } from 'node:events';
import { existsSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, cliProcess, tempDir } from '../support/cli.ts';

describe('alignsim run / replay / worlds (end to end)', () => {
  it('runs the default world, prints the summary and where the recording is, and replays identically', () => {
    const db = join(tempDir(), 'runs.sqlite');
    const run = cli(['run', '--steps', '40', '--db', db]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/status\s+completed/);
    expect(run.stdout).toMatch(/final misalignment\s+0\.\d+/);
    expect(run.stdout).toMatch(/final regret\/cumulative\s+\d/);
    expect(run.stdout).toMatch(/delegated \(ucb1\)\s+\d+\.\d% of 2000/);
    expect(run.stdout).toContain(`recording  ${db}`.replace('  ', ' ').split(' ')[0]);
    expect(run.stdout).toContain(db);

    const verify = cli(['replay', db, '--verify']);
    expect(verify.stdout).toBe('identical: 40 steps\n');
    expect(verify.status).toBe(0);

    const names = new Database(db, { readonly: true }).prepare('SELECT DISTINCT name FROM metrics').pluck().all() as string[];
    for (const series of ['misalignment', 'misalignment/area1', 'welfare/principals', 'welfare_regret/principals', 'regret/cumulative']) {
      expect(names).toContain(series);
    }

    const step = cli(['replay', db, '--step', '12']);
    expect(step.status).toBe(0);
    expect(step.stdout).toMatch(/step 12 of 40/);
    expect(step.stdout).toMatch(/decisions \(50\)/);
    expect(step.stdout).toMatch(/misalignment\/principals-assistants/);
  });

  it('keeps decision detail at the level --detail names, replays it identically, and refuses another', () => {
    const db = join(tempDir(), 'detail.sqlite');
    expect(cli(['run', 'stag-hunt', '--steps', '3', '--detail', 'full', '--db', db, '--quiet']).status).toBe(0);
    expect(cli(['replay', db, '--verify']).stdout).toBe('identical: 3 steps\n');
    const conn = new Database(db, { readonly: true });
    const shown = conn.prepare('SELECT detail, (SELECT detail_json FROM decisions d WHERE d.run_id = r.run_id LIMIT 1) FROM runs r').raw().get();
    conn.close();
    expect(shown).toEqual(['full', expect.stringMatching(/^\{"fruit":[\d.e-]+,"mammoth":[\d.e-]+,"outcome":"\w+\/\w+"\}$/)]);
    const bad = cli(['run', 'stag-hunt', '--detail', 'some', '--db', db]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toBe("alignsim: --detail 'some': expected one of full, summary, none\n");
  });

  it('exits 1 naming the row when a recording was altered', () => {
    const db = join(tempDir(), 'altered.sqlite');
    cli(['run', '--steps', '10', '--db', db, '--set', 'principals=5']);
    const conn = new Database(db);
    conn.prepare('UPDATE metric SET value = value + 0.001 WHERE t = 6 AND series = (SELECT id FROM dictionary WHERE name = ?)').run('welfare/principals');
    conn.close();
    const verify = cli(['replay', db, '--verify']);
    expect(verify.status).toBe(1);
    expect(verify.stdout).toMatch(/^different: table metrics, step 6, row welfare\/principals, column value: recorded [-\d.e]+, re-computed [-\d.e]+\n$/);
    const forged = new Database(db);
    forged.prepare('DELETE FROM decision WHERE t = 3 AND seq = 2').run();
    forged.close();
    expect(cli(['replay', db, '--verify']).stdout).toBe('different: table decisions, step 3, row 2, computed by the run, but not recorded (a deleted row)\n');
  });

  it('runs a world given as a path, shows its series in the summary, and replays it', () => {
    const db = join(tempDir(), 'coin.sqlite');
    const run = cli(['run', 'test/fixtures/coin.ts', '--db', db, '--set', 'bias=0.9']);
    expect(run.status).toBe(0);
    const share = Number(/final share\/heads\s+([\d.]+)/.exec(run.stdout)?.[1]);
    expect(share).toBeGreaterThan(0.8);
    expect(share).toBeLessThan(0.97);
    expect(cli(['replay', db, '--verify']).status).toBe(2);
    expect(cli(['replay', db, '--verify', '--trust-world']).stdout).toBe('identical: 100 steps\n');
  });

  it('ends quietly with exit 0 when the reader of its output stops early (| head)', async () => {
    const db = join(tempDir(), 'pipe.sqlite');
    // About 350 KB of JSON: far more than a pipe holds, so writes go on after the reader has gone.
    cli(['run', '--steps', '400', '--db', db, '--set', 'principals=5']);
    const child = cliProcess(['report', db, '--json']);
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    await once(child.stdout, 'data');
    child.stdout.destroy();
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
    expect(stderr).toBe('');
  });

  it('replay --policy neither creates a missing recording nor records a run the world refuses; --verify excludes --policy', () => {
    const dir = tempDir();
    const missing = join(dir, 'missing.sqlite');
    const absent = cli(['replay', missing, '--policy', 'never']);
    expect(absent.status).toBe(2);
    expect(absent.stderr).toMatch(/does not exist/);
    expect(existsSync(missing)).toBe(false);

    const db = join(dir, 'governance.sqlite');
    expect(cli(['run', 'governance', '--steps', '3', '--db', db]).status).toBe(0);
    const refused = cli(['replay', db, '--set', 'depth=20', '--set', 'width=1000000']);
    expect(refused.status).toBe(2);
    expect(refused.stderr.trim().split('\n')).toHaveLength(1);
    const conn = new Database(db, { readonly: true });
    expect(conn.prepare('SELECT count(*) FROM runs').pluck().get()).toBe(1);
    conn.close();

    const mixed = cli(['replay', db, '--verify', '--policy', 'paa']);
    expect(mixed.status).toBe(2);
    expect(mixed.stderr).toMatch(/'--verify' cannot be used with option '--policy/);
  });

  it('an output path that cannot be written is bad input: exit 2 with one line', () => {
    const db = join(tempDir(), 'out.sqlite');
    cli(['run', '--steps', '3', '--db', db, '--set', 'principals=3']);
    const exported = cli(['export', db, '--table', 'metrics', '--out', join(tempDir(), 'missing', 'x.csv')]);
    expect(exported.status).toBe(2);
    expect(exported.stderr).toMatch(/^alignsim: cannot open '.*x\.csv': no such file or directory/);
    const reported = cli(['report', db, '--out', join(db, 'charts')]);
    expect(reported.status).toBe(2);
    expect(reported.stderr).toMatch(/^alignsim: cannot mkdir '.*charts': a part of the path is not a directory/);
    expect(reported.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('without a command prints the help on stderr and exits 1', () => {
    const bare = cli([]);
    expect(bare.status).toBe(1);
    expect(bare.stdout).toBe('');
    expect(bare.stderr).toMatch(/^Usage: alignsim \[options\] \[command\]/);
    expect(bare.stderr).toMatch(/^ {2}run \[options\] \[world\]/m);
  });

  it('lists worlds with their parameters', () => {
    const worlds = cli(['worlds']);
    expect(worlds.status).toBe(0);
    expect(worlds.stdout).toMatch(/^assistants — /m);
    expect(worlds.stdout).toMatch(/principals\s+integer\s+50\s+number of principals/);
  });

  describe('bad input: exit 2, one line, recording untouched', () => {
    const cases: [string, string[], RegExp][] = [
      ['an unknown world', ['run', 'nowhere'], /^alignsim: unknown world 'nowhere': expected one of .*assistants/],
      ['an unknown --set key', ['run', '--set', 'colour=red'], /^alignsim: unknown parameter 'colour' for world 'assistants'/],
      ['a value of the wrong type', ['run', '--set', 'principals=lots'], /^alignsim: parameter 'principals': expected a decimal number, got 'lots'/],
      ['a value out of range', ['run', '--set', 'epsilon=1.5'], /^alignsim: parameter 'epsilon': .*less than or equal to 1/],
      ['--steps 0', ['run', '--steps', '0'], /^alignsim: --steps 0: expected a positive integer/],
      ['negative --steps', ['run', '--steps=-3'], /^alignsim: --steps -3: expected a positive integer/],
      ['an unknown option', ['run', '--colour', 'red'], /^error: unknown option '--colour'/],
      ['an inherited property name as a parameter', ['run', '--set', 'constructor=5'], /^alignsim: unknown parameter 'constructor' for world 'assistants'/],
      ['a world module that fails to load', ['run', 'test/fixtures/throwing-world.ts'], /^alignsim: world 'test\/fixtures\/throwing-world.ts' could not be loaded \(this world module fails on import\)/],
      [
        'parameters the world refuses when it builds its state',
        ['run', 'governance', '--set', 'modelError=5', '--set', 'depth=0', '--set', 'width=0'],
        /^alignsim: governance: the PAA formulas give no depth and width/,
      ],
    ];
    it.each(cases)('%s', (_what, args, message) => {
      const dir = tempDir();
      const db = join(dir, 'kept.sqlite');
      expect(cli(['run', '--steps', '3', '--db', db, '--set', 'principals=3']).status).toBe(0);
      const before = readFileSync(db);
      const result = cli([...args, '--db', db]);
      expect(result.status).toBe(2);
      expect(result.stderr).toMatch(message);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(readFileSync(db).equals(before)).toBe(true);
    });

    it('a --db path that is a directory, a text file, a foreign SQLite file', () => {
      const dir = tempDir();
      const text = join(dir, 'text.sqlite');
      writeFileSync(text, 'not a database');
      const foreign = join(dir, 'foreign.sqlite');
      const conn = new Database(foreign);
      conn.exec('CREATE TABLE t (x)');
      conn.close();
      for (const [db, message] of [
        [dir, /is a directory/],
        [text, /is not a SQLite database/],
        [foreign, /not an alignsim recording/],
      ] as const) {
        const result = cli(['run', '--steps', '2', '--db', db]);
        expect(result.status).toBe(2);
        expect(result.stderr).toMatch(message);
        const replay = cli(['replay', db, '--verify']);
        expect(replay.status).toBe(2);
      }
      expect(readFileSync(text, 'utf8')).toBe('not a database');
    });

    it('a damaged recording (garbage after the SQLite header, a truncated file) is named as damaged, unchanged', () => {
      const dir = tempDir();
      const garbage = join(dir, 'garbage.sqlite');
      writeFileSync(garbage, Buffer.concat([Buffer.from('SQLite format 3\0', 'latin1'), Buffer.alloc(4096, 0x5a)]));
      const truncated = join(dir, 'truncated.sqlite');
      expect(cli(['run', '--steps', '20', '--db', truncated, '--set', 'principals=50', '--quiet']).status).toBe(0);
      truncateSync(truncated, readFileSync(truncated).length / 2);
      for (const db of [garbage, truncated]) {
        const before = readFileSync(db);
        for (const args of [['replay', db, '--verify'], ['run', '--steps', '2', '--db', db], ['migrate', db]]) {
          const result = cli(args);
          expect(result.status).toBe(2);
          expect(result.stderr).toMatch(new RegExp(`^alignsim: '${db}' is damaged \\([^)]+\\): expected an intact alignsim recording\n$`));
        }
        expect(readFileSync(db).equals(before)).toBe(true);
      }
    });
  });
});
