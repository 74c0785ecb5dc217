import { Worker } from 'node:worker_threads';
import { moduleAt } from '../kernel/package-files.ts';
import { workerScript } from '../kernel/threads.ts';
import type { StepRecord } from '../kernel/world.ts';
import type { Recording } from './database.ts';
import { Recorder } from './recorder.ts';
import { toMessage } from './step-message.ts';

/** Where a run's steps go: written on this thread, or handed to a writer thread. */
export interface StepWriter {
  /** Queues or writes one step; throws once the writer has failed. */
  write(record: StepRecord): void;
  /** Steps committed so far. */
  committed(): number;
  /** Waits for every queued step to be committed, then releases the writer. */
  close(): Promise<void>;
}

/** Writes steps in the caller's thread, in the recorder's batches. */
export class InlineStepWriter implements StepWriter {
  private readonly recorder: Recorder;

  constructor(db: Recording, private readonly runId: string) {
    this.recorder = new Recorder(db);
  }

  write(record: StepRecord): void {
    this.recorder.writeStep(this.runId, record);
  }

  committed(): number {
    return this.recorder.committed();
  }

  async close(): Promise<void> {
    this.recorder.flush();
  }
}

/** Slots of the progress array shared with the writer thread. */
export const PROGRESS = { written: 0, failed: 1, committed: 2 } as const;
/** How many steps the simulation may run ahead of the writer before it waits. */
const MAX_AHEAD = 32;
/**
 * ...and how many rows: a step of a million principals holds a million decisions, and 32 such
 * steps queued would take more memory than the world itself (the memory estimate counts on
 * about two steps in flight).
 */
const MAX_ROWS_AHEAD = 100_000;

/**
 * Writes steps on a worker thread with its own connection, so that on two cores the simulation
 * and SQLite run side by side. The simulation waits (Atomics.wait) only when it is more than
 * MAX_AHEAD steps or MAX_ROWS_AHEAD rows ahead, which bounds memory.
 */
export class ThreadStepWriter implements StepWriter {
  private readonly worker: Worker;
  private readonly progress = new Int32Array(new SharedArrayBuffer(12));
  private error: Error | null = null;
  private readonly exited: Promise<void>;

  /** `after`: the steps already committed (a resumed run); the next step written is after + 1. */
  constructor(file: string, runId: string, after = 0) {
    Atomics.store(this.progress, PROGRESS.written, after);
    const script = workerScript(moduleAt(import.meta.url, './step-writer-worker'), { file, runId, progress: this.progress });
    this.worker = new Worker(new URL(script.filename), { workerData: script.workerData });
    this.worker.on('message', (message: { error?: string }) => {
      if (message.error !== undefined) this.error = new Error(message.error);
    });
    this.exited = new Promise((resolve) => {
      this.worker.once('error', (error) => {
        this.error ??= error;
        Atomics.store(this.progress, PROGRESS.failed, 1);
        resolve();
      });
      this.worker.once('exit', () => resolve());
    });
  }

  write(record: StepRecord): void {
    this.throwIfFailed();
    this.worker.postMessage(toMessage(record));
    const rows = record.metrics.length + record.decisions.length + record.events.length + 1;
    const ahead = Math.max(1, Math.min(MAX_AHEAD, Math.floor(MAX_ROWS_AHEAD / rows)));
    for (;;) {
      const written = Atomics.load(this.progress, PROGRESS.written);
      if (record.t - written <= ahead || Atomics.load(this.progress, PROGRESS.failed) === 1) break;
      Atomics.wait(this.progress, PROGRESS.written, written, 100);
    }
    this.throwIfFailed();
  }

  committed(): number {
    return Atomics.load(this.progress, PROGRESS.committed);
  }

  async close(): Promise<void> {
    this.worker.postMessage(null);
    await this.exited;
    this.throwIfFailed();
  }

  private throwIfFailed(): void {
    if (Atomics.load(this.progress, PROGRESS.failed) === 1) throw this.error ?? new Error('the recording thread failed');
  }
}
