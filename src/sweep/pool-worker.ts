import { workerData } from 'node:worker_threads';
import { createRunner, type SweepWorkerData } from './worker.ts';

/** A sweep pool thread: its task handler records one run per task. */
export default createRunner(workerData as SweepWorkerData);
