/**
 * `alignsim/recordings`: record runs from code, and read recordings back as typed rows — runs,
 * series, decisions and events — without writing SQL. Recordings of every schema version read
 * the same way.
 *
 * @packageDocumentation
 */
export { record, type RecordOptions, type RecordResult } from '../record/record-file.ts';
export {
  openRecording,
  RecordingReader,
  type DecisionRecord,
  type EventRecord,
  type RunInfo,
  type SeriesPoint,
} from '../record/recording-reader.ts';
