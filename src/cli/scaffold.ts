import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmdirSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { InputError } from '../kernel/errors.ts';
import { PACKAGE_ROOT } from '../kernel/package-files.ts';

/** The study project `alignsim init` copies (shipped with the package). */
const TEMPLATE = join(PACKAGE_ROOT, 'examples', 'study');
/** Template files whose `{{key}}` placeholders are filled in. */
const FILLED = ['package.json', 'README.md'];
/**
 * Template files renamed in the project: npm packs no file named .gitignore, and the package
 * ships no test files (of its own or not).
 */
const RENAMED: Record<string, string> = {
  gitignore: '.gitignore',
  'checks/delegation-study.ts': 'test/delegation-study.test.ts',
};

/** An npm package name from a folder name. */
function packageName(dir: string): string {
  return basename(resolve(dir)).toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^[._-]+/, '') || 'study';
}

/**
 * Writes a new study project into `dir` (created if missing; refused if it holds anything): its
 * package.json depends on this version of alignsim and on the TypeScript and vitest it is tested with.
 * Returns the files written, relative to `dir`.
 */
export function scaffoldStudy(dir: string): string[] {
  if (existsSync(dir) && (!statSync(dir).isDirectory() || readdirSync(dir).length > 0)) {
    throw new InputError(`'${dir}' exists and is not an empty folder: expected a new or empty folder for the study`);
  }
  const own = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string; devDependencies: Record<string, string> };
  const values: Record<string, string> = { name: packageName(dir), alignsim: `^${own.version}`, ...own.devDependencies };
  cpSync(TEMPLATE, dir, { recursive: true });
  for (const file of FILLED) {
    const path = join(dir, file);
    writeFileSync(path, readFileSync(path, 'utf8').replace(/\{\{([^}]+)\}\}/g, (_, key: string) => values[key] ?? `{{${key}}}`));
  }
  for (const [from, to] of Object.entries(RENAMED)) {
    mkdirSync(dirname(join(dir, to)), { recursive: true });
    renameSync(join(dir, from), join(dir, to));
  }
  rmdirSync(join(dir, 'checks'));
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => statSync(join(dir, file)).isFile())
    .sort();
}
