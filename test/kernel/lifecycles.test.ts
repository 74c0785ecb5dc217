import { getInitialSnapshot, getNextSnapshot } from 'xstate';
import { describe, expect, it } from 'vitest';
import {
  delegationLifecycle,
  delegationTransitions,
  runLifecycle,
  runTransitions,
  type DelegationEvent,
} from '../../src/kernel/lifecycles.ts';

describe('lifecycles', () => {
  it('runs go created → running → completed | failed | interrupted, final states stay final, and only an interrupted run resumes', () => {
    const running = runTransitions.step(runTransitions.initial, 'START');
    expect(runTransitions.states[running]).toBe('running');
    expect(runTransitions.states[runTransitions.step(running, 'COMPLETE')]).toBe('completed');
    expect(runTransitions.states[runTransitions.step(running, 'INTERRUPT')]).toBe('interrupted');
    const failed = runTransitions.step(running, 'FAIL');
    expect(runTransitions.states[runTransitions.step(failed, 'COMPLETE')]).toBe('failed');
    expect(runTransitions.states[runTransitions.step(runTransitions.initial, 'COMPLETE')]).toBe('created');
    const interrupted = runTransitions.step(running, 'INTERRUPT');
    expect(runTransitions.states[runTransitions.step(interrupted, 'RESUME')]).toBe('running');
    expect(runTransitions.states[runTransitions.step(failed, 'RESUME')]).toBe('failed');
    expect(runTransitions.states[runTransitions.step(runTransitions.step(running, 'COMPLETE'), 'RESUME')]).toBe('completed');
    expect(runLifecycle.id).toBe('run');
  });

  it('the delegation table walks exactly the states the xstate machine walks', () => {
    const events: DelegationEvent[] = ['GOOD', 'DELEGATE', 'CAUGHT', 'DELEGATE', 'GOOD', 'CAUGHT', 'CAUGHT', 'GOOD', 'DELEGATE'];
    let snapshot = getInitialSnapshot(delegationLifecycle);
    let index = delegationTransitions.initial;
    const walked: string[] = [];
    for (const type of events) {
      snapshot = getNextSnapshot(delegationLifecycle, snapshot, { type });
      index = delegationTransitions.step(index, type);
      expect(delegationTransitions.states[index]).toBe(snapshot.value);
      walked.push(delegationTransitions.states[index]);
    }
    expect(walked).toEqual([
      'autonomous', 'delegating', 'monitoring', 'monitoring', 'delegating', 'monitoring', 'revoked', 'revoked', 'revoked',
    ]);
  });
});
