import { misalignment, MisalignmentTracker } from '../src/measures/misalignment.ts';
import type { Population } from '../src/measures/misalignment.ts';
import { bruteForceMisalignment } from '../test/support/brute-force-misalignment.ts';

/** Uniform on [0, 1) from a 32-bit LCG (Numerical Recipes constants): enough for timings. */
function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

function randomPopulation(n: number, m: number, k: number, random: () => number): Population {
  const goals = Int32Array.from({ length: n * m }, () => Math.floor(random() * (k + 1)) - 1);
  const weights = Float64Array.from({ length: n * m }, random);
  const conflicts = Array.from({ length: m }, () => {
    const c = new Float64Array(k * k);
    for (let g = 0; g < k; g++) for (let h = g + 1; h < k; h++) c[g * k + h] = c[h * k + g] = random();
    return c;
  });
  return { n, m, goals, weights, conflicts };
}

/** Fastest of `runs` calls after a warm-up call, in ms: the least disturbed by other processes. */
function time(runs: number, f: () => void): number {
  f();
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    f();
    best = Math.min(best, performance.now() - start);
  }
  return best;
}

export async function bench(): Promise<Array<{ name: string; value: number; unit: string; target?: string }>> {
  const random = lcg(20250101);
  const [n, m, k] = [1_000_000, 8, 4];
  const pop = randomPopulation(n, m, k, random);
  const full = time(10, () => misalignment(pop));

  const tracker = new MisalignmentTracker(pop);
  const changed = n / 100;
  const step = time(10, () => {
    for (let i = 0; i < changed; i++) {
      const agent = Math.floor(random() * n);
      for (let j = 0; j < m; j++) {
        tracker.setGoal(agent, j, Math.floor(random() * (k + 1)) - 1);
        tracker.setWeight(agent, j, random());
      }
    }
    tracker.overall();
  });

  const small = randomPopulation(2000, m, k, random);
  const brute = time(3, () => bruteForceMisalignment(small, 'without-replacement'));
  const fast = time(5, () => {
    for (let i = 0; i < 100; i++) misalignment(small);
  }) / 100;

  return [
    { name: 'misalignment: full computation, 10⁶ agents × 8 areas × 4 goals', value: full, unit: 'ms', target: '≤ 50' },
    { name: 'misalignment: incremental step, 1% of 10⁶ agents change goal and weight in all 8 areas', value: step, unit: 'ms' },
    { name: 'misalignment: fast over brute force, 2,000 agents × 8 areas', value: brute / fast, unit: '×', target: '≥ 1000' },
  ];
}
