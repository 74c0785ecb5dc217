import { filter, tap } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { InputError } from '../../src/kernel/errors.ts';
import { RandomStreams } from '../../src/kernel/random.ts';
import { KERNEL_EVENTS, simulate } from '../../src/kernel/simulate.ts';
import { defineWorld, observationInterval, stepsUntil, type StepRecord } from '../../src/kernel/world.ts';

interface Counter {
  served: number;
  heard: string[];
}

/** Arrivals at 0.5, 1.5, 2.5 (priority 0) and a chain: each 'serve' schedules 'done' 0.25 later. */
const queueWorld = defineWorld({
  name: 'queue-world',
  description: 'handlers, reactions and observations of an event-driven world',
  params: z.object({ arrivals: z.number().int().default(3), observeEvery: z.number().default(1) }),
  defaultSteps: 10,
  init: (): Counter => ({ served: 0, heard: [] }),
  start: (ctx) => {
    for (let i = 0; i < ctx.params.arrivals; i++) ctx.queue.at('serve', i + 0.5, { payload: `job${i}` });
  },
  handlers: {
    serve: (ctx) => {
      ctx.event('serve', String(ctx.fired.payload));
      ctx.queue.after('done', 0.25, { payload: ctx.fired.payload });
    },
    done: (ctx) => {
      ctx.state.served += 1;
      ctx.event('done', String(ctx.fired.payload));
    },
  },
  reactions: (on, state) => [
    on('done').pipe(
      filter((ctx) => ctx.fired.payload !== 'job1'),
      tap((ctx) => state.heard.push(`${ctx.fired.payload}@${ctx.time}`)),
    ),
  ],
  observe: { every: 1 },
  measure: (ctx) => ctx.metric('served', ctx.state.served),
});

const run = (params: Record<string, unknown>, steps = 10): StepRecord[] =>
  [...simulate(queueWorld, { arrivals: 3, observeEvery: 1, ...params }, { seed: 1, steps, snapshotEvery: 0 })];

describe('an event-driven world', () => {
  it('runs handlers and reactions at event times and records at each observation', () => {
    const records = run({});
    expect(records.map((r) => [r.t, r.time])).toEqual([
      [1, 1],
      [2, 2],
      [3, 2.75],
    ]);
    expect(records[0].events.map((e) => [e.type, e.subject, e.time])).toEqual([
      ['serve', 'job0', 0.5],
      ['done', 'job0', 0.75],
    ]);
    expect(records.map((r) => r.metrics[0]?.value)).toEqual([1, 2, 3]);
  });

  it('ends cleanly when the queue empties, recording why', () => {
    const last = run({}).at(-1)!;
    expect(last.events.map((e) => [e.type, e.subject, e.time])).toEqual([
      ['serve', 'job2', 2.5],
      ['done', 'job2', 2.75],
      [KERNEL_EVENTS.end, 'run', 2.75],
    ]);
    expect(last.events.at(-1)!.payloadJson).toBe('{"reason":"queue empty"}');
  });

  it('stops after the requested number of records while events remain', () => {
    const records = run({}, 2);
    expect(records.map((r) => r.t)).toEqual([1, 2]);
    expect(records.flatMap((r) => r.events).some((e) => e.type === KERNEL_EVENTS.end)).toBe(false);
  });

  it('lets reactions filter the stream they subscribe to', () => {
    const state: Counter = { served: 0, heard: [] };
    [...simulate(queueWorld, { arrivals: 3, observeEvery: 1 }, { seed: 1, steps: 10, snapshotEvery: 0 }, { random: new RandomStreams(1), state })];
    expect(state.heard).toEqual(['job0@0.75', 'job2@2.75']);
  });

  it('ends the run at the event whose handler or reaction throws', () => {
    const failing = defineWorld({ ...queueWorld, reactions: (on) => [on('done').pipe(tap(() => { throw new Error('reaction failed'); }))] });
    const records: StepRecord[] = [];
    expect(() => {
      for (const r of simulate(failing, { arrivals: 3, observeEvery: 1 }, { seed: 1, steps: 10, snapshotEvery: 0 })) records.push(r);
    }).toThrow('reaction failed');
    expect(records).toEqual([]);
  });

  it('reports a rate a parameter set as bad input, and a bad schedule of the world\'s own as a bug, naming event and time', () => {
    const rated = defineWorld({
      ...queueWorld,
      params: z.object({ arrivals: z.number().int().default(3), observeEvery: z.number().default(1), rate: z.number().default(-1) }),
      start: (ctx) => void ctx.queue.atRate('arrival', ctx.params.rate, { parameter: 'rate' }),
    });
    const runOf = (world: typeof rated) => () => [...simulate(world, { arrivals: 0, observeEvery: 1, rate: -1 }, { seed: 1, steps: 2, snapshotEvery: 0 })];
    expect(runOf(rated)).toThrow(InputError);
    expect(runOf(rated)).toThrow("parameter rate: event 'arrival' at time 0 has a negative rate -1");
    const buggy = defineWorld({ ...rated, start: (ctx) => void ctx.queue.at('late', 0.5), handlers: { late: (ctx) => void ctx.queue.at('later', 0.25) } });
    expect(runOf(buggy)).toThrow("event 'later' at time 0.25 is before the current time 0.5");
    expect(runOf(buggy)).not.toThrow(InputError);
  });

  it('records after each event of the types a world observes on, and has no fixed interval for --until', () => {
    const onDone = defineWorld({ ...queueWorld, observe: { on: ['done'] } });
    const records = [...simulate(onDone, { arrivals: 3, observeEvery: 1 }, { seed: 1, steps: 10, snapshotEvery: 0 })];
    expect(records.map((r) => [r.t, r.time])).toEqual([
      [1, 0.75],
      [2, 1.75],
      [3, 2.75],
      [4, 2.75],
    ]);
    expect(records[3].events.map((e) => e.type)).toEqual([KERNEL_EVENTS.end]);
    expect(observationInterval(onDone)).toBeUndefined();
    expect(() => stepsUntil(onDone, 10)).toThrow(InputError);
    expect(stepsUntil(queueWorld, 10.5)).toBe(10);
  });

  it('fires the interventions of an event-driven world at their times, before other events then', () => {
    const shocked = defineWorld({
      ...queueWorld,
      interventions: () => [{ t: 1.5, type: 'shock', subject: 'job1', payload: { size: 2 } }],
      intervene: (ctx, intervention) => void (ctx.state.served += 100 * (intervention.payload as { size: number }).size),
    });
    const records = [...simulate(shocked, { arrivals: 3, observeEvery: 1 }, { seed: 1, steps: 10, snapshotEvery: 0 })];
    expect(records[1].events.map((e) => [e.type, e.subject, e.time])).toEqual([
      ['shock', 'job1', 1.5],
      ['serve', 'job1', 1.5],
      ['done', 'job1', 1.75],
    ]);
    expect(records.map((r) => r.metrics[0].value)).toEqual([1, 202, 203]);
  });
});
