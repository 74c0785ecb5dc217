import { z } from 'zod';
import { misalignedExpert } from '../agents/examples/herrmann-examples.ts';
import { uniformProblems } from '../src/measures/scoring.ts';
import { defineScoringWorld, SCORE_METRICS } from './herrmann/scoring-world.ts';

/**
 * Herrmann et al. §4.2, the misaligned (risk-averse) expert (SCIENCE.md §3): Alice never opens the box
 * (E_π = −12.5); Bob peeks, opens as Appendix B, Table 4 lists (his risk aversion keeps him away from
 * most −400 boxes) and charges `fee` when he opens, so delegating faces {ω − fee, 0}. At the paper's fee
 * of 50 step 1 records S(D_B) = −700/12 < S(D_π) = −150/12: delegate. Under the paper's `correct`
 * convention S(D_B) = Σ_rejected g − Σ_accepted g does not depend on the fee (it shifts the gamble Bob is
 * scored on too), while the expected payoff of delegating, (275 − 6·fee)/12, falls below Alice's 0 from
 * fee 275/6 ≈ 45.8: a sweep over `fee` finds where delegating stops paying, and over `convention` where
 * the criterion itself turns.
 */
export default defineScoringWorld({
  name: 'risk-averse-expert',
  description: 'Herrmann §4.2: a risk-averse expert who charges a fee; scored, then learned online by a bandit',
  shape: {
    fee: z.number().min(0).max(1000).default(misalignedExpert.fee).describe('what Bob charges when he opens the box'),
    convention: z.enum(['correct', 'accepted']).default(misalignedExpert.convention).describe('which correct decisions score a gain'),
  },
  defaultSteps: 500,
  summaryMetrics: SCORE_METRICS,
  setup: ({ fee, convention }) => {
    const { self, delegate } = misalignedExpert;
    const payoff = self.problems.gambles[0];
    return {
      convention,
      self,
      delegate: { problems: uniformProblems(self.problems.states, [payoff.map((x) => x - fee)]), rule: delegate.rule },
    };
  },
});
