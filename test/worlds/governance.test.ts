// The governance world: PAA planning, greedy, misaligned and safety-filtered governors
// (SCIENCE.md §4, Berdoz & Wattenhofer; population misalignment SCIENCE.md §1).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REGIMES, governanceModel } from '../../agents/planning/governance-model.ts';
import { valueIteration } from '../../agents/planning/value-iteration.ts';
import { InputError } from '../../src/kernel/errors.ts';
import { validateParams } from '../../src/kernel/params.ts';
import { simulate } from '../../src/kernel/simulate.ts';
import type { StepRecord } from '../../src/kernel/world.ts';
import world, { HAND_MARGIN } from '../../worlds/governance.ts';
import { cli, tempDir } from '../support/cli.ts';

const SEEDS = Array.from({ length: 20 }, (_, i) => i + 1);

function run(params: Record<string, unknown>, seed: number, steps: number): StepRecord[] {
  return [...simulate(world, validateParams(world, params), { seed, steps, snapshotEvery: 0 })];
}

function series(records: readonly StepRecord[], name: string): number[] {
  return records.map((r) => {
    const row = r.metrics.find((m) => m.name === name);
    if (!row) throw new Error(`step ${r.t} has no metric ${name}`);
    return row.value;
  });
}

interface Detail {
  state: string;
  action: string;
  preferred: string;
  scores: number[];
  allowed: string[];
}
const details = (records: readonly StepRecord[]): Detail[] => records.map((r) => JSON.parse(r.decisions[0].detailJson) as Detail);

describe('governance world: destructive and safe governors', () => {
  it('the owner-maximising black box collapses the economy on every seed, within maxStock steps', () => {
    for (const seed of SEEDS) {
      const records = run({ policy: 'black-box' }, seed, 4);
      expect(series(records, 'destructive').at(-1)).toBe(1);
      expect(series(records, 'destructive/action')).toContain(1);
      expect(records.some((r) => r.events.some((e) => e.type === 'collapse'))).toBe(true);
      expect(series(records, 'welfare/social').at(-1)).toBe(0);
    }
  });

  it('behind the safety filter it never plays a destructive action nor collapses the economy (20 seeds × 20 steps)', () => {
    let interventions = 0;
    for (const seed of SEEDS) {
      const records = run({ policy: 'safe-black-box' }, seed, 20);
      expect(series(records, 'destructive').every((x) => x === 0)).toBe(true);
      expect(series(records, 'destructive/action').every((x) => x === 0)).toBe(true);
      expect(Math.min(...series(records, 'welfare/social'))).toBeGreaterThan(0);
      for (const r of records) {
        for (const e of r.events.filter((x) => x.type === 'safety-filter')) {
          interventions++;
          expect(JSON.parse(e.payloadJson).removed).toContain('strip-mine');
        }
      }
    }
    expect(interventions).toBeGreaterThan(SEEDS.length);
    // The black box still gets its way where strip-mining is not destructive (from a full stock).
    expect(details(run({ policy: 'safe-black-box' }, 1, 1))[0]).toMatchObject({ state: 'stock 4, balanced', action: 'strip-mine' });
  });

  it('scarcity raises the weight on extraction, so its misalignment grows as the black box depletes the stock', () => {
    const records = run({ policy: 'black-box' }, 1, 4);
    const extraction = series(records, 'misalignment/extraction');
    const distribution = series(records, 'misalignment/distribution');
    expect(extraction.at(-1)).toBeGreaterThan(extraction[0]);
    expect(distribution.at(-1)).toBe(distribution[0]);
  });
});

describe('governance world: the PAA planner with the formulas’ H and C', () => {
  // At γ = 0.05 the formulas give H = 1 and C = 782 (3,128 samples per decision) for ε = 0.3, δ = 0.1,
  // κ = 0.001, with η = ε(1 − γ)/4 at most. ε = 0.3 is 60% of V_max = W_max/(1 − γ) ≈ 0.5, so the value
  // guarantee says something; at γ = 0.1 the formulas stay cheap only for ε ≥ V_max, where it says nothing. The per-decision part of the guarantee is that every root
  // estimate is within η of Q* with frequency ≥ 1 − δ, checked against exact value iteration on the
  // true model. (The bounds are loose here: the welfare varies so little per step that even width 1
  // is η-accurate on most decisions.) The decision check is counted: it can fail only where some
  // action loses more than 2η, and the test asserts that such decisions occur; the recorded gap and
  // flag are checked against value iteration at every decision.
  const params = { policy: 'paa', discount: 0.05, epsilon: 0.3, delta: 0.1, modelError: 0.001, depth: 0, width: 0 };
  const truth = governanceModel({ discount: 0.05 });
  const { v, q } = valueIteration(truth);
  const stateIndex = new Map(truth.stateNames!.map((name, s) => [name, s]));

  function accuracyFrequency(): { accurate: number; decisionHolds: number; atStake: number } {
    let accurate = 0;
    let holds = 0;
    let atStake = 0;
    let decisions = 0;
    let eta = 0;
    for (const seed of SEEDS) {
      const records = run(params, seed, 20);
      eta = JSON.parse(records[0].events.find((e) => e.type === 'planner')!.payloadJson).formula.accuracy;
      const gaps = series(records, 'welfare_regret/social');
      const flags = series(records, 'guarantee/decision');
      holds += flags.reduce((x, y) => x + y, 0);
      details(records).forEach((d, i) => {
        const s = stateIndex.get(d.state)!;
        const gap = v[s] - q[s][REGIMES.indexOf(d.action as (typeof REGIMES)[number])];
        expect(gaps[i]).toBeCloseTo(Math.max(0, gap), 12);
        expect(flags[i]).toBe(Math.max(0, gap) <= 2 * eta ? 1 : 0);
        if (q[s].some((x) => v[s] - x > 2 * eta)) atStake++;
        if (d.scores.every((x, a) => Math.abs(x - q[s][a]) <= eta)) accurate++;
        decisions++;
      });
    }
    return { accurate: accurate / decisions, decisionHolds: holds / decisions, atStake };
  }

  it('records the formula values and uses them; decisions are 2η-optimal and estimates η-accurate with frequency ≥ 1 − δ', () => {
    const records = run(params, 1, 3);
    const planner = JSON.parse(records[0].events.find((e) => e.type === 'planner')!.payloadJson);
    expect(planner.formula).toMatchObject({ depth: 1, width: 782, samples: 3128, callFailure: 0.1 });
    expect(planner.formula.accuracy).toBeLessThanOrEqual((0.3 * 0.95) / 4);
    expect(planner.formula.valueGap).toBeLessThanOrEqual(0.3);
    expect(planner.used).toEqual({ depth: 1, width: 782 });
    expect(planner.modelError).toBeLessThanOrEqual(0.001);
    expect(series(records, 'planner/samples')).toEqual([3128, 3128, 3128]);
    const { accurate, decisionHolds, atStake } = accuracyFrequency();
    expect(atStake).toBeGreaterThan(0);
    expect(decisionHolds).toBeGreaterThanOrEqual(0.9);
    expect(accurate).toBeGreaterThanOrEqual(0.9);
  });

  it("SCIENCE.md §4.3: the policy's value from each of the 16 live states, over seeds, is within ε of V* (value iteration on the true model); the black box loses far more", () => {
    const seeds = SEEDS.slice(0, 8);
    const steps = 6; // γ^6 V_max < 1e-8: the truncated tail is negligible
    let worstMeanGap = 0;
    let worstBlackBox = 0;
    for (let stock = 1; stock <= 4; stock++) {
      for (const regime of ['balanced', 'pro-workers', 'pro-owners', 'strip-mine']) {
        const s = truth.state(stock, ['balanced', 'pro-workers', 'pro-owners', 'strip-mine'].indexOf(regime));
        const mean = (policy: string, name: string) =>
          seeds.reduce((sum, seed) => sum + series(run({ ...params, policy, startStock: stock, startRegime: regime }, seed, steps), name).at(-1)!, 0) /
          seeds.length;
        const realised = mean('paa', 'welfare/discounted');
        expect(series(run({ ...params, startStock: stock, startRegime: regime }, 1, 1), 'value/optimal')[0]).toBeCloseTo(v[s], 12);
        // The realised value is noisy (the environment's draws); the discounted regret estimates V* − V^π with less noise.
        expect(v[s] - realised).toBeLessThanOrEqual(params.epsilon);
        const gap = mean('paa', 'welfare_regret/discounted');
        expect(gap).toBeLessThanOrEqual(params.epsilon);
        worstMeanGap = Math.max(worstMeanGap, gap);
        worstBlackBox = Math.max(worstBlackBox, mean('black-box', 'welfare_regret/discounted'));
      }
    }
    // At γ = 0.05 no policy can lose much (V_max ≈ 0.5); the black box loses far more than the planner.
    expect(worstMeanGap).toBeLessThan(0.01);
    expect(worstBlackBox).toBeGreaterThan(0.15);
  });

  it('refuses formulas that do not exist or cost too much, and a start beyond the stock, with one-line input errors', () => {
    expect(() => run({ ...params, modelError: 0.2 }, 1, 1)).toThrow(InputError);
    expect(() => run({ ...params, discount: 0.5, modelError: 0 }, 1, 1)).toThrow(/samples per decision/);
    expect(() => run({ ...params, startStock: 5 }, 1, 1)).toThrow(/startStock 5 exceeds maxStock 4/);
  });
});

describe('governance world: the filter leaves a PAA policy unchanged', () => {
  it('where V*(s) ≥ ω + ε + 2η the filter never overrides the planner, so paa and safe-paa run alike there (20 seeds)', () => {
    const truth = governanceModel();
    const { v } = valueIteration(truth);
    const defaults = validateParams(world, {}) as { floor: number; epsilon: number };
    // The default planner's H and C are set by hand, so the filter's margin is the hand margin.
    const bar = defaults.floor + defaults.epsilon + 2 * HAND_MARGIN;
    const stateIndex = new Map(truth.stateNames!.map((name, s) => [name, s]));
    let checked = 0;
    for (const seed of SEEDS) {
      // A narrower planner than the default keeps this test quick; the filter uses the same width.
      const plain = details(run({ policy: 'paa', width: 5 }, seed, 10));
      const safe = details(run({ policy: 'safe-paa', width: 5 }, seed, 10));
      for (let t = 0; t < safe.length && v[stateIndex.get(safe[t].state)!] >= bar; t++) {
        expect(safe[t].action).toBe(safe[t].preferred);
        expect(safe[t]).toMatchObject({ state: plain[t].state, action: plain[t].action });
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(SEEDS.length * 5);
  });
});

describe('governance: what the formulas guarantee', () => {
  it("records the decision guarantee and filters with the formulas' accuracy only when H and C come from the formulas", () => {
    const formula = run({ policy: 'safe-paa', discount: 0.1, epsilon: 0.6, delta: 0.3, depth: 0, width: 0 }, 1, 2);
    expect(series(formula, 'guarantee/decision')).toHaveLength(2);
    const planner = JSON.parse(formula[0].events.find((e) => e.type === 'planner')!.payloadJson);
    expect(planner.used).toMatchObject({ depth: planner.formula.depth, width: planner.formula.width });
    expect(planner.formula.accuracy).toBeGreaterThan(0);

    const byHand = run({ policy: 'safe-paa' }, 1, 2);
    expect(byHand.flatMap((r) => r.metrics).some((m) => m.name === 'guarantee/decision')).toBe(false);
  });
});

describe('alignsim run governance (done when)', () => {
  it('black-box reaches a destructive state and safe-black-box does not, with welfare recorded for both', () => {
    const db = join(tempDir(), 'governance.sqlite');
    const lastRow = (policy: string) => {
      const result = cli(['run', 'governance', '--set', `policy=${policy}`, '--steps', '10', '--db', db, '--quiet']);
      expect(result.status).toBe(0);
      const [header, ...rows] = result.stdout.split('\n').filter((line) => /^\s*(t|\d+)\s/.test(line));
      const columns = header.trim().split(/\s+/);
      const last = rows.at(-1)!.trim().split(/\s+/);
      return Object.fromEntries(columns.map((c, i) => [c, Number(last[i])]));
    };
    const blackBox = lastRow('black-box');
    const safe = lastRow('safe-black-box');
    expect(blackBox).toMatchObject({ t: 10, destructive: 1, 'welfare/social': 0 });
    expect(safe).toMatchObject({ t: 10, destructive: 0 });
    expect(safe['welfare/social']).toBeGreaterThan(0);
  });
});
