import { noisyExpert } from '../agents/examples/herrmann-examples.ts';
import { defineScoringWorld, SCORE_METRICS } from './herrmann/scoring-world.ts';

/**
 * Herrmann et al. §4.1, the noisy expert (SCIENCE.md §3): Alice opens the box always (E_π = 2 ≥ 0); Bob
 * peeks with noise and opens as Appendix A, Table 2 lists. Step 1 records both scores under the paper's
 * `correct` convention (Alice L = 20/12, G = 44/12, S = −2; Bob L = 21/12, G = 43/12, S = −22/12, the
 * paper's printed G = 32/12 being an erratum, see `noisyExpert`): do not delegate. Then Alice learns it.
 */
export default defineScoringWorld({
  name: 'noisy-expert',
  description: 'Herrmann §4.1: a noisy expert scored against the principal, then learned online by a bandit',
  shape: {},
  defaultSteps: 500,
  summaryMetrics: SCORE_METRICS,
  setup: () => noisyExpert,
});
