import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PER_PRINCIPAL_LIMIT, RegretLedger, ucb1BoundInRewardUnits } from '../../src/kernel/regret-ledger.ts';
import { RandomStream } from '../../src/kernel/random.ts';
import { dynamicRegret, staticRegret, ucb1RegretBound } from '../../src/measures/regret.ts';

/** A metric sink that keeps the last value of each series and the names written per step. */
function sink() {
  const values = new Map<string, number>();
  return { values, metric: (name: string, value: number) => void values.set(name, value) };
}

describe('RegretLedger (SCIENCE.md §5)', () => {
  it('adds up realised, pseudo- and dynamic regret of a hand-worked run', () => {
    // Arm 0 best for two steps, arm 1 for three; the policy plays 0, 0, 0, 1, 1 (as in test/measures/regret).
    const means = [[0.9, 0.1], [0.9, 0.1], [0.1, 0.9], [0.1, 0.9], [0.1, 0.9]];
    const arms = [0, 0, 0, 1, 1];
    const rewards = [1, 0, 0, 1, 1];
    const ledger = new RegretLedger(1, 2, () => 'p1');
    const out = sink();
    const perStep: Record<string, number[]> = { 'regret/step': [], 'regret/pseudo/step': [], 'regret/dynamic/step': [] };
    means.forEach((m, t) => {
      expect(ledger.add(0, arms[t], m, rewards[t])).toBe(Math.max(...m));
      ledger.flush(out);
      for (const name of Object.keys(perStep)) perStep[name].push(out.values.get(name)!);
    });
    // Per step, by hand: realised best − reward; dynamic best − chosen mean; pseudo the change of
    // (best arm total − chosen total): after steps 1–5 it is 0, 0, 0, 2.0 − 2.8 = −0.8, 2.9 − 3.7 = −0.8.
    const close = (xs: number[]) => xs.map((x) => Math.round(x * 1e12) / 1e12);
    expect(close(perStep['regret/step'])).toEqual([-0.1, 0.9, 0.9, -0.1, -0.1]);
    expect(close(perStep['regret/dynamic/step'])).toEqual([0, 0, 0.8, 0, 0]);
    expect(close(perStep['regret/pseudo/step'])).toEqual([0, 0, 0, -0.8, 0]);
    // realised: Σ (best − reward) = −0.1 + 0.9 + 0.9 − 0.1 − 0.1 = 1.5; dynamic: 0 + 0 + 0.8 + 0 + 0 = 0.8;
    // pseudo: best fixed arm (1: 2.9) − played (3.7) = −0.8.
    expect(out.values.get('regret/cumulative')).toBeCloseTo(1.5, 12);
    expect(out.values.get('regret/dynamic/cumulative')).toBeCloseTo(0.8, 12);
    expect(out.values.get('regret/pseudo/cumulative')).toBeCloseTo(-0.8, 12);
    expect(out.values.get('regret/step')).toBeCloseTo(-0.1, 12);
    expect(out.values.get('regret/dynamic/cumulative/p1')).toBeCloseTo(0.8, 12);
  });

  it('measures against available arms only: a revoked arm is neither the step best nor the best in hindsight', () => {
    // Arm 2 is best but revoked from step 2 on; the policy plays arm 1, the best of what is left.
    const means = [[0.2, 0.5, 0.9], [0.2, 0.5, 0.9], [0.2, 0.5, 0.9]];
    const available = [[true, true, true], [true, true, false], [true, true, false]];
    const ledger = new RegretLedger(1, 3, () => 'p1');
    const out = sink();
    const bests = means.map((m, t) => {
      const best = ledger.add(0, 1, m, 0.5, available[t]);
      ledger.flush(out);
      return best;
    });
    expect(bests).toEqual([0.9, 0.5, 0.5]);
    // dynamic: 0.4 + 0 + 0; pseudo: arm 2 no longer counts, best fixed arm is arm 1 (1.5) − played (1.5) = 0.
    expect(out.values.get('regret/dynamic/cumulative')).toBeCloseTo(0.4, 12);
    expect(out.values.get('regret/pseudo/cumulative')).toBeCloseTo(0, 12);
  });

  it('never counts a revoked arm as best in hindsight, even one that was ahead when revoked', () => {
    // Arm 2 (mean 0.9) is played at steps 1–2, then revoked; arm 1 (0.5) is played at step 3.
    // By hand: the arms never revoked total 0.6 (arm 0) and 1.5 (arm 1); the policy's means total
    // 0.9 + 0.9 + 0.5 = 2.3; pseudo = 1.5 − 2.3 = −0.8. (Arm 2's partial total, 1.8, must not count:
    // it would give −0.5.) Dynamic: 0 + 0 + 0 = 0 (each step's choice was the best available).
    const means = [0.2, 0.5, 0.9];
    const available = [[true, true, true], [true, true, true], [true, true, false]];
    const ledger = new RegretLedger(1, 3, () => 'p1');
    const out = sink();
    [2, 2, 1].forEach((arm, t) => {
      ledger.add(0, arm, means, means[arm], available[t]);
      ledger.flush(out);
    });
    expect(out.values.get('regret/pseudo/cumulative')).toBeCloseTo(-0.8, 12);
    expect(out.values.get('regret/pseudo/cumulative/p1')).toBeCloseTo(-0.8, 12);
    expect(out.values.get('regret/dynamic/cumulative')).toBeCloseTo(0, 12);
  });

  it('writes each principal its own realised regret, best mean minus the reward it received', () => {
    // By hand. p1: best 0.9, reward 1 → −0.1 (its chosen arm's mean, 0.1, would give 0.8).
    // p2: best 0.6, reward 0 → 0.6 (chosen mean 0.6 would give 0). Total 0.5.
    const ledger = new RegretLedger(2, 2, (i) => `p${i + 1}`);
    const out = sink();
    ledger.add(0, 1, [0.9, 0.1], 1);
    ledger.add(1, 1, [0.3, 0.6], 0);
    ledger.flush(out);
    expect(out.values.get('regret/cumulative/p1')).toBeCloseTo(-0.1, 12);
    expect(out.values.get('regret/cumulative/p2')).toBeCloseTo(0.6, 12);
    expect(out.values.get('regret/dynamic/cumulative/p1')).toBeCloseTo(0.8, 12);
    expect(out.values.get('regret/dynamic/cumulative/p2')).toBeCloseTo(0, 12);
    expect(out.values.get('regret/cumulative')).toBeCloseTo(0.5, 12);
  });

  it('matches staticRegret and dynamicRegret, pseudo ≤ dynamic, and per-step series sum to the totals (property)', () => {
    const run = fc.array(fc.tuple(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 3, maxLength: 3 }), fc.nat(2), fc.double({ min: 0, max: 1, noNaN: true })), { minLength: 1, maxLength: 40 });
    fc.assert(
      fc.property(run, (steps) => {
        const ledger = new RegretLedger(1, 3, () => 'p1');
        const out = sink();
        let stepSums = { realised: 0, pseudo: 0, dynamic: 0 };
        for (const [means, arm, reward] of steps) {
          ledger.add(0, arm, means, reward);
          const s = ledger.flush(out);
          stepSums = { realised: stepSums.realised + s.realised, pseudo: stepSums.pseudo + s.pseudo, dynamic: stepSums.dynamic + s.dynamic };
        }
        const meansByStep = steps.map(([m]) => m);
        const arms = steps.map(([, a]) => a);
        const pseudo = out.values.get('regret/pseudo/cumulative')!;
        const dynamic = out.values.get('regret/dynamic/cumulative')!;
        const realised = out.values.get('regret/cumulative')!;
        expect(pseudo).toBeCloseTo(staticRegret(meansByStep, arms), 9);
        expect(dynamic).toBeCloseTo(dynamicRegret(meansByStep, arms), 9);
        expect(pseudo).toBeLessThanOrEqual(dynamic + 1e-9);
        // realised − dynamic = Σ (μ_chosen − r)
        const noise = steps.reduce((s, [m, a, r]) => s + m[a] - r, 0);
        expect(realised - dynamic).toBeCloseTo(noise, 9);
        expect(stepSums.realised).toBeCloseTo(realised, 9);
        expect(stepSums.pseudo).toBeCloseTo(pseudo, 9);
        expect(stepSums.dynamic).toBeCloseTo(dynamic, 9);
      }),
    );
  });

  it('gives pseudo = dynamic when one arm is best at every step', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.double({ min: 0, max: 0.5, noNaN: true }), fc.double({ min: 0, max: 0.5, noNaN: true }), fc.nat(2)), { minLength: 1, maxLength: 30 }), (steps) => {
        const ledger = new RegretLedger(1, 3, () => 'p1');
        const out = sink();
        for (const [a, b, arm] of steps) {
          ledger.add(0, arm, [0.9, a, b], 0);
          ledger.flush(out);
        }
        expect(out.values.get('regret/pseudo/cumulative')).toBeCloseTo(out.values.get('regret/dynamic/cumulative')!, 9);
      }),
    );
  });

  it('realised minus dynamic regret has mean zero: Bernoulli rewards, 20,000 decisions', () => {
    const rng = new RandomStream(7, 'ledger-test');
    const ledger = new RegretLedger(1, 2, () => 'p1');
    const out = sink();
    const means = [0.3, 0.7];
    const n = 20_000;
    for (let t = 0; t < n; t++) {
      const arm = rng.int(2);
      ledger.add(0, arm, means, rng.bernoulli(means[arm]) ? 1 : 0);
      ledger.flush(out);
    }
    const gap = (out.values.get('regret/cumulative')! - out.values.get('regret/dynamic/cumulative')!) / n;
    // The per-decision noise has sd ≤ 0.5, so the mean of 20,000 has sd ≤ 0.0036: 4 sd.
    expect(Math.abs(gap)).toBeLessThan(0.0143);
    expect(out.values.get('regret/dynamic/cumulative')! / n).toBeCloseTo(0.2, 1);
  });

  it('writes per-principal series only up to PER_PRINCIPAL_LIMIT principals, and sums principals in the totals', () => {
    const small = new RegretLedger(PER_PRINCIPAL_LIMIT, 2, (i) => `p${i + 1}`);
    const large = new RegretLedger(PER_PRINCIPAL_LIMIT + 1, 2, (i) => `p${i + 1}`);
    const [a, b] = [sink(), sink()];
    for (let i = 0; i <= PER_PRINCIPAL_LIMIT; i++) {
      if (i < PER_PRINCIPAL_LIMIT) small.add(i, 0, [0.5, 1], 0.5);
      large.add(i, 0, [0.5, 1], 0.5);
    }
    small.flush(a);
    large.flush(b);
    expect(a.values.size).toBe(6 + 3 * PER_PRINCIPAL_LIMIT);
    expect(a.values.get(`regret/pseudo/cumulative/p${PER_PRINCIPAL_LIMIT}`)).toBe(0.5);
    expect(b.values.size).toBe(6);
    expect(b.values.get('regret/dynamic/cumulative')).toBeCloseTo(0.5 * (PER_PRINCIPAL_LIMIT + 1), 12);
  });

  it('scales the Auer bound to reward units: gaps divide by the range, the regret multiplies by it', () => {
    expect(ucb1BoundInRewardUnits([0.2, 0.5, 0.9], 1, 1000)).toBe(ucb1RegretBound([0.2, 0.5, 0.9], 1000));
    expect(ucb1BoundInRewardUnits([2, 5, 9], 10, 1000, 3)).toBeCloseTo(30 * ucb1RegretBound([0.2, 0.5, 0.9], 1000), 9);
  });
});
