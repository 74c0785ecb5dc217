import type { DelegationPolicy, PolicyDescription } from '../policy.ts';

/** A policy that always picks one arm when it is available, else acts itself (arm 0). */
function fixedArmPolicy(name: string, arm: number): DelegationPolicy {
  return {
    name,
    choose: ({ available }) => ({ arm: available[arm] ? arm : 0, detail: {} }),
    update: () => {},
  };
}

export const never: PolicyDescription = {
  name: 'never',
  summary: 'never delegate: the principal always decides itself',
  create: () => fixedArmPolicy('never', 0),
};

export const always: PolicyDescription = {
  name: 'always',
  summary: 'always delegate to one fixed assistant (option fixedArm, 1-based); self if it is revoked',
  create: ({ fixedArm }) => fixedArmPolicy('always', fixedArm),
};
