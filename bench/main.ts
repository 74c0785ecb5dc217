import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { formatNumber, formatTable } from '../src/cli/table.ts';

/** One figure of a benchmark; `target` reads like '≥ 200' or '≤ 30'. */
export interface BenchResult {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  readonly target?: string;
}

/**
 * `npm run bench [-- NAME ...]`: runs every bench/*.ts module that exports `bench()` (or only
 * the named ones) and prints one summary table.
 */
function meetsTarget(value: number, target: string | undefined): string {
  const match = target === undefined ? null : /^(≥|>=|≤|<=)\s*([\d.]+)$/.exec(target.trim());
  if (!match) return '-';
  const bound = Number(match[2]);
  return (match[1] === '≥' || match[1] === '>=' ? value >= bound : value <= bound) ? 'yes' : 'NO';
}

const directory = fileURLToPath(new URL('./', import.meta.url));
const available = readdirSync(directory)
  .filter((file) => file.endsWith('.ts') && file !== 'main.ts')
  .map((file) => file.slice(0, -3))
  .sort();
const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !available.includes(name));
if (unknown.length > 0) {
  process.stderr.write(`bench: unknown benchmark ${unknown.join(', ')}: expected some of ${available.join(', ')}\n`);
  process.exit(2);
}

const rows: string[][] = [['benchmark', 'value', 'unit', 'target', 'ok?']];
for (const name of wanted.length > 0 ? wanted : available) {
  const module = (await import(new URL(`./${name}.ts`, import.meta.url).href)) as { bench?: () => Promise<BenchResult[]> };
  if (typeof module.bench !== 'function') continue;
  process.stderr.write(`bench: ${name}…\n`);
  const start = performance.now();
  for (const result of await module.bench()) {
    rows.push([result.name, formatNumber(result.value), result.unit, result.target ?? '', meetsTarget(result.value, result.target)]);
  }
  process.stderr.write(`bench: ${name} took ${((performance.now() - start) / 1000).toFixed(0)} s\n`);
}
process.stdout.write(formatTable(rows));
