import { initialise, stableJson } from '../../src/kernel/simulate.ts';
import type { AnyWorld, DecisionRow, EventRow, MetricRow, StepContext } from '../../src/kernel/world.ts';
import { PHASES } from '../../src/kernel/world.ts';

/** A step's rows as the fixed-phase loop produced them, before rows carried a simulation time. */
export interface ReferenceStep {
  readonly t: number;
  readonly metrics: readonly MetricRow[];
  readonly decisions: readonly Omit<DecisionRow, 'time'>[];
  readonly events: readonly Omit<EventRow, 'time'>[];
  readonly snapshotJson: string | null;
}

/**
 * The world loop as it was before the event queue: for t = 1..steps, the interventions of step t and
 * then the five phases in order. Kept as a reference implementation to check the event-driven kernel
 * against, row for row, on every stepped world.
 */
export function* fixedPhaseLoop(world: AnyWorld, params: Record<string, unknown>, seed: number, steps: number, snapshotEvery: number): Generator<ReferenceStep> {
  const { random, state } = initialise(world, params, seed);
  const scheduled = world.interventions?.(params) ?? [];
  for (let t = 1; t <= steps; t++) {
    const metrics: MetricRow[] = [];
    const decisions: Omit<DecisionRow, 'time'>[] = [];
    const events: Omit<EventRow, 'time'>[] = [];
    const ctx: StepContext<Record<string, unknown>, unknown> = {
      t,
      time: t,
      params,
      state,
      random,
      metric: (name, value) => metrics.push({ name, value }),
      decision: (d) =>
        decisions.push({
          principal: d.principal,
          choice: d.agent === null ? 'self' : 'delegate',
          agent: d.agent,
          policy: d.policy,
          reward: d.reward,
          bestReward: d.bestReward,
          regret: d.bestReward - d.reward,
          detailJson: JSON.stringify(d.detail ?? {}),
        }),
      event: (type, subject, payload) => events.push({ type, subject, payloadJson: JSON.stringify(payload ?? null) }),
    };
    for (const intervention of scheduled) {
      if (intervention.t !== t) continue;
      ctx.event(intervention.type, intervention.subject, intervention.payload);
      world.intervene?.(ctx, intervention);
    }
    for (const phase of PHASES) world.phases?.[phase]?.(ctx);
    const snapshotDue = world.snapshot !== undefined && snapshotEvery > 0 && (t % snapshotEvery === 0 || t === steps);
    yield { t, metrics, decisions, events, snapshotJson: snapshotDue ? stableJson(world.snapshot!(state)) : null };
  }
}
