// `npm run mutate [-- MODULE ...] [-- --force]`: StrykerJS once per module of stryker.config.mjs
// (all of them by default), then one table of mutation scores. Exits 1 when the score over the
// modules run is under 90%, or when StrykerJS itself fails.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { MODULES } from '../stryker.config.mjs';

const BREAK = 90;
const args = process.argv.slice(2);
const force = args.includes('--force');
const wanted = args.filter((arg) => arg !== '--force');
const unknown = wanted.filter((name) => !(name in MODULES));
if (unknown.length > 0) {
  process.stderr.write(`mutate: unknown module ${unknown.join(', ')}: expected some of ${Object.keys(MODULES).join(', ')}\n`);
  process.exit(2);
}
const names = wanted.length > 0 ? wanted : Object.keys(MODULES);

/** Mutants by outcome, from a module's incremental file (the mutation-testing report schema). */
function tally(name) {
  const file = `reports/mutation/${name}.json`;
  const counts = { Killed: 0, Timeout: 0, Survived: 0, NoCoverage: 0 };
  if (!existsSync(file)) return counts;
  for (const { mutants } of Object.values(JSON.parse(readFileSync(file, 'utf8')).files)) {
    for (const { status } of mutants) if (status in counts) counts[status]++;
  }
  return counts;
}

let failed = false;
for (const name of names) {
  process.stderr.write(`mutate: ${name}\n`);
  const run = spawnSync('npx', ['stryker', 'run', ...(force ? ['--force'] : [])], { stdio: 'inherit', env: { ...process.env, ALIGNSIM_MUTATE_MODULE: name } });
  if (run.status !== 0) {
    process.stderr.write(`mutate: StrykerJS failed on ${name} (exit ${run.status})\n`);
    failed = true;
  }
}

const score = (c) => {
  const valid = c.Killed + c.Timeout + c.Survived + c.NoCoverage;
  return valid === 0 ? 100 : (100 * (c.Killed + c.Timeout)) / valid;
};
const rows = names.map((name) => [name, tally(name)]);
const total = { Killed: 0, Timeout: 0, Survived: 0, NoCoverage: 0 };
for (const [, counts] of rows) for (const key of Object.keys(total)) total[key] += counts[key];
const line = (label, c) =>
  [label.padEnd(10), ...[c.Killed, c.Timeout, c.Survived, c.NoCoverage].map((n) => String(n).padStart(9)), score(c).toFixed(1).padStart(7)].join('  ');
process.stdout.write(
  [
    ['module'.padEnd(10), ...['killed', 'timeout', 'survived', 'no cover'].map((h) => h.padStart(9)), 'score %'.padStart(7)].join('  '),
    ...rows.map(([name, counts]) => line(name, counts)),
    line('total', total),
  ].join('\n') + '\n',
);
if (score(total) < BREAK) {
  process.stderr.write(`mutate: score ${score(total).toFixed(1)}% is under ${BREAK}%: see reports/mutation/<module>.html for the surviving mutants\n`);
  failed = true;
}
process.exit(failed ? 1 : 0);
