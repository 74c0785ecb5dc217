import seedrandom from 'seedrandom';
import type { Random } from '../../agents/random.ts';

/**
 * A random source that returns the given draws in order, so a policy's random branch can be driven
 * and its outcome derived by hand; after them it continues from `then` if given, else taking another
 * draw throws. `used` counts the draws taken.
 */
export class ScriptedRandom implements Random {
  used = 0;

  constructor(
    private readonly draws: readonly number[],
    private readonly then?: Random,
  ) {
    for (const d of draws) if (!(d >= 0 && d < 1)) throw new Error(`scripted draw ${d} is outside [0, 1)`);
  }

  next(): number {
    const i = this.used++;
    if (i < this.draws.length) return this.draws[i];
    if (this.then) return this.then.next();
    throw new Error(`only ${this.draws.length} draws were scripted`);
  }
}

/** A seeded uniform stream (alea), for tests that need many draws replayed exactly. */
export function seeded(seed: string): Random {
  const prng = seedrandom.alea(seed);
  return { next: () => prng() };
}
