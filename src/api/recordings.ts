/**
 * `alignsim/recordings`: record runs from code, and read recordings back as typed rows — runs,
 * series, decisions and events — without writing SQL. Recordings of every schema version read
 * the same way.
 *
 * @packageDocumentation
 */
export { record, type RecordOptions } from '../record/record-file.ts';
export type { RecordedRun } from '../record/record-run.ts';
export type { RunStatus } from '../kernel/lifecycles.ts';
export {
  openRecording,
  RecordingReader,
  type DecisionRecord,
  type EventRecord,
  type RunInfo,
  type SeriesPoint,
} from '../record/recording-reader.ts';
