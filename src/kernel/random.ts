import seedrandom from 'seedrandom';

/**
 * One seeded stream of random numbers (seedrandom's alea). Streams are independent: each is
 * seeded by the run's seed and the stream's name, so drawing more from one (say a policy's)
 * never shifts another (say the environment's decision problems).
 */
export class RandomStream {
  private readonly prng: seedrandom.PRNG;
  private spareNormal: number | null = null;

  constructor(seed: number, readonly name: string) {
    this.prng = seedrandom.alea(`alignsim:${seed}:${name}`);
  }

  /** Uniform on [0, 1). */
  next(): number {
    return this.prng();
  }

  uniform(low: number, high: number): number {
    return low + (high - low) * this.prng();
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.prng() * n);
  }

  bernoulli(p: number): boolean {
    return this.prng() < p;
  }

  /** Standard normal by the polar Box–Muller method, scaled. */
  normal(mean = 0, sd = 1): number {
    if (this.spareNormal !== null) {
      const z = this.spareNormal;
      this.spareNormal = null;
      return mean + sd * z;
    }
    let u: number;
    let v: number;
    let s: number;
    do {
      u = 2 * this.prng() - 1;
      v = 2 * this.prng() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const factor = Math.sqrt((-2 * Math.log(s)) / s);
    this.spareNormal = v * factor;
    return mean + sd * u * factor;
  }

  /** Index drawn with probability proportional to the given non-negative weights. */
  weighted(weights: ArrayLike<number>): number {
    let total = 0;
    for (let i = 0; i < weights.length; i++) total += weights[i];
    if (!(total > 0)) return this.int(weights.length);
    let x = this.prng() * total;
    for (let i = 0; i < weights.length; i++) {
      x -= weights[i];
      if (x < 0) return i;
    }
    return weights.length - 1;
  }
}

/** The named streams of one run. */
export class RandomStreams {
  private readonly streams = new Map<string, RandomStream>();

  constructor(readonly seed: number) {}

  stream(name: string): RandomStream {
    let s = this.streams.get(name);
    if (!s) {
      s = new RandomStream(this.seed, name);
      this.streams.set(name, s);
    }
    return s;
  }
}
