import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/kernel/errors.ts';
import { EventQueue, type ScheduledEvent } from '../../src/kernel/event-queue.ts';
import { RandomStreams } from '../../src/kernel/random.ts';

function drain(queue: EventQueue, until = Infinity): ScheduledEvent[] {
  const fired: ScheduledEvent[] = [];
  for (let next = queue.peek(); next !== undefined && next.time <= until; next = queue.peek()) fired.push(queue.pop()!);
  return fired;
}

describe('EventQueue', () => {
  it('fires by time, then priority, then the order of scheduling', () => {
    const queue = new EventQueue();
    queue.at('c', 2);
    queue.at('a', 1, { priority: 5 });
    queue.at('b', 1, { priority: -1 });
    queue.at('d', 1, { priority: 5 });
    queue.at('e', 0.5);
    expect(drain(queue).map((e) => `${e.type}@${e.time}`)).toEqual(['e@0.5', 'b@1', 'a@1', 'd@1', 'c@2']);
    expect(queue.now).toBe(2);
  });

  it('pops any schedule in the order a stable sort by (time, priority) gives', () => {
    const event = fc.record({ time: fc.integer({ min: 0, max: 20 }).map((x) => x / 4), priority: fc.integer({ min: -2, max: 2 }) });
    fc.assert(
      fc.property(fc.array(event, { maxLength: 200 }), (events) => {
        const queue = new EventQueue();
        events.forEach((e, i) => queue.at(`e${i}`, e.time, { priority: e.priority }));
        const expected = events.map((e, i) => ({ ...e, i })).sort((a, b) => a.time - b.time || a.priority - b.priority || a.i - b.i);
        expect(drain(queue).map((e) => e.type)).toEqual(expected.map((e) => `e${e.i}`));
      }),
    );
  });

  it('schedules after a delay from the current time, and refuses the past', () => {
    const queue = new EventQueue();
    queue.at('first', 3);
    queue.pop();
    expect(queue.after('later', 1.5).time).toBe(4.5);
    expect(() => queue.at('late', 2)).toThrow("event 'late' at time 2 is before the current time 3");
    expect(() => queue.after('back', -1)).toThrow("event 'back' at time 2 has a negative delay -1");
  });

  it('cancels: a cancelled event never fires, a cancelled periodic event stops recurring', () => {
    const queue = new EventQueue();
    const a = queue.at('a', 1);
    queue.at('b', 2);
    const tick = queue.every('tick', 0.5, 1);
    queue.cancel(a);
    queue.cancel(a);
    expect(queue.size).toBe(2);
    const fired = drain(queue, 2);
    expect(fired.map((e) => `${e.type}@${e.time}`)).toEqual(['tick@0.5', 'tick@1.5', 'b@2']);
    const next = queue.peek()!;
    expect(next).toMatchObject({ type: 'tick', time: 2.5 });
    queue.cancel(next);
    expect(queue.pop()).toBeUndefined();
    expect(tick.period).toBe(1);
  });

  it('recurs a periodic event at start, start + period, …', () => {
    const queue = new EventQueue();
    queue.every('step', 1, 1);
    expect(drain(queue, 5).map((e) => e.time)).toEqual([1, 2, 3, 4, 5]);
  });

  it('draws rate-driven events with Poisson counts: mean λT, and keyed streams keep other draws apart', () => {
    const horizon = 2000;
    const counts = (rateA: number) => {
      const queue = new EventQueue(new RandomStreams(7));
      queue.atRate('arrival', rateA, { stream: 'arrival/p1', payload: 'p1' });
      queue.atRate('arrival', 2, { stream: 'arrival/p2', payload: 'p2' });
      const fired = drain(queue, horizon);
      return { p1: fired.filter((e) => e.payload === 'p1').length, p2: fired.filter((e) => e.payload === 'p2').map((e) => e.time) };
    };
    const base = counts(0.5);
    // Poisson(1000) and Poisson(4000): within 4 standard deviations.
    expect(Math.abs(base.p1 - 0.5 * horizon)).toBeLessThan(4 * Math.sqrt(0.5 * horizon));
    expect(Math.abs(base.p2.length - 2 * horizon)).toBeLessThan(4 * Math.sqrt(2 * horizon));
    // Changing p1's rate shifts none of p2's times.
    expect(counts(3).p2).toEqual(base.p2);
  });

  it('draws waits whose mean and variance are those of Exp(λ)', () => {
    const queue = new EventQueue(new RandomStreams(3));
    queue.atRate('x', 4);
    const times = drain(queue, 5000).map((e) => e.time);
    const waits = times.map((t, i) => t - (i === 0 ? 0 : times[i - 1]));
    const mean = waits.reduce((s, w) => s + w, 0) / waits.length;
    const variance = waits.reduce((s, w) => s + (w - mean) ** 2, 0) / waits.length;
    // n ≈ 20,000 waits: the mean's standard error is 0.25 / sqrt(n) ≈ 0.0018.
    expect(mean).toBeCloseTo(0.25, 2);
    expect(variance).toBeCloseTo(1 / 16, 2);
  });

  it('names the event and time of a bad schedule; a parameter at fault makes it bad input', () => {
    const queue = new EventQueue(new RandomStreams(1));
    expect(() => queue.at('shift', NaN)).toThrow("event 'shift' at time NaN has time NaN; expected a finite number");
    expect(() => queue.at('shift', Infinity)).toThrow(Error);
    expect(() => queue.atRate('arrival', -2)).toThrow("event 'arrival' at time 0 has a negative rate -2");
    expect(() => queue.atRate('arrival', -2)).not.toThrow(InputError);
    expect(() => queue.atRate('arrival', -2, { parameter: 'arrivalRate' })).toThrow(InputError);
    expect(() => queue.every('audit', 1, 0, { parameter: 'auditEvery' })).toThrow(
      "parameter auditEvery: event 'audit' at time 1 has a period 0; a period must be positive",
    );
    expect(queue.atRate('never', 0)).toBeNull();
  });

  it('holds plain data: the pending events survive a JSON round trip', () => {
    const queue = new EventQueue(new RandomStreams(1));
    queue.every('step', 1, 1);
    queue.atRate('arrival', 2, { stream: 'arrival/p1', payload: { principal: 0 } });
    const pending = queue.pending();
    expect(JSON.parse(JSON.stringify(pending))).toEqual(pending);
  });

  it('takes a zero delay as now, and names what is wrong with an unusable delay, period or rate', () => {
    const queue = new EventQueue(new RandomStreams(1));
    queue.at('first', 3);
    queue.pop();
    expect(queue.after('now', 0).time).toBe(3);
    expect(() => queue.after('far', Infinity)).toThrow("event 'far' at time Infinity has delay Infinity; expected a finite number");
    expect(() => queue.every('tick', 4, NaN)).toThrow("event 'tick' at time 4 has period NaN; expected a finite number");
    expect(() => queue.every('tick', 2, 1)).toThrow("event 'tick' at time 2 is before the current time 3");
    expect(queue.every('tick', 3, 1).time).toBe(3);
    expect(() => queue.atRate('arrival', Infinity)).toThrow("event 'arrival' at time 3 has rate Infinity; expected a finite number");
    expect(() => new EventQueue().atRate('arrival', 1)).toThrow("a rate-driven event needs a queue built with the run's random streams");
  });

  it("draws a rate-driven wait from the stream events/<type> unless told otherwise, after the current time", () => {
    const queue = new EventQueue(new RandomStreams(11));
    queue.at('first', 2);
    queue.pop();
    const reference = new RandomStreams(11);
    // Inverse transform: a wait of -ln(1 - u) / rate, u the stream's next uniform draw.
    const wait = (stream: string, rate: number): number => -Math.log(1 - reference.stream(stream).next()) / rate;
    expect(queue.atRate('arrival', 4)!.time).toBe(2 + wait('events/arrival', 4));
    expect(queue.atRate('arrival', 4, { stream: 'arrival/p7' })!.time).toBe(2 + wait('arrival/p7', 4));
  });

  it('orders a recurrence after what was scheduled before it recurred, and before what comes after', () => {
    const periodic = new EventQueue();
    periodic.every('tick', 1, 1);
    periodic.at('before', 2);
    periodic.pop();
    periodic.at('after', 2);
    expect(drain(periodic, 3).map((e) => `${e.type}@${e.time}`)).toEqual(['before@2', 'tick@2', 'after@2', 'tick@3']);

    const driven = new EventQueue(new RandomStreams(5));
    driven.atRate('tick', 1);
    driven.pop();
    const recurrence = driven.peek()!;
    driven.at('after', recurrence.time);
    expect(drain(driven, recurrence.time).map((e) => e.type)).toEqual(['tick', 'after']);
  });

  it('lists the pending events in firing order, without the cancelled ones', () => {
    const queue = new EventQueue();
    queue.at('c', 3);
    const b = queue.at('b', 2);
    queue.at('a', 1);
    queue.at('a2', 1, { priority: -1 });
    queue.cancel(b);
    expect(queue.pending().map((e) => e.type)).toEqual(['a2', 'a', 'c']);
    expect(queue.size).toBe(3);
  });

  it('sorts the pending events, whatever order the heap keeps them in', () => {
    // Pushed at times 1, 5, 2, 3: the heap array is [1, 3, 2, 5] (3 rose above its parent 5).
    const queue = new EventQueue();
    for (const time of [1, 5, 2, 3]) queue.at(`at${time}`, time);
    expect(queue.pending().map((e) => e.time)).toEqual([1, 2, 3, 5]);
  });

  it('ignores the cancelling of an event that has already fired', () => {
    const queue = new EventQueue();
    const a = queue.at('a', 1);
    queue.at('b', 2);
    queue.pop();
    queue.cancel(a);
    expect(queue.size).toBe(1);
    expect(queue.pending().map((e) => e.type)).toEqual(['b']);
    expect(queue.pop()!.type).toBe('b');
  });
});
