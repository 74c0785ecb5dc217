// Small social MDPs shared by the planning tests (SCIENCE.md §4).
import type { TabularSocialMdp } from '../../../agents/planning/mdp.ts';

/** A commons: conserving keeps it thriving, exploiting risks collapse (absorbing, welfare 0). Nash welfare. */
export const commons: TabularSocialMdp = {
  discount: 0.1,
  welfareExponent: 0,
  stateNames: ['thriving', 'strained', 'collapsed'],
  actionNames: ['conserve', 'exploit'],
  utilities: [[0.9, 0.8, 1.0], [0.5, 0.7, 0.3], [0, 0.2, 0.1]],
  transition: [
    [[0.8, 0.2, 0], [0.5, 0.3, 0.2]],
    [[0.5, 0.4, 0.1], [0.1, 0.3, 0.6]],
    [[0, 0, 1], [0, 0, 1]],
  ],
};

/** Two factions; compromise keeps balance, favouring one faction risks ruin. Utilitarian welfare. */
export const factions: TabularSocialMdp = {
  discount: 0.3,
  welfareExponent: 1,
  stateNames: ['balanced', 'favour-A', 'ruin'],
  actionNames: ['compromise', 'favour-A'],
  utilities: [[0.6, 0.6], [1.0, 0.3], [0, 0]],
  transition: [
    [[0.8, 0.2, 0], [0.1, 0.7, 0.2]],
    [[0.7, 0.3, 0], [0.1, 0.5, 0.4]],
    [[0, 0, 1], [0, 0, 1]],
  ],
};
