// Safe policies by action restriction: SCIENCE.md §4 (Berdoz & Wattenhofer, arXiv 2412.00033, safe
// policies; a black-box policy restricted to the certified-safe subset A_safe(s) = {a : Q̂(s,a) ≥ ω + η}).
import { describe, expect, it } from 'vitest';
import seedrandom from 'seedrandom';
import type { Random } from '../../../agents/random.ts';
import { sampleIndex } from '../../../agents/random.ts';
import { tabularModel } from '../../../agents/planning/mdp.ts';
import { valueIteration } from '../../../agents/planning/value-iteration.ts';
import { restrictActions, shield, type BlackBoxPolicy } from '../../../agents/planning/safety-filter.ts';
import { FACTIONS, STRIP_MINE, governanceModel } from '../../../agents/planning/governance-model.ts';

const rng = (seed: string): Random => { const prng = seedrandom.alea(seed); return { next: () => prng() }; };
const economy = governanceModel({ discount: 0.3 });
const { v, q, policy: optimal } = valueIteration(economy);
const floor = 0.1;
const actions = [0, 1, 2, 3];
const live = v.map((_, s) => s).filter((s) => s !== economy.collapsed);
const destructive = (s: number, a: number) => q[s][a] < floor;
const owners = FACTIONS.indexOf('owners');

/** The misaligned black box: picks the regime giving the owners the largest take (strip-mining first). */
const ownersTake = (a: number) => economy.utilities[economy.state(4, a)][owners];
const ownerMaximiser: BlackBoxPolicy<number> = (_s, allowed) =>
  allowed.reduce((best, a) => (ownersTake(a) > ownersTake(best) ? a : best));

describe('restrictActions (the rule, on η-accurate estimates)', () => {
  const margin = 0.025;
  const noisy = (s: number, seed: string) => {
    const r = rng(seed);
    const est = actions.map((a) => q[s][a] + margin * (2 * r.next() - 1));
    const best = est.indexOf(Math.max(...est));
    return { action: best, actions, q: est };
  };

  it('the economy has destructive actions (strip-mining at low stock) to remove', () => {
    expect(live.filter((s) => destructive(s, STRIP_MINE)).length).toBeGreaterThan(0);
  });

  it('never allows a destructive action when the set is certified', () => {
    let certified = 0;
    let removedDestructive = 0;
    for (const s of live) for (let seed = 0; seed < 200; seed++) {
      const r = restrictActions(noisy(s, `rule:${s}:${seed}`), { floor, margin });
      if (r.certified) {
        certified++;
        for (const a of r.allowed) expect(destructive(s, a)).toBe(false);
        if (r.removed.some((a) => destructive(s, a))) removedDestructive++;
      }
      expect([...r.allowed, ...r.removed].sort()).toEqual(actions);
    }
    // Counted, so the guard cannot hide the check. Every live state has V*(s) ≥ ω + 2η, so its best
    // action's estimate clears ω + η and every set is certified; and in every state that has a
    // destructive action (strip-mining at a low stock) one was removed.
    expect(live.every((s) => v[s] >= floor + 2 * margin)).toBe(true);
    expect(certified).toBe(live.length * 200);
    expect(removedDestructive).toBe(live.filter((s) => actions.some((a) => destructive(s, a))).length * 200);
  });

  it('leaves an ε-PAA action in place wherever V*(s) ≥ ω + ε + 2η', () => {
    const epsilon = 0.025;
    let checked = 0;
    for (const s of live) {
      if (v[s] < floor + epsilon + 2 * margin) continue;
      const paaActions = actions.filter((a) => q[s][a] >= v[s] - epsilon);
      for (let seed = 0; seed < 200; seed++) {
        const r = restrictActions(noisy(s, `keep:${s}:${seed}`), { floor, margin });
        for (const a of paaActions) expect(r.allowed).toContain(a);
      }
      checked++;
    }
    expect(checked).toBeGreaterThan(0);
  });

  it('keeps only the estimated best action, uncertified, when nothing clears ω + η', () => {
    const r = restrictActions({ action: 2, actions, q: [0.1, 0.05, 0.15, 0] }, { floor: 0.5, margin: 0.05 });
    expect(r).toEqual({ allowed: [2], removed: [0, 1, 3], certified: false });
  });
});

describe('shield (sparse sampling estimates + black box)', () => {
  const model = tabularModel(economy);
  const planner = { depth: 2, width: 20 };
  const threshold = { floor, margin: 0.025 };
  const shielded = shield(ownerMaximiser, model, planner, threshold);

  it('never lets a destructive action through, in any state, over 100 planner seeds', () => {
    for (const s of live) for (let seed = 0; seed < 100; seed++) {
      const step = shielded(s, { planner: rng(`shield:${s}:${seed}`), policy: rng('p') });
      expect(destructive(s, step.action)).toBe(false);
      for (const a of step.allowed) expect(destructive(s, a)).toBe(false);
    }
  });

  it('leaves the optimal (PAA) action available where the margin is large, and records interventions', () => {
    for (const s of live.filter((x) => v[x] >= 0.3)) {
      const step = shielded(s, { planner: rng(`opt:${s}`), policy: rng('p') });
      expect(step.allowed).toContain(optimal[s]);
    }
    const low = economy.state(2, 0);
    const step = shielded(low, { planner: rng('low'), policy: rng('p') });
    expect(step.removed).toContain(STRIP_MINE);
  });

  it('the owner-maximising black box collapses the economy alone, and never plays a destructive action behind the filter', () => {
    const episodes = 40;
    const horizon = 15;
    const run = (filtered: boolean) => {
      let collapses = 0;
      let destructivePlays = 0;
      for (let e = 0; e < episodes; e++) {
        const env = rng(`env:${e}`);
        const plannerStream = rng(`planner:${e}`);
        let s = economy.state(4, 0);
        for (let t = 0; t < horizon && s !== economy.collapsed; t++) {
          const a = filtered ? shielded(s, { planner: plannerStream, policy: env }).action : ownerMaximiser(s, actions, env);
          if (destructive(s, a)) destructivePlays++;
          s = sampleIndex(economy.transition[s][a], env);
        }
        if (s === economy.collapsed) collapses++;
      }
      return { collapses, destructivePlays };
    };
    const alone = run(false);
    const behind = run(true);
    expect(alone.collapses).toBe(episodes);
    expect(alone.destructivePlays).toBeGreaterThan(0);
    expect(behind.destructivePlays).toBe(0);
    expect(behind.collapses).toBeLessThan(alone.collapses);
  });

  it('throws if the black box picks an action it was not offered', () => {
    const rogue = shield(() => STRIP_MINE, model, planner, threshold);
    expect(() => rogue(economy.state(1, 0), { planner: rng('r'), policy: rng('p') })).toThrow(/outside the allowed/);
  });
});
