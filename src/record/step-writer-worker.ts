import { parentPort, workerData } from 'node:worker_threads';
import type { StepRecord } from '../kernel/world.ts';
import { openForWriting } from './database.ts';
import { Recorder } from './recorder.ts';

/** The writer thread of ThreadStepWriter: commits each step it receives; null closes it. */
const { file, runId, progress } = workerData as { file: string; runId: string; progress: Int32Array };
const db = openForWriting(file);
const recorder = new Recorder(db);
const port = parentPort!;
let failed = false;

port.on('message', (record: StepRecord | null) => {
  if (record === null) {
    db.close();
    port.close();
    return;
  }
  if (failed) return;
  try {
    recorder.writeStep(runId, record);
    Atomics.store(progress, 0, record.t);
  } catch (error) {
    failed = true;
    port.postMessage({ error: (error as Error).message });
    Atomics.store(progress, 1, 1);
  }
  Atomics.notify(progress, 0);
});
