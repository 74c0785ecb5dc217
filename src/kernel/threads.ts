import { COMPILED } from './package-files.ts';

/** How to start a worker thread (or a pool of them) on one of alignsim's modules. */
export interface WorkerScript<D> {
  readonly filename: string;
  readonly workerData: D & { readonly module: string };
}

const TYPESCRIPT_BOOTSTRAP = new URL('./typescript-worker.js', import.meta.url).href;

/**
 * A worker thread on `module`: the compiled module itself, or, when alignsim runs from its
 * sources, a bootstrap that loads it through tsx (a worker thread does not inherit the loader of
 * the thread that made it).
 */
export function workerScript<D extends object>(module: URL, workerData: D): WorkerScript<D> {
  return { filename: COMPILED ? module.href : TYPESCRIPT_BOOTSTRAP, workerData: { ...workerData, module: module.href } };
}
