import { ucb1RegretBound } from '../measures/regret.ts';
import type { StepContext } from './world.ts';

/** Worlds with at most this many principals also get per-principal cumulative regret series. */
export const PER_PRINCIPAL_LIMIT = 20;

/** What the ledger writes to: a step's `ctx`. */
export type MetricSink = Pick<StepContext<unknown, unknown>, 'metric'>;

/** One step's regret, summed over principals. */
export interface StepRegret {
  readonly realised: number;
  readonly pseudo: number;
  readonly dynamic: number;
}

/**
 * Regret accounting for delegation runs (SCIENCE.md §5). Per decision the world reports the arms'
 * expected rewards μ_{t,a} on the principal's problem, the arm I_t chosen and the realised reward
 * r_t; per principal, over the run so far:
 * - realised: Σ_t (max_a μ_{t,a} − r_t), the `regret` column of `decisions` summed;
 * - dynamic: Σ_t (max_a μ_{t,a} − μ_{t,I_t}), against the best arm of each step (Garivier, Moulines 2011);
 * - pseudo: max_a Σ_t μ_{t,a} − Σ_t μ_{t,I_t}, against the best single arm in hindsight (`staticRegret`).
 * Pseudo ≤ dynamic always (a sum of maxima is at least the maximum of the sums), with equality when
 * one arm is best at every step; pseudo may be negative when a policy tracks a changing best arm.
 * Realised − dynamic = Σ_t (μ_{t,I_t} − r_t) has mean zero. Totals are sums over principals.
 *
 * Metrics written each step by `flush`: `regret/step`, `regret/dynamic/step`, `regret/pseudo/step`
 * (the change of the pseudo total, which can be negative when the arm best in hindsight changes) and
 * `regret/cumulative`, `regret/dynamic/cumulative`, `regret/pseudo/cumulative`; with at most
 * `PER_PRINCIPAL_LIMIT` principals also `regret/cumulative/<principal>` and the same under
 * `regret/dynamic/…` and `regret/pseudo/…`. No allocation per decision.
 */
export class RegretLedger {
  /** Σ_t μ_{t,a} per (principal, arm), principal-major. */
  private readonly armTotals: Float64Array;
  private readonly chosenTotals: Float64Array;
  private readonly realised: Float64Array;
  private readonly dynamic: Float64Array;
  private readonly names: { realised: string; pseudo: string; dynamic: string }[];
  private stepRealised = 0;
  private stepDynamic = 0;
  private totalRealised = 0;
  private totalDynamic = 0;
  private totalPseudo = 0;

  constructor(
    readonly principals: number,
    readonly arms: number,
    principalName: (i: number) => string,
  ) {
    this.armTotals = new Float64Array(principals * arms);
    this.chosenTotals = new Float64Array(principals);
    this.realised = new Float64Array(principals);
    this.dynamic = new Float64Array(principals);
    this.names =
      principals <= PER_PRINCIPAL_LIMIT
        ? Array.from({ length: principals }, (_, i) => ({
            realised: `regret/cumulative/${principalName(i)}`,
            pseudo: `regret/pseudo/cumulative/${principalName(i)}`,
            dynamic: `regret/dynamic/cumulative/${principalName(i)}`,
          }))
        : [];
  }

  /**
   * Records one decision of principal i: `means` holds every arm's expected reward on its problem this
   * step (entries 0..arms-1 are read), `available` which arms it could choose (all by default).
   * Returns the best available mean, the decision's `bestReward`. An arm unavailable at some step (a
   * revoked assistant) can no longer be the best fixed arm in hindsight.
   */
  add(i: number, arm: number, means: ArrayLike<number>, reward: number, available?: readonly boolean[]): number {
    const row = i * this.arms;
    let best = -Infinity;
    for (let a = 0; a < this.arms; a++) {
      const m = means[a];
      if (available && !available[a]) {
        this.armTotals[row + a] = -Infinity;
        continue;
      }
      this.armTotals[row + a] += m;
      if (m > best) best = m;
    }
    const chosen = means[arm];
    this.chosenTotals[i] += chosen;
    this.realised[i] += best - reward;
    this.dynamic[i] += best - chosen;
    this.stepRealised += best - reward;
    this.stepDynamic += best - chosen;
    return best;
  }

  /** Pseudo-regret of principal i so far: its best fixed arm in hindsight against what it chose. */
  pseudoOf(i: number): number {
    const row = i * this.arms;
    let best = -Infinity;
    for (let a = 0; a < this.arms; a++) best = Math.max(best, this.armTotals[row + a]);
    return best - this.chosenTotals[i];
  }

  /** Writes this step's regret metrics, returns the step's totals and starts the next step. */
  flush(sink: MetricSink): StepRegret {
    let pseudo = 0;
    for (let i = 0; i < this.principals; i++) pseudo += this.pseudoOf(i);
    const step = { realised: this.stepRealised, pseudo: pseudo - this.totalPseudo, dynamic: this.stepDynamic };
    this.totalRealised += this.stepRealised;
    this.totalDynamic += this.stepDynamic;
    this.totalPseudo = pseudo;
    this.stepRealised = 0;
    this.stepDynamic = 0;
    sink.metric('regret/step', step.realised);
    sink.metric('regret/pseudo/step', step.pseudo);
    sink.metric('regret/dynamic/step', step.dynamic);
    sink.metric('regret/cumulative', this.totalRealised);
    sink.metric('regret/pseudo/cumulative', this.totalPseudo);
    sink.metric('regret/dynamic/cumulative', this.totalDynamic);
    this.names.forEach((names, i) => {
      sink.metric(names.realised, this.realised[i]);
      sink.metric(names.pseudo, this.pseudoOf(i));
      sink.metric(names.dynamic, this.dynamic[i]);
    });
    return step;
  }
}

/**
 * Auer et al.'s UCB1 bound (`ucb1RegretBound`) for stationary arms whose expected rewards `means` are in
 * reward units spanning `range` (the policy sees rewards rescaled to [0, 1]), after `pulls` pulls of
 * each of `principals` independent bandits, in reward units: comparable with `regret/pseudo/cumulative`.
 */
export function ucb1BoundInRewardUnits(means: readonly number[], range: number, pulls: number, principals = 1): number {
  return principals * range * ucb1RegretBound(means.map((m) => m / range), pulls);
}
