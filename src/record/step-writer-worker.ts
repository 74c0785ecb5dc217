import { parentPort, workerData } from 'node:worker_threads';
import type { StepRecord } from '../kernel/world.ts';
import { openForWriting } from './database.ts';
import { Recorder } from './recorder.ts';
import { PROGRESS } from './step-writer.ts';

/** The writer thread of ThreadStepWriter: writes each step it receives; null commits and closes. */
const { file, runId, progress } = workerData as { file: string; runId: string; progress: Int32Array };
const db = openForWriting(file);
const recorder = new Recorder(db);
const port = parentPort!;
let failed = false;

function fail(error: unknown): void {
  failed = true;
  port.postMessage({ error: (error as Error).message });
  Atomics.store(progress, PROGRESS.failed, 1);
}

port.on('message', (record: StepRecord | null) => {
  if (record === null) {
    try {
      recorder.flush();
    } catch (error) {
      fail(error);
    }
    Atomics.store(progress, PROGRESS.committed, recorder.committed());
    db.close();
    port.close();
    return;
  }
  if (failed) return;
  try {
    recorder.writeStep(runId, record);
  } catch (error) {
    fail(error);
  }
  Atomics.store(progress, PROGRESS.committed, recorder.committed());
  Atomics.store(progress, PROGRESS.written, record.t);
  Atomics.notify(progress, PROGRESS.written);
});
