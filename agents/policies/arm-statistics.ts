/** Running pull counts and reward sums per arm. */
export class ArmStatistics {
  readonly pulls: Float64Array;
  readonly sums: Float64Array;

  constructor(readonly arms: number) {
    this.pulls = new Float64Array(arms);
    this.sums = new Float64Array(arms);
  }

  add(arm: number, reward: number): void {
    this.pulls[arm] += 1;
    this.sums[arm] += reward;
  }

  count(arm: number): number {
    return this.pulls[arm];
  }

  /** The mean reward of an arm pulled at least once. */
  mean(arm: number): number {
    return this.sums[arm] / this.pulls[arm];
  }

  total(): number {
    let n = 0;
    for (let a = 0; a < this.arms; a++) n += this.pulls[a];
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
