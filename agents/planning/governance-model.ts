/**
 * A small economy run by a government, as a tabular social MDP (SCIENCE.md §4): the test bed for
 * PAA planning and safety filters, independent of the kernel.
 *
 * State: the stock of a shared, destroyable resource (levels 1..maxStock, or collapsed) and the
 * budget regime in force. Output is y(L) = L / maxStock (doubled under strip-mining); each
 * faction's utility is its share of that output, so utilities lie in [0, 1.4].
 * The collapsed state is absorbing and gives every faction utility 0 (welfare 0 for every q).
 * Actions set the next regime:
 *   balanced      — output split evenly; the stock regrows (+1 w.p. 0.3, −1 w.p. 0.1, never below 1)
 *   pro-workers   — split tilted to workers; same dynamics
 *   pro-owners    — split tilted to owners; same dynamics
 *   strip-mine    — output doubled this step and mostly to owners; the stock falls by 2 (w.p. 0.8)
 *                   or 1: from a low stock it collapses — the destructive action.
 */

import type { TabularSocialMdp } from './mdp.ts';

export const FACTIONS = ['workers', 'owners', 'farmers'] as const;
export const REGIMES = ['balanced', 'pro-workers', 'pro-owners', 'strip-mine'] as const;
export const STRIP_MINE = 3;

/** Share of output per regime, per faction (workers, owners, farmers). */
const SHARES: readonly (readonly number[])[] = [
  [1 / 3, 1 / 3, 1 / 3],
  [0.5, 0.2, 0.3],
  [0.2, 0.5, 0.3],
  [0.15, 0.7, 0.15],
];
/** Output multiplier per regime (strip-mining doubles this step's output). */
const BOOST = [1, 1, 1, 2];

export interface GovernanceOptions {
  readonly maxStock?: number;
  readonly discount?: number;
  readonly welfareExponent?: number;
}

export interface GovernanceModel extends TabularSocialMdp {
  /** Index of the absorbing collapsed state. */
  readonly collapsed: number;
  /** Index of the state (stock, regime); a stock ≤ 0 is the collapsed state. */
  state(stock: number, regime: number): number;
  /** The resource stock in state s (0 when collapsed). */
  stock(s: number): number;
}

/** Builds the economy; states are (stock 1..maxStock) × regime, plus `collapsed` last. */
export function governanceModel(options: GovernanceOptions = {}): GovernanceModel {
  const maxStock = options.maxStock ?? 4;
  const regimes = REGIMES.length;
  const collapsed = maxStock * regimes;
  const n = collapsed + 1;
  const state = (stock: number, regime: number) => (stock <= 0 ? collapsed : (stock - 1) * regimes + regime);
  const stockOf = (s: number) => (s === collapsed ? 0 : Math.floor(s / regimes) + 1);

  const utilities = Array.from({ length: n }, (_, s) => {
    if (s === collapsed) return FACTIONS.map(() => 0);
    const regime = s % regimes;
    return SHARES[regime].map((share) => share * BOOST[regime] * (stockOf(s) / maxStock));
  });

  const transition = Array.from({ length: n }, (_, s) =>
    REGIMES.map((_, action) => {
      const p = new Array<number>(n).fill(0);
      if (s === collapsed) {
        p[collapsed] = 1;
        return p;
      }
      const stock = stockOf(s);
      const moves: [number, number][] = action === STRIP_MINE ? [[-2, 0.8], [-1, 0.2]] : [[1, 0.3], [0, 0.6], [-1, 0.1]];
      // A managed stock never falls below 1: only strip-mining can collapse it.
      const floor = action === STRIP_MINE ? 0 : 1;
      for (const [delta, prob] of moves) p[state(Math.max(floor, Math.min(maxStock, stock + delta)), action)] += prob;
      return p;
    }),
  );

  const stateNames = Array.from({ length: n }, (_, s) =>
    s === collapsed ? 'collapsed' : `stock ${stockOf(s)}, ${REGIMES[s % regimes]}`,
  );
  return {
    discount: options.discount ?? 0.5,
    welfareExponent: options.welfareExponent ?? 0,
    transition,
    utilities,
    stateNames,
    actionNames: REGIMES,
    collapsed,
    state,
    stock: stockOf,
  };
}
