/** Running pull counts and reward sums per arm, optionally one set per problem context. */
export class ArmStatistics {
  readonly pulls: Float64Array;
  readonly sums: Float64Array;

  constructor(readonly arms: number, contexts = 1) {
    this.pulls = new Float64Array(arms * contexts);
    this.sums = new Float64Array(arms * contexts);
  }

  add(arm: number, reward: number, context = 0): void {
    const i = context * this.arms + arm;
    this.pulls[i] += 1;
    this.sums[i] += reward;
  }

  count(arm: number, context = 0): number {
    return this.pulls[context * this.arms + arm];
  }

  mean(arm: number, context = 0): number {
    const n = this.count(arm, context);
    return n === 0 ? 0 : this.sums[context * this.arms + arm] / n;
  }

  total(context = 0): number {
    let n = 0;
    for (let a = 0; a < this.arms; a++) n += this.count(a, context);
    return n;
  }
}

/** Index of the largest score among available arms; ties go to the lowest index. */
export function argmaxAvailable(scores: ArrayLike<number>, available: readonly boolean[]): number {
  let best = -1;
  for (let a = 0; a < scores.length; a++) {
    if (available[a] && (best < 0 || scores[a] > scores[best])) best = a;
  }
  return best < 0 ? 0 : best;
}
