import { parseDecimal } from '../kernel/decimal.ts';
import { InputError } from '../kernel/errors.ts';

/** Shard `index` of `count` (0-based) runs the sweep's runs i with i mod count = index. */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

function integer(text: string, what: string): number {
  const value = parseDecimal(text);
  if (!Number.isSafeInteger(value) || value < 0) throw new InputError(`${what} '${text}': expected a non-negative integer`);
  return value;
}

function shard(index: number, count: number, source: string): Shard {
  if (count < 1) throw new InputError(`${source}: expected at least 1 shard, got ${count}`);
  if (index >= count) throw new InputError(`${source}: shard ${index} of ${count}: expected an index from 0 to ${count - 1}`);
  return { index, count };
}

/** `--shard I/N`, 0-based. */
export function parseShard(text: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(text);
  if (!match) throw new InputError(`--shard ${text}: expected I/N, e.g. 0/3 (shards are numbered from 0)`);
  return shard(Number(match[1]), Number(match[2]), `--shard ${text}`);
}

/**
 * The shard a cluster scheduler assigned through the environment: a Slurm job array numbered
 * from 0 (`SLURM_ARRAY_TASK_ID`) or a Kubernetes Indexed Job (`JOB_COMPLETION_INDEX`). The number
 * of shards is `count` (from --shards or the spec) or else `SLURM_ARRAY_TASK_COUNT`; giving it
 * explicitly keeps the shards right when only some array tasks are resubmitted.
 */
export function shardFromEnvironment(env: NodeJS.ProcessEnv, count: number | undefined): Shard | null {
  const slurmTask = env.SLURM_ARRAY_TASK_ID;
  if (slurmTask !== undefined) {
    const total = count ?? (env.SLURM_ARRAY_TASK_COUNT === undefined ? undefined : integer(env.SLURM_ARRAY_TASK_COUNT, 'SLURM_ARRAY_TASK_COUNT'));
    if (total === undefined) throw new InputError('SLURM_ARRAY_TASK_ID is set but not the number of shards: expected --shards N, "shards" in the spec or SLURM_ARRAY_TASK_COUNT');
    return shard(integer(slurmTask, 'SLURM_ARRAY_TASK_ID'), total, 'SLURM_ARRAY_TASK_ID');
  }
  const kubernetesIndex = env.JOB_COMPLETION_INDEX;
  if (kubernetesIndex !== undefined) {
    if (count === undefined) throw new InputError('JOB_COMPLETION_INDEX is set but not the number of shards: expected --shards N or "shards" in the spec');
    return shard(integer(kubernetesIndex, 'JOB_COMPLETION_INDEX'), count, 'JOB_COMPLETION_INDEX');
  }
  return null;
}

/** The sweep indices of a shard (all of them without one). */
export function* shardIndices(size: number, selected: Shard | null): Generator<number> {
  const { index, count } = selected ?? { index: 0, count: 1 };
  for (let i = index; i < size; i += count) yield i;
}

/** File-name prefix of a shard's recordings, so shards sharing a directory never share a file. */
export function shardPrefix(selected: Shard | null): string {
  return selected ? `shard-${selected.index}-of-${selected.count}.` : '';
}

/**
 * Whether a file in the sweep directory belongs to another shard of the same split: it holds
 * none of this shard's runs, and on a cluster it may be being written on another host.
 */
export function isOtherShardFile(fileName: string, selected: Shard | null): boolean {
  const match = /^shard-(\d+)-of-(\d+)\./.exec(fileName);
  return selected !== null && match !== null && Number(match[2]) === selected.count && Number(match[1]) !== selected.index;
}
