import fc from 'fast-check';
import { maxOf, minOf } from '../../src/measures/standardise.ts';
import type { StandardisationOptions } from '../../src/measures/standardise.ts';

export const value = fc.double({ min: -100, max: 100, noNaN: true });

/** Utilities over 2–10 outcomes with a range above 0.1, so float cancellation stays far below 1e-9. */
export const nonConstant = fc
  .array(value, { minLength: 2, maxLength: 10 })
  .filter((u) => maxOf(u) - minOf(u) > 0.1);

/** Both shifts with assorted p-norms. */
export const standardisations: fc.Arbitrary<StandardisationOptions> = fc.record({
  shift: fc.constantFrom('mean' as const, 'midrange' as const),
  norm: fc.constantFrom(1, 1.5, 2, 3, Infinity),
});
