import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { ROOT, tempDir } from '../support/cli.ts';

/** A command as a user types it; the environment without this test runner's own variables. */
function run(command: string, args: readonly string[], cwd: string) {
  const inherited = Object.entries(process.env).filter(([key]) => !key.startsWith('VITEST') && !['NODE_OPTIONS', 'FORCE_COLOR'].includes(key));
  const env = { ...Object.fromEntries(inherited), NO_COLOR: '1' };
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', env });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, output: `${result.stdout}${result.stderr}` };
}

function succeeds(command: string, args: readonly string[], cwd: string): string {
  const result = run(command, args, cwd);
  expect(result.status, `${command} ${args.join(' ')}:\n${result.output}`).toBe(0);
  return result.stdout;
}

describe('the package as a user installs it', () => {
  it('packs no tests; a study from alignsim init type-checks strictly, passes its test, runs, and replays from elsewhere', { timeout: 20 * 60_000 }, () => {
    const work = tempDir('alignsim-package-');
    onTestFinished(() => rmSync(work, { recursive: true, force: true }));
    // The global setup built dist/ already.
    const [packed] = JSON.parse(succeeds('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], ROOT)) as {
      filename: string;
      files: { path: string }[];
    }[];
    const paths = packed!.files.map((file) => file.path);
    expect(paths.filter((path) => /^(test|bench|src|agents|worlds)\/|\.test\.|\.spec\./.test(path))).toEqual([]);
    expect(paths).toEqual(expect.arrayContaining(['LICENSE', 'CHANGELOG.md', 'README.md', 'dist/src/api/index.d.ts', 'dist/worlds/shopping.population.json']));
    const tarball = join(work, packed!.filename);

    // alignsim init, run from the packed files (with this checkout's dependencies).
    const unpacked = join(work, 'unpacked');
    mkdirSync(unpacked);
    succeeds('tar', ['xzf', tarball, '-C', unpacked], work);
    symlinkSync(join(ROOT, 'node_modules'), join(unpacked, 'package', 'node_modules'));
    succeeds(process.execPath, [join(unpacked, 'package', 'bin', 'alignsim.js'), 'init', 'study'], work);
    const study = join(work, 'study');
    const refused = run(process.execPath, [join(unpacked, 'package', 'bin', 'alignsim.js'), 'init', 'study'], work);
    expect([refused.status, refused.stderr]).toEqual([2, "alignsim: 'study' exists and is not an empty folder: expected a new or empty folder for the study\n"]);

    // better-sqlite3 compiles from source on install (minutes on a busy machine): reuse this
    // checkout's build of the same version instead, and compile only if the versions differ.
    succeeds('npm', ['install', tarball, '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts'], study);
    const sqliteVersion = (root: string) => (JSON.parse(readFileSync(join(root, 'node_modules', 'better-sqlite3', 'package.json'), 'utf8')) as { version: string }).version;
    if (sqliteVersion(study) === sqliteVersion(ROOT)) {
      cpSync(join(ROOT, 'node_modules', 'better-sqlite3', 'build'), join(study, 'node_modules', 'better-sqlite3', 'build'), { recursive: true });
    } else {
      succeeds('npm', ['rebuild', 'better-sqlite3'], study);
    }
    // Every public entry, so that tsc checks every declaration the package exposes.
    const entries = ['alignsim', 'alignsim/policies', 'alignsim/measures', 'alignsim/recordings'];
    writeFileSync(join(study, 'test', 'entries.ts'), entries.map((entry, i) => `export * as entry${i} from '${entry}';\n`).join(''));
    const { compilerOptions } = JSON.parse(readFileSync(join(study, 'tsconfig.json'), 'utf8')) as { compilerOptions: Record<string, unknown> };
    expect(compilerOptions).toMatchObject({ strict: true, exactOptionalPropertyTypes: true, noUncheckedIndexedAccess: true, skipLibCheck: false });
    succeeds('npx', ['tsc', '--noEmit'], study);
    expect(succeeds('npx', ['vitest', 'run'], study)).toMatch(/Tests\s+2 passed/);
    expect(succeeds('npx', ['alignsim', 'run', 'worlds/delegation-study.ts', '--quiet'], study)).toMatch(/status\s+completed/);

    const elsewhere = join(work, 'elsewhere');
    mkdirSync(elsewhere);
    const alignsim = join(study, 'node_modules', '.bin', 'alignsim');
    const untrusted = run(alignsim, ['replay', '../study/runs/alignsim.sqlite', '--verify'], elsewhere);
    expect(untrusted.status).toBe(2);
    expect(untrusted.stderr).toContain(`was made by the world file '${join(study, 'worlds', 'delegation-study.ts')}'`);
    expect(succeeds(alignsim, ['replay', '../study/runs/alignsim.sqlite', '--verify', '--trust-world'], elsewhere)).toBe('identical: 200 steps\n');
  });
});
