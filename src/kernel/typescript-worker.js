// Worker bootstrap used when alignsim runs from its TypeScript sources: register tsx, then load
// the module named in workerData.module and pass on its default export (a pool's task handler).
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { default: handler } = await import(workerData.module);
export default handler;
