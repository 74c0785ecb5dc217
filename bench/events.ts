import { merge, tap } from 'rxjs';
import { EventQueue } from '../src/kernel/event-queue.ts';
import { validateParams } from '../src/kernel/params.ts';
import { loadWorld } from '../src/kernel/registry.ts';
import { simulate } from '../src/kernel/simulate.ts';
import type { AnyWorld } from '../src/kernel/world.ts';
import type { BenchResult } from './main.ts';
import { median, range } from './stats.ts';

/**
 * The event queue alone, with trivial handlers: AGENTS recurring events, each handler rescheduling its
 * agent after a delay from a fixed table, EVENTS pops in all. Beside it, in the same process and
 * interleaved round by round, the same workload on a minimal hand-written binary heap: the ratio says
 * what the queue's generality (priorities, cancellation, plain-data events) costs. Then async-assistants
 * at 1,000 principals, events per second of the whole kernel with the world's handlers.
 */
const AGENTS = 1_000;
const EVENTS = 1_000_000;
const ROUNDS = 5;
const DELAYS = Float64Array.from({ length: 4096 }, (_, k) => 0.1 + ((k * 2654435761) % 1000) / 1000);

function queueRun(): number {
  const queue = new EventQueue();
  for (let a = 0; a < AGENTS; a++) queue.at('tick', DELAYS[a], { payload: a });
  const start = performance.now();
  for (let k = 0; k < EVENTS; k++) {
    const event = queue.pop()!;
    queue.after('tick', DELAYS[k & 4095], { payload: event.payload });
  }
  return EVENTS / ((performance.now() - start) / 1000);
}

interface Entry {
  time: number;
  seq: number;
  agent: number;
}

/** The baseline: a binary min-heap on (time, seq) and nothing else. */
function heapRun(): number {
  const heap: Entry[] = [];
  let seq = 0;
  const less = (a: Entry, b: Entry): boolean => a.time < b.time || (a.time === b.time && a.seq < b.seq);
  const push = (entry: Entry): void => {
    let i = heap.length;
    heap.push(entry);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!less(entry, heap[parent])) break;
      heap[i] = heap[parent];
      i = parent;
    }
    heap[i] = entry;
  };
  const pop = (): Entry => {
    const top = heap[0];
    const last = heap.pop()!;
    const n = heap.length;
    if (n > 0) {
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        if (left >= n) break;
        const child = left + 1 < n && less(heap[left + 1], heap[left]) ? left + 1 : left;
        if (!less(heap[child], last)) break;
        heap[i] = heap[child];
        i = child;
      }
      heap[i] = last;
    }
    return top;
  };
  for (let a = 0; a < AGENTS; a++) push({ time: DELAYS[a], seq: seq++, agent: a });
  let now = 0;
  const start = performance.now();
  for (let k = 0; k < EVENTS; k++) {
    const entry = pop();
    now = entry.time;
    push({ time: now + DELAYS[k & 4095], seq: seq++, agent: entry.agent });
  }
  return EVENTS / ((performance.now() - start) / 1000);
}

/** async-assistants with a counter subscribed to every event type it schedules. */
function countingWorld(world: AnyWorld, counter: { events: number }): AnyWorld {
  return {
    ...world,
    reactions: (on, state, params) => [
      ...(world.reactions?.(on, state, params) ?? []),
      merge(on('problem'), on('service/done'), on('audit'), on('drift'), on('deployment-shift'), on('observe')).pipe(tap(() => (counter.events += 1))),
    ],
  };
}

export async function bench(): Promise<BenchResult[]> {
  queueRun();
  heapRun();
  const queueRates: number[] = [];
  const heapRates: number[] = [];
  const ratios: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const [q, h] = round % 2 === 0 ? [queueRun(), heapRun()] : (([h2, q2]) => [q2, h2])([heapRun(), queueRun()]);
    queueRates.push(q);
    heapRates.push(h);
    ratios.push(q / h);
  }
  const world = await loadWorld('async-assistants');
  const params = validateParams(world, { principals: 1_000 });
  const counter = { events: 0 };
  const steps = 10;
  const start = performance.now();
  for (const record of simulate(countingWorld(world, counter), params, { seed: 1, steps, snapshotEvery: 0 })) void record;
  const seconds = (performance.now() - start) / 1000;
  return [
    { name: `event queue alone, trivial handlers (median of ${ROUNDS}; ${range(queueRates.map((r) => r / 1e6), 2)} M)`, value: median(queueRates), unit: 'events/s', target: '≥ 1000000' },
    { name: `hand-written binary heap, same workload (median of ${ROUNDS}; ${range(heapRates.map((r) => r / 1e6), 2)} M)`, value: median(heapRates), unit: 'events/s' },
    { name: `event queue / hand-written heap, interleaved (${range(ratios, 2)})`, value: median(ratios), unit: 'ratio', target: '≥ 0.5' },
    { name: `async-assistants, 1,000 principals, ${steps} observations (${counter.events} events)`, value: counter.events / seconds, unit: 'events/s' },
  ];
}
