import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../../src/cli/main.ts';

/** Runs the CLI and returns its exit code and what it printed. */
async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((out += String(chunk)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((err += String(chunk)), true));
  const code = await main(['node', 'alignsim', ...args]);
  return { code, out, err };
}

const shopping = 'worlds/shopping.population.json';

describe('alignsim measure misalignment', () => {
  afterEach(() => vi.restoreAllMocks());

  it('prints the shopping numbers as JSON (SCIENCE.md §1.6)', async () => {
    const { code, out } = await run('measure', 'misalignment', shopping, '--json');
    expect(code).toBe(0);
    const report = JSON.parse(out);
    expect(Object.keys(report)).toEqual(['pairing', 'areas', 'overall']);
    expect(report.pairing).toBe('without-replacement');
    expect(report.areas.food).toBeCloseTo(0.0897213, 6);
    expect(report.areas.household).toBeCloseTo(0.4240573, 6);
    expect(report.overall).toBeCloseTo(0.2568893, 6);
  });

  it('prints a table naming the pairing, with groups by kind', async () => {
    const { code, out } = await run('measure', 'misalignment', shopping, '--pairing', 'with-replacement', '--by-group', 'kind');
    expect(code).toBe(0);
    expect(out).toContain('misalignment (pairing: with-replacement)');
    expect(out).toMatch(/population\s+0\.0598142\s+0\.2827049\s+0\.1712595/);
    // Humans (customer, retailer) vs the AI (recommender), D = 2: food 0.1·(sqrt(0.8) + sqrt(0.9))/2,
    // household (0.9·sqrt(0.6) + 0.3·sqrt(0.7))/2.
    expect(out).toMatch(/human vs ai\s+0\.0921555\s+0\.4740675/);
    expect(out).toMatch(/human vs human/);
    expect(out).toMatch(/ai vs ai/);
  });

  it('adds the groups to the JSON', async () => {
    const { out } = await run('measure', 'misalignment', shopping, '--by-group', 'kind', '--json');
    const groups = JSON.parse(out).groups as { between: string[]; overall: number }[];
    expect(groups.map((g) => g.between)).toEqual([['human', 'human'], ['human', 'ai'], ['ai', 'ai']]);
    // Customer vs retailer, without replacement: food 0.1·sqrt(0.72), household 0.5·sqrt(0.42).
    expect(groups[0].overall).toBeCloseTo((0.1 * Math.sqrt(0.72) + 0.5 * Math.sqrt(0.42)) / 2, 12);
  });

  it('exits with 2 and names a missing file', async () => {
    const { code, err } = await run('measure', 'misalignment', 'worlds/absent.population.json');
    expect(code).toBe(2);
    expect(err).toBe('alignsim: worlds/absent.population.json: cannot read the population file (ENOENT)\n');
  });
});
