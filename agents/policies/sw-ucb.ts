import type { PolicyDescription } from '../policy.ts';
import { indexChoice, perContext } from './learner.ts';

/** Garivier and Moulines' exploration constant ξ (> 1/2; 0.6 in their experiments). */
export const XI = 0.6;

/**
 * Sliding-window UCB (Garivier, Moulines 2011): means and counts over the last τ pulls only, index
 * X̄_t(τ, i) + sqrt(ξ ln min(t, τ) / N_t(τ, i)) for rewards in [0, 1]; arms absent from the window first.
 * SCIENCE.md §5.
 */
export const swUcb: PolicyDescription = {
  name: 'sw-ucb',
  summary: 'sliding-window UCB: UCB over the last `window` pulls only (Garivier & Moulines 2011)',
  create: ({ arms, contexts, window }) =>
    perContext('sw-ucb', contexts, () => {
      const pastArms = new Int32Array(window);
      const pastRewards = new Float64Array(window);
      const counts = new Float64Array(arms);
      const sums = new Float64Array(arms);
      let pulls = 0;
      return {
        choose: ({ available }, outstanding) => {
          const logT = Math.log(Math.min(pulls, window));
          const index = new Float64Array(arms);
          for (let a = 0; a < arms; a++) {
            index[a] = counts[a] === 0 ? Infinity : sums[a] / counts[a] + Math.sqrt((XI * logT) / counts[a]);
          }
          return indexChoice(index, available, outstanding);
        },
        update: (arm, reward) => {
          const slot = pulls % window;
          if (pulls >= window) {
            counts[pastArms[slot]] -= 1;
            sums[pastArms[slot]] -= pastRewards[slot];
          }
          pastArms[slot] = arm;
          pastRewards[slot] = reward;
          counts[arm] += 1;
          sums[arm] += reward;
          pulls += 1;
        },
      };
    }),
};
