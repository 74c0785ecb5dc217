import { createMachine, initialTransition, transition } from 'xstate';

/**
 * The explicit lifecycles of the engine, as xstate machines driven only by pure transitions
 * (no actors, no timers), so that a replay walks exactly the same states.
 */

/** A run: created → running → completed | failed | interrupted; an interrupted run may resume running. */
export const runLifecycle = createMachine({
  id: 'run',
  initial: 'created',
  states: {
    created: { on: { START: 'running', FAIL: 'failed' } },
    running: { on: { COMPLETE: 'completed', FAIL: 'failed', INTERRUPT: 'interrupted' } },
    completed: { type: 'final' },
    failed: { type: 'final' },
    interrupted: { on: { RESUME: 'running' } },
  },
});

export type RunStatus = 'created' | 'running' | 'completed' | 'failed' | 'interrupted';
export type RunEvent = 'START' | 'COMPLETE' | 'FAIL' | 'INTERRUPT' | 'RESUME';

/**
 * A principal's relationship with one assistant:
 * autonomous (never delegated) → delegating → monitoring (after misbehaviour was caught) →
 * delegating again after a good outcome, or revoked after a second catch while monitored.
 * Revoked is final: the assistant is no longer available to that principal.
 */
export const delegationLifecycle = createMachine({
  id: 'delegation',
  initial: 'autonomous',
  states: {
    autonomous: { on: { DELEGATE: 'delegating' } },
    delegating: { on: { CAUGHT: 'monitoring' } },
    monitoring: { on: { GOOD: 'delegating', CAUGHT: 'revoked' } },
    revoked: { type: 'final' },
  },
});

export type DelegationState = 'autonomous' | 'delegating' | 'monitoring' | 'revoked';
export type DelegationEvent = 'DELEGATE' | 'CAUGHT' | 'GOOD';

type ContextFreeMachine = typeof runLifecycle | typeof delegationLifecycle;

/**
 * A context-free machine compiled to a lookup table by asking xstate for every
 * (state, event) transition once. Worlds with thousands of relationships step them through
 * this table (a typed-array lookup) instead of building a snapshot per relationship per step;
 * the machine remains the single source of truth.
 */
export class TransitionTable<S extends string, E extends string> {
  readonly states: readonly S[];
  readonly initial: number;
  private readonly next: Int8Array;

  constructor(machine: ContextFreeMachine, readonly events: readonly E[]) {
    this.states = Object.keys(machine.root.states) as S[];
    const [start] = initialTransition(machine);
    this.initial = this.states.indexOf(start.value as S);
    this.next = new Int8Array(this.states.length * events.length);
    this.states.forEach((state, s) => {
      events.forEach((type, e) => {
        const from = machine.resolveState({ value: state, context: {} });
        const [to] = transition(machine, from, { type } as never);
        this.next[s * events.length + e] = this.states.indexOf(to.value as S);
      });
    });
  }

  index(state: S): number {
    return this.states.indexOf(state);
  }

  /** The state reached from state index `from` on event `event` (unchanged if not accepted). */
  step(from: number, event: E): number {
    return this.next[from * this.events.length + this.events.indexOf(event)];
  }
}

export const runTransitions = new TransitionTable<RunStatus, RunEvent>(runLifecycle, [
  'START',
  'COMPLETE',
  'FAIL',
  'INTERRUPT',
  'RESUME',
]);

export const delegationTransitions = new TransitionTable<DelegationState, DelegationEvent>(
  delegationLifecycle,
  ['DELEGATE', 'CAUGHT', 'GOOD'],
);
