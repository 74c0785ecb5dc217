import { z } from 'zod';
import { noisyExpert } from '../agents/examples/herrmann-examples.ts';
import { defineScoringWorld, SCORE_METRICS } from './herrmann/scoring-world.ts';

/**
 * Herrmann et al. §4.1, the noisy expert (SCIENCE.md §3): Alice opens the box always (E_π = 2 ≥ 0); Bob
 * peeks with noise and opens as our reading of the example has it (see `noisyExpert`). Step 1 records
 * both scores under `convention` and the paper's printed numbers (`printed/delegate…`: L = 21/12,
 * G = 32/12, S = −11/12). Our reading gives L = 21/12 exactly, and G = 43/12, S = −22/12 counting every
 * correct decision (`correct`), or G = 33/12, S = −1 counting accepted winners only (`accepted`): two
 * candidate corrections, not an erratum. Do not delegate under all three. Then Alice learns it.
 */
export default defineScoringWorld({
  name: 'noisy-expert',
  description: 'Herrmann §4.1: a noisy expert scored against the principal, then learned online by a bandit',
  shape: {
    convention: z.enum(['correct', 'accepted']).default(noisyExpert.convention).describe('which correct decisions score a gain'),
  },
  defaultSteps: 500,
  summaryMetrics: [...SCORE_METRICS, 'printed/delegate/gain', 'printed/delegate', 'learning/steps-to-90'],
  setup: ({ convention }) => ({ ...noisyExpert, convention, printed: { delegate: noisyExpert.stated.bob } }),
});
