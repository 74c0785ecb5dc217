import type { PolicyDescription } from '../policy.ts';
import { argmaxAvailable } from './arm-statistics.ts';

/** The oracle: the available arm with the best expected reward on this problem (`ctx.oracleMeans`); the zero-regret reference. */
export const oracle: PolicyDescription = {
  name: 'oracle',
  summary: 'knows every arm\'s expected reward (oracleMeans) and picks the best available arm; zero pseudo-regret',
  create: () => ({
    name: 'oracle',
    choose: ({ available, oracleMeans }) => {
      if (!oracleMeans) throw new Error('oracle: the world supplies no oracleMeans for this decision');
      const arm = argmaxAvailable(oracleMeans, available);
      return { arm, detail: { mean: oracleMeans[arm] } };
    },
    update: () => {},
  }),
};
