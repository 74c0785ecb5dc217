import fc from 'fast-check';
import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { RandomStreams } from '../../src/kernel/random.ts';

const draw = (streams: RandomStreams, name: string, n: number): number[] => Array.from({ length: n }, () => streams.stream(name).next());

describe('RandomStreams', () => {
  it('gives the same numbers for the same seed and name', () => {
    fc.assert(
      fc.property(fc.nat(), fc.string(), (seed, name) => {
        expect(draw(new RandomStreams(seed), name, 5)).toEqual(draw(new RandomStreams(seed), name, 5));
      }),
    );
  });

  it('keeps streams independent: drawing from one does not shift another', () => {
    const a = new RandomStreams(7);
    const b = new RandomStreams(7);
    draw(a, 'policy', 1000);
    expect(draw(a, 'problems', 10)).toEqual(draw(b, 'problems', 10));
  });

  it('gives different numbers for different seeds and different names', () => {
    expect(draw(new RandomStreams(1), 'x', 3)).not.toEqual(draw(new RandomStreams(2), 'x', 3));
    expect(draw(new RandomStreams(1), 'x', 3)).not.toEqual(draw(new RandomStreams(1), 'y', 3));
  });

  it('draws uniforms in [0, 1), integers in range and normals with mean 0 and sd 1', () => {
    const s = new RandomStreams(3).stream('test');
    const n = 200_000;
    let sum = 0;
    let sumSq = 0;
    let outOfRange = 0;
    const intCounts = [0, 0, 0, 0, 0];
    for (let i = 0; i < n; i++) {
      const u = s.next();
      if (!(u >= 0 && u < 1)) outOfRange++;
      intCounts[s.int(5)]++;
      const z = s.normal();
      sum += z;
      sumSq += z * z;
    }
    expect(outOfRange).toBe(0);
    // Every draw of int(5) landed in 0..4, each about n/5 times (sd √(n·0.16) ≈ 179; allow 5 sd).
    expect(intCounts.reduce((a, b) => a + b, 0)).toBe(n);
    for (const c of intCounts) expect(Math.abs(c - n / 5)).toBeLessThan(900);
    // Standard errors: mean 1/sqrt(n) ≈ 0.0022, variance sqrt(2/n) ≈ 0.0032; allow 5 of them.
    expect(Math.abs(sum / n)).toBeLessThan(0.011);
    expect(Math.abs(sumSq / n - 1)).toBeLessThan(0.016);
  });

  it('draws indices in proportion to their weights', () => {
    const s = new RandomStreams(4).stream('weighted');
    const counts = [0, 0, 0];
    const n = 100_000;
    for (let i = 0; i < n; i++) counts[s.weighted([1, 0, 3])]++;
    expect(counts[1]).toBe(0);
    expect(counts[2] / n).toBeCloseTo(0.75, 2);
  });
});

describe('RandomStream against a reference built on the same uniform source', () => {
  // Each stream is seedrandom's alea seeded with `alignsim:<seed>:<name>` (src/kernel/random.ts);
  // the references below restate each method from its textbook definition on those uniforms.
  const uniforms = (name: string) => {
    const prng = seedrandom.alea(`alignsim:11:${name}`);
    return () => prng();
  };
  const stream = (name: string) => new RandomStreams(11).stream(name);

  it('hands out one stream per name, which goes on where it left off', () => {
    const streams = new RandomStreams(11);
    const u = uniforms('kept');
    expect(draw(streams, 'kept', 5)).toEqual(Array.from({ length: 5 }, () => u()));
  });

  it('int, uniform and bernoulli are floor(n·u), low + (high − low)·u and u < p', () => {
    const [s, u] = [stream('basic'), uniforms('basic')];
    for (let i = 0; i < 1000; i++) {
      expect(s.int(7)).toBe(Math.floor(7 * u()));
      const low = -3 + (i % 5);
      expect(s.uniform(low, low + 2.5)).toBe(low + 2.5 * u());
      const p = (i % 10) / 9;
      expect(s.bernoulli(p)).toBe(u() < p);
    }
  });

  it('normal(mean, sd) is the polar Box–Muller pair, scaled, the second value of each pair kept for the next call', () => {
    const [s, u] = [stream('normal'), uniforms('normal')];
    for (let i = 0; i < 500; i++) {
      let a: number;
      let b: number;
      let r: number;
      do {
        a = 2 * u() - 1;
        b = 2 * u() - 1;
        r = a * a + b * b;
      } while (r >= 1 || r === 0);
      const f = Math.sqrt((-2 * Math.log(r)) / r);
      const [mean, sd] = [i % 3, 1 + (i % 4)];
      expect(s.normal(mean, sd)).toBeCloseTo(mean + sd * a * f, 12);
      expect(s.normal(-mean, sd / 2)).toBeCloseTo(-mean + (sd / 2) * b * f, 12);
    }
  });

  it('weighted is the inverse CDF of the weights, and uniform over the indices when they sum to zero', () => {
    const [s, u] = [stream('weighted'), uniforms('weighted')];
    const weights = [1, 0, 3, 2];
    const cumulative = [1, 1, 4, 6];
    for (let i = 0; i < 1000; i++) {
      const x = 6 * u();
      expect(s.weighted(weights)).toBe(cumulative.findIndex((c) => x < c));
      expect(s.weighted([0, 0, 0])).toBe(Math.floor(3 * u()));
    }
  });
});
