import type { StepRecord } from '../kernel/world.ts';
import { keptDetail, type DetailLevel } from './detail.ts';
import type { StepTable } from './schema.ts';

/**
 * The rows one step writes to a step table, each in the order of STEP_TABLES[table].columns (the
 * run id left out), with the decisions' detail kept at `detail`: what the recorder stores and what
 * replay compares with the recording. Metrics come sorted by name, as replay reads them back; NaN
 * becomes null, as SQLite stores it.
 */
export function stepRows(record: StepRecord, table: StepTable, detail: DetailLevel): unknown[][] {
  const { t, time } = record;
  switch (table) {
    case 'metrics':
      return record.metrics
        .toSorted((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
        .map((m) => [t, m.name, Number.isNaN(m.value) ? null : m.value, time]);
    case 'decisions':
      return record.decisions.map((d, seq) => [
        t,
        seq,
        d.principal,
        d.choice,
        d.agent,
        d.policy,
        d.reward,
        d.bestReward,
        d.regret,
        ...keptDetail(d.detailJson, detail),
        d.time,
      ]);
    case 'events':
      return record.events.map((e, seq) => [t, seq, e.type, e.subject, e.payloadJson, e.time]);
    case 'snapshots':
      return record.snapshotJson === null ? [] : [[t, record.snapshotJson, time]];
  }
}
