// Approximate models with D_KL(P ‖ P̂) ≤ κ: SCIENCE.md §4 (Berdoz & Wattenhofer, arXiv 2412.00033, model-error assumption).
import { describe, expect, it } from 'vitest';
import seedrandom from 'seedrandom';
import { klDivergence, modelError, perturbModel } from '../../../agents/planning/approximate-model.ts';
import { validateTabular } from '../../../agents/planning/mdp.ts';
import { governanceModel } from '../../../agents/planning/governance-model.ts';
import { commons } from './small-mdps.ts';

const rng = (seed: string) => { const prng = seedrandom.alea(seed); return { next: () => prng() }; };

describe('klDivergence', () => {
  it('matches hand values and is infinite off the model support', () => {
    expect(klDivergence([0.5, 0.5], [0.5, 0.5])).toBe(0);
    expect(klDivergence([1, 0], [0.5, 0.5])).toBeCloseTo(Math.log(2), 12);
    expect(klDivergence([0.5, 0.5], [0.25, 0.75])).toBeCloseTo(0.5 * Math.log(2) + 0.5 * Math.log(2 / 3), 12);
    expect(klDivergence([0.5, 0.5], [1, 0])).toBe(Infinity);
  });
});

describe('perturbModel', () => {
  it('stays within the KL bound, nearly attains it, and keeps a valid MDP with the same utilities', () => {
    for (const [name, truth] of [['commons', commons], ['economy', governanceModel()]] as const) {
      for (const kappa of [1e-4, 1e-2, 0.3]) {
        const model = perturbModel(truth, kappa, rng(`${name}:${kappa}`));
        validateTabular(model);
        expect(model.utilities).toBe(truth.utilities);
        const error = modelError(truth, model);
        expect(error).toBeLessThanOrEqual(kappa);
        expect(error).toBeGreaterThan(kappa * 0.99);
      }
    }
  });

  it('changes nothing with κ = 0 and rejects a negative bound', () => {
    expect(modelError(commons, perturbModel(commons, 0, rng('zero')))).toBe(0);
    expect(() => perturbModel(commons, -1, rng('neg'))).toThrow(RangeError);
  });
});
