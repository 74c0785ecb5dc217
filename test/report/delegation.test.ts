import { describe, expect, it } from 'vitest';
import { stepsToDetect } from '../../src/report/delegation.ts';

const shares = (values: number[]): [number, number][] => values.map((v, i) => [i + 1, v]);

describe('stepsToDetect', () => {
  it('counts steps from the shift to the first step after which the share stays below half its pre-shift mean', () => {
    // Shift at t = 4; pre-shift mean 0.6, so "detected" is below 0.3 for good, from t = 7 (a dip at t = 5 recovers).
    expect(stepsToDetect(shares([0.6, 0.6, 0.6, 0.6, 0.2, 0.4, 0.2, 0.1, 0.0]), 4)).toBe(3);
  });

  it('averages the pre-shift level over the window before the shift only', () => {
    // Over the last 2 steps the level is 0.2, so 0.15 is not below half of it; over all 4 it is 0.5.
    expect(stepsToDetect(shares([0.8, 0.8, 0.2, 0.2, 0.15, 0.15]), 5, 2)).toBeNull();
    expect(stepsToDetect(shares([0.8, 0.8, 0.2, 0.2, 0.15, 0.15]), 5, 4)).toBe(0);
  });

  it('is null when the agent was never delegated to before the shift or is still used at the end', () => {
    expect(stepsToDetect(shares([0, 0, 0, 0, 0]), 3)).toBeNull();
    expect(stepsToDetect(shares([0.5, 0.5, 0.1, 0.1, 0.4]), 3)).toBeNull();
  });
});
