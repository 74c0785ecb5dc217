import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './cli.ts';

/**
 * Vitest global setup: the command line runs the build (dist/), so rebuild it when a source is newer,
 * and a test of the command line always tests the code as it is.
 */
const BUILT = join(ROOT, 'dist', 'src', 'cli', 'main.js');
const SOURCES = ['src', 'agents', 'worlds', 'package.json', 'tsconfig.json', 'tsconfig.build.json'];

function newestChange(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((newest, name) => Math.max(newest, newestChange(join(path, name))), stat.mtimeMs);
}

export default function build(): void {
  const newestSource = Math.max(...SOURCES.map((source) => newestChange(join(ROOT, source))));
  if (existsSync(BUILT) && statSync(BUILT).mtimeMs >= newestSource) return;
  const result = spawnSync('npm', ['run', 'build'], { cwd: ROOT, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`npm run build failed:\n${result.stdout}${result.stderr}`);
}
