// Worker entry: load TypeScript through tsx, then run the module named in workerData.module
// (worker threads do not inherit the main thread's loader hooks on Node 20).
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.module);
