// A pool worker starts without the TypeScript loader of the thread that made it: register tsx
// here, then load the worker written in TypeScript.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { createRunner } = await import('./worker.ts');
export default createRunner(workerData);
