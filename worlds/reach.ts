import { aliceAndBob } from '../agents/examples/herrmann-examples.ts';
import { defineScoringWorld, SCORE_METRICS } from './herrmann/scoring-world.ts';

/**
 * Herrmann et al. §4.3, reach (SCIENCE.md §3): Alice can open boxes A1–A3, Bob all of A1–A5, and both
 * open a box iff its expected value is ≥ 0. Step 1 records Alice's S = −1/9 ≈ −0.11 and Bob's
 * S = −47/30 ≈ −1.57 (`accepted` convention), and Bob's score on Alice's boxes only, −1/9: the gain is
 * reach alone. Then Alice learns to delegate online (§5.1).
 */
export default defineScoringWorld({
  name: 'reach',
  description: 'Herrmann §4.3: Bob reaches boxes A4, A5 that Alice cannot; scored, then learned online by a bandit',
  shape: {},
  defaultSteps: 500,
  summaryMetrics: [...SCORE_METRICS, 'score/delegate/without-reach'],
  setup: () => ({
    ...aliceAndBob,
    compare: { 'delegate/without-reach': { problems: aliceAndBob.self.problems, rule: aliceAndBob.delegate.rule } },
  }),
});
