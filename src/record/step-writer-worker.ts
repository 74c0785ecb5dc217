import { parentPort, workerData } from 'node:worker_threads';
import { openForWriting, type Recording } from './database.ts';
import { Recorder } from './recorder.ts';
import { beat, HEARTBEAT_MS } from './run-owner.ts';
import { fromMessage, type StepMessage } from './step-message.ts';
import { PROGRESS } from './step-writer.ts';

/** The writer thread of ThreadStepWriter: writes each step it receives; null commits and closes. */
const { file, runId, progress } = workerData as { file: string; runId: string; progress: Int32Array };
const port = parentPort!;
let failed = false;

/** Reports a failure and wakes the simulation thread, which may be waiting on this thread. */
function fail(error: unknown): void {
  failed = true;
  port.postMessage({ error: (error as Error).message });
  Atomics.store(progress, PROGRESS.failed, 1);
  Atomics.notify(progress, PROGRESS.written);
}

function open(): { db: Recording; recorder: Recorder } | null {
  try {
    const db = openForWriting(file);
    return { db, recorder: new Recorder(db) };
  } catch (error) {
    fail(error);
    return null;
  }
}

const opened = open();

// This thread is idle while the simulation computes a step, however long: it shows the run is alive.
const heartbeat = setInterval(() => {
  if (opened === null || failed) return;
  try {
    opened.recorder.flush();
    beat(opened.db, runId);
  } catch (error) {
    fail(error);
  }
}, HEARTBEAT_MS);

port.on('message', (message: StepMessage | null) => {
  if (opened === null) {
    if (message === null) {
      clearInterval(heartbeat);
      port.close();
    }
    return;
  }
  const { db, recorder } = opened;
  if (message === null) {
    try {
      recorder.flush();
    } catch (error) {
      fail(error);
    }
    Atomics.store(progress, PROGRESS.committed, recorder.committed());
    clearInterval(heartbeat);
    db.close();
    port.close();
    return;
  }
  if (failed) return;
  const record = fromMessage(message);
  try {
    recorder.writeStep(runId, record);
  } catch (error) {
    fail(error);
  }
  Atomics.store(progress, PROGRESS.committed, recorder.committed());
  Atomics.store(progress, PROGRESS.written, record.t);
  Atomics.notify(progress, PROGRESS.written);
});
