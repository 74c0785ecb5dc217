import { InputError } from './errors.ts';
import type { RandomStreams } from './random.ts';

/**
 * One scheduled event: plain data, so a queue's contents can be written out and read back. Events
 * fire in order of time, then priority (lower first), then seq (the order they were scheduled in).
 */
export interface ScheduledEvent {
  readonly type: string;
  readonly time: number;
  readonly priority: number;
  readonly seq: number;
  readonly payload: unknown;
  /** A periodic event recurs this long after it fires. */
  readonly period?: number;
  /** A rate-driven event recurs after an Exp(rate) wait drawn from the random stream `stream`. */
  readonly rate?: number;
  readonly stream?: string;
}

export interface ScheduleOptions {
  readonly payload?: unknown;
  /** Lower fires first among events at the same time; default 0. */
  readonly priority?: number;
  /**
   * The world parameter the time, delay, period or rate came from. A bad value is then the user's
   * (an InputError naming the parameter, exit 2) rather than the world's code (an Error, exit 1).
   */
  readonly parameter?: string;
}

export interface RateOptions extends ScheduleOptions {
  /** The random stream the waits are drawn from; default `events/<type>`. Key it per agent to keep draws apart. */
  readonly stream?: string;
}

/**
 * A deterministic event queue in continuous time: a binary min-heap over (time, priority, seq).
 * Cancelled events are dropped when they reach the top. `now` is the time of the event last popped.
 */
export class EventQueue {
  private heap: ScheduledEvent[] = [];
  private readonly cancelled = new Set<number>();
  private nextSeq = 0;
  now = 0;

  constructor(private readonly random?: RandomStreams) {}

  get size(): number {
    return this.heap.length - this.cancelled.size;
  }

  /** Schedules an event at an absolute time, not before `now`. */
  at(type: string, time: number, options: ScheduleOptions = {}): ScheduledEvent {
    this.check(type, time, 'time', time, options.parameter);
    if (time < this.now) fail(type, time, `is before the current time ${this.now}`, options.parameter);
    return this.push(this.make(type, time, options));
  }

  /** Schedules an event `delay` after now. */
  after(type: string, delay: number, options: ScheduleOptions = {}): ScheduledEvent {
    this.check(type, this.now + delay, 'delay', delay, options.parameter);
    if (delay < 0) fail(type, this.now + delay, `has a negative delay ${delay}`, options.parameter);
    return this.at(type, this.now + delay, options);
  }

  /** Schedules an event at `start` and then every `period` after it fires. */
  every(type: string, start: number, period: number, options: ScheduleOptions = {}): ScheduledEvent {
    this.check(type, start, 'period', period, options.parameter);
    if (!(period > 0)) fail(type, start, `has a period ${period}; a period must be positive`, options.parameter);
    if (start < this.now) fail(type, start, `is before the current time ${this.now}`, options.parameter);
    return this.push({ ...this.make(type, start, options), period });
  }

  /**
   * Schedules a rate-driven event (Gillespie): it fires after an Exp(rate) wait and recurs after a new
   * wait each time it fires. A zero rate schedules nothing and returns null.
   */
  atRate(type: string, rate: number, options: RateOptions = {}): ScheduledEvent | null {
    this.check(type, this.now, 'rate', rate, options.parameter);
    if (rate < 0) fail(type, this.now, `has a negative rate ${rate}`, options.parameter);
    if (rate === 0) return null;
    const stream = options.stream ?? `events/${type}`;
    const time = this.now + this.exponential(stream, rate);
    return this.push({ ...this.make(type, time, options), rate, stream });
  }

  /** Cancels a scheduled event (a recurring one stops recurring). Cancelling twice or after it fired does nothing. */
  cancel(event: ScheduledEvent): void {
    if (this.heap.some((e) => e.seq === event.seq)) this.cancelled.add(event.seq);
  }

  /** The next event without removing it, or undefined when none is left. */
  peek(): ScheduledEvent | undefined {
    this.dropCancelled();
    return this.heap[0];
  }

  /**
   * Removes and returns the next event and advances `now` to its time. A recurring event is scheduled
   * again (same seq order as a new event) before it is returned, so its handler may cancel it.
   */
  pop(): ScheduledEvent | undefined {
    this.dropCancelled();
    const top = this.heap[0];
    if (top === undefined) return undefined;
    this.removeTop();
    this.now = top.time;
    if (top.period !== undefined) this.push({ ...top, time: top.time + top.period, seq: this.nextSeq++ });
    else if (top.rate !== undefined) this.push({ ...top, time: top.time + this.exponential(top.stream!, top.rate), seq: this.nextSeq++ });
    return top;
  }

  /** Every pending event in firing order (for snapshots and tests). */
  pending(): ScheduledEvent[] {
    return this.heap.filter((e) => !this.cancelled.has(e.seq)).sort(compare);
  }

  private exponential(stream: string, rate: number): number {
    if (!this.random) throw new Error('a rate-driven event needs a queue built with the run\'s random streams');
    // 1 − U is in (0, 1], so the log is finite.
    return -Math.log(1 - this.random.stream(stream).next()) / rate;
  }

  private check(type: string, time: number, what: string, value: number, parameter: string | undefined): void {
    if (!Number.isFinite(value)) fail(type, time, `has ${what} ${value}; expected a finite number`, parameter);
  }

  private dropCancelled(): void {
    if (this.cancelled.size === 0) return;
    while (this.heap.length > 0 && this.cancelled.has(this.heap[0].seq)) {
      this.cancelled.delete(this.heap[0].seq);
      this.removeTop();
    }
  }

  private make(type: string, time: number, options: ScheduleOptions): ScheduledEvent {
    return { type, time, priority: options.priority ?? 0, seq: this.nextSeq++, payload: options.payload ?? null };
  }

  private push(event: ScheduledEvent): ScheduledEvent {
    const heap = this.heap;
    let i = heap.length;
    heap.push(event);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (compare(heap[parent], event) <= 0) break;
      heap[i] = heap[parent];
      i = parent;
    }
    heap[i] = event;
    return event;
  }

  private removeTop(): void {
    const heap = this.heap;
    const last = heap.pop()!;
    const n = heap.length;
    if (n === 0) return;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= n) break;
      const right = left + 1;
      const child = right < n && compare(heap[right], heap[left]) < 0 ? right : left;
      if (compare(last, heap[child]) <= 0) break;
      heap[i] = heap[child];
      i = child;
    }
    heap[i] = last;
  }
}

function compare(a: ScheduledEvent, b: ScheduledEvent): number {
  return a.time - b.time || a.priority - b.priority || a.seq - b.seq;
}

function fail(type: string, time: number, problem: string, parameter: string | undefined): never {
  const where = `event '${type}' at time ${time}`;
  if (parameter !== undefined) throw new InputError(`parameter ${parameter}: ${where} ${problem}: expected a value that schedules it at a finite time not in the past`);
  throw new Error(`${where} ${problem}`);
}
