import { z } from 'zod';
import { aliceAndBobWithVariance } from '../agents/examples/herrmann-examples.ts';
import { defineScoringWorld, SCORE_METRICS } from './herrmann/scoring-world.ts';

/**
 * Herrmann et al. §4.3, reach (SCIENCE.md §3): Alice can open boxes A1–A3, Bob all of A1–A5, and both
 * open a box iff its expected value is ≥ 0. Step 1 records Alice's S = −1/9 ≈ −0.11 and Bob's
 * S = −47/30 ≈ −1.57 (`accepted` convention), and Bob's score on Alice's boxes only, −1/9: the gain is
 * reach alone. Then Alice learns to delegate online (§5.1). `variance` scales every box's outcome variance
 * and keeps its mean (`boxesWithVariance`), so the expected payoffs (2/3 for Alice, 1.9 for Bob) stay
 * and only the noise of the bandit's rewards changes; `learning/steps-to-90` says when UCB has learnt.
 */
export default defineScoringWorld({
  name: 'reach',
  description: 'Herrmann §4.3: Bob reaches boxes A4, A5 that Alice cannot; scored, then learned online by a bandit',
  shape: {
    variance: z.number().min(0).max(100).default(1).describe("the boxes' outcome variance, as a multiple of the paper's (means kept)"),
  },
  defaultSteps: 500,
  summaryMetrics: [...SCORE_METRICS, 'score/delegate/without-reach', 'learning/steps-to-90'],
  setup: ({ variance }) => {
    const example = aliceAndBobWithVariance(variance);
    return {
      ...example,
      compare: { 'delegate/without-reach': { problems: example.self.problems, rule: example.delegate.rule } },
    };
  },
});
