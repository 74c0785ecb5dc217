import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { policyNames } from '../../../agents/policies/index.ts';
import { policyOptions, policyParams } from '../../../agents/policies/params.ts';

const defaults = { policy: 'sw-ucb', window: 50, discount: 0.95 };

describe('the policy parameters of a world', () => {
  it('default to the world\'s choice of policy, window and discount, and an exploration rate within [0, 1]', () => {
    const p = z.object(policyParams(defaults)).parse({});
    expect(p).toMatchObject(defaults);
    expect(p.epsilon).toBeGreaterThan(0);
    expect(p.epsilon).toBeLessThan(1);
  });

  it('accept every policy name and the ends of each range', () => {
    const schema = z.object(policyParams(defaults));
    for (const policy of policyNames) expect(schema.parse({ policy }).policy).toBe(policy);
    for (const [epsilon, window, discount] of [[0, 1, 1], [1, 100_000, 1e-9]]) {
      expect(schema.parse({ epsilon, window, discount })).toMatchObject({ epsilon, window, discount });
    }
  });

  it('reject an unknown policy, a rate outside [0, 1], a window that is not a whole number in 1..100,000 and a discount outside (0, 1]', () => {
    const schema = z.object(policyParams(defaults));
    for (const bad of [{ policy: 'nope' }, { epsilon: -0.01 }, { epsilon: 1.01 }, { window: 0 }, { window: 1.5 }, { window: 100_001 }, { discount: 0 }, { discount: 1.01 }]) {
      expect(schema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });

  it('describe each tunable by the policy it tunes', () => {
    const shape = policyParams(defaults);
    expect(shape.policy.description).toMatch(/delegation policy/);
    expect(shape.epsilon.description).toMatch(/epsilon-greedy/);
    expect(shape.window.description).toMatch(/sw-ucb/);
    expect(shape.discount.description).toMatch(/d-ucb/);
  });
});

describe('policyOptions', () => {
  const p = { policy: 'ucb1', epsilon: 0.2, window: 7, discount: 0.9 };

  it('passes the parameters on, with the first assistant and one context unless told otherwise', () => {
    expect(policyOptions(p, 3)).toEqual({ arms: 3, fixedArm: 1, epsilon: 0.2, window: 7, discount: 0.9, contexts: 1 });
    expect(policyOptions(p, 3, { fixedArm: 2, contexts: 4 })).toEqual({ arms: 3, fixedArm: 2, epsilon: 0.2, window: 7, discount: 0.9, contexts: 4 });
  });
});
