import type { DecisionRow, EventRow, StepRecord } from '../kernel/world.ts';

/**
 * A step record as it crosses to the writer thread: decisions and events as columns. Cloning a
 * thousand small objects writes every property name a thousand times, which on the simulation
 * thread costs about twice what cloning a few arrays does.
 */
export interface StepMessage {
  readonly t: number;
  readonly time: number;
  readonly metrics: StepRecord['metrics'];
  readonly snapshotJson: string | null;
  /** principal, agent, policy, detail JSON of each decision in turn. */
  readonly decisionText: (string | null)[];
  /** reward, best reward, regret, time of each decision in turn. */
  readonly decisionNumbers: Float64Array;
  /** type, subject, payload JSON of each event in turn. */
  readonly eventText: string[];
  readonly eventTimes: Float64Array;
}

export function toMessage(record: StepRecord): StepMessage {
  const { decisions, events } = record;
  const decisionText = new Array<string | null>(4 * decisions.length);
  const decisionNumbers = new Float64Array(4 * decisions.length);
  for (let i = 0; i < decisions.length; i++) {
    const d = decisions[i];
    decisionText[4 * i] = d.principal;
    decisionText[4 * i + 1] = d.agent;
    decisionText[4 * i + 2] = d.policy;
    decisionText[4 * i + 3] = d.detailJson;
    decisionNumbers[4 * i] = d.reward;
    decisionNumbers[4 * i + 1] = d.bestReward;
    decisionNumbers[4 * i + 2] = d.regret;
    decisionNumbers[4 * i + 3] = d.time;
  }
  const eventText = new Array<string>(3 * events.length);
  const eventTimes = new Float64Array(events.length);
  for (let i = 0; i < events.length; i++) {
    const e = events[i];
    eventText[3 * i] = e.type;
    eventText[3 * i + 1] = e.subject;
    eventText[3 * i + 2] = e.payloadJson;
    eventTimes[i] = e.time;
  }
  return { t: record.t, time: record.time, metrics: record.metrics, snapshotJson: record.snapshotJson, decisionText, decisionNumbers, eventText, eventTimes };
}

export function fromMessage(message: StepMessage): StepRecord {
  const { decisionText: text, decisionNumbers: numbers } = message;
  const decisions: DecisionRow[] = [];
  for (let i = 0; i < numbers.length / 4; i++) {
    const agent = text[4 * i + 1];
    decisions.push({
      principal: text[4 * i]!,
      choice: agent === null ? 'self' : 'delegate',
      agent,
      policy: text[4 * i + 2]!,
      reward: numbers[4 * i],
      bestReward: numbers[4 * i + 1],
      regret: numbers[4 * i + 2],
      detailJson: text[4 * i + 3]!,
      time: numbers[4 * i + 3],
    });
  }
  const events: EventRow[] = [];
  for (let i = 0; i < message.eventTimes.length; i++) {
    events.push({ type: message.eventText[3 * i], subject: message.eventText[3 * i + 1], payloadJson: message.eventText[3 * i + 2], time: message.eventTimes[i] });
  }
  return { t: message.t, time: message.time, metrics: message.metrics, decisions, events, snapshotJson: message.snapshotJson };
}
