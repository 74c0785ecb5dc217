/**
 * A decider facing a binary gamble {g, 0}: accept and win `gain` if the hidden state is good or
 * lose `loss` if it is bad (prior 1/2 each), or reject and get 0. The decider sees a signal
 * that equals the true state with probability `accuracy`, and accepts when its expected payoff
 * plus its own `bias` (what it gains from accepting by its own goals) is positive. An aligned
 * decider has bias 0; a misaligned one accepts gambles its principal would refuse.
 */
export interface NoisyDecider {
  /** Probability in [0.5, 1] that the signal shows the true state. */
  readonly accuracy: number;
  /** Extra value the decider itself puts on accepting, in payoff units. */
  readonly bias: number;
}

/** Whether the decider accepts after seeing a signal that says good (true) or bad (false). */
export function accepts(decider: NoisyDecider, signalGood: boolean, gain: number, loss: number): boolean {
  const pGood = signalGood ? decider.accuracy : 1 - decider.accuracy;
  return pGood * gain - (1 - pGood) * loss + decider.bias > 0;
}

/** The principal's payoff when the decider acts, given the true state and whether its signal was right. */
export function realisedPayoff(decider: NoisyDecider, good: boolean, signalRight: boolean, gain: number, loss: number): number {
  const signalGood = signalRight ? good : !good;
  if (!accepts(decider, signalGood, gain, loss)) return 0;
  return good ? gain : -loss;
}

/** The principal's expected payoff when the decider acts (over the state and the signal). */
export function expectedPayoff(decider: NoisyDecider, gain: number, loss: number): number {
  const a = decider.accuracy;
  const acceptGoodSignal = accepts(decider, true, gain, loss) ? 1 : 0;
  const acceptBadSignal = accepts(decider, false, gain, loss) ? 1 : 0;
  const whenGood = gain * (a * acceptGoodSignal + (1 - a) * acceptBadSignal);
  const whenBad = -loss * (a * acceptBadSignal + (1 - a) * acceptGoodSignal);
  return 0.5 * (whenGood + whenBad);
}
