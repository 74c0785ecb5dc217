import { z } from 'zod';
import type { PolicyOptions } from '../policy.ts';
import { policyNames } from './index.ts';

export interface PolicyDefaults {
  readonly policy: string;
  readonly window: number;
  readonly discount: number;
}

/** The values of those parameters, once parsed. */
export interface PolicyParamValues {
  readonly policy: string;
  readonly epsilon: number;
  readonly window: number;
  readonly discount: number;
}

/** The world parameters that choose and tune the delegation policy; spread into a world's `z.object`. */
export function policyParams(defaults: PolicyDefaults) {
  return {
    policy: z.enum(policyNames).default(defaults.policy).describe('delegation policy of every principal'),
    epsilon: z.number().min(0).max(1).default(0.1).describe('exploration rate of epsilon-greedy'),
    window: z.number().int().min(1).max(100_000).default(defaults.window).describe('window of sw-ucb, in pulls'),
    discount: z.number().gt(0).max(1).default(defaults.discount).describe('discount of d-ucb'),
  };
}

/** The options `findPolicy(p.policy).create` takes, from those parameters. */
export function policyOptions(
  p: PolicyParamValues,
  arms: number,
  extra: Partial<Pick<PolicyOptions, 'fixedArm' | 'contexts'>> = {},
): PolicyOptions {
  return { arms, fixedArm: extra.fixedArm ?? 1, epsilon: p.epsilon, window: p.window, discount: p.discount, contexts: extra.contexts ?? 1 };
}
