import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isOtherShardFile, parseShard, shardFromEnvironment, shardIndices, shardPrefix } from '../../src/sweep/shard.ts';

describe('shards', () => {
  it('parses I/N from 0 and refuses an index out of range', () => {
    expect(parseShard('2/3')).toEqual({ index: 2, count: 3 });
    expect(() => parseShard('3/3')).toThrow(/expected an index from 0 to 2/);
    expect(() => parseShard('1-3')).toThrow(/expected I\/N/);
    expect(() => parseShard('0/0')).toThrow(/at least 1 shard/);
  });

  it('reads a Slurm job array; an explicit count wins, so a resubmitted subset of tasks keeps its shards', () => {
    expect(shardFromEnvironment({ SLURM_ARRAY_TASK_ID: '4', SLURM_ARRAY_TASK_COUNT: '5' }, undefined)).toEqual({ index: 4, count: 5 });
    expect(shardFromEnvironment({ SLURM_ARRAY_TASK_ID: '7', SLURM_ARRAY_TASK_COUNT: '2' }, 16)).toEqual({ index: 7, count: 16 });
    expect(() => shardFromEnvironment({ SLURM_ARRAY_TASK_ID: '7', SLURM_ARRAY_TASK_COUNT: '2' }, undefined)).toThrow(/from 0 to 1/);
    expect(() => shardFromEnvironment({ SLURM_ARRAY_TASK_ID: 'x', SLURM_ARRAY_TASK_COUNT: '5' }, undefined)).toThrow(/SLURM_ARRAY_TASK_ID 'x'/);
  });

  it('reads a Kubernetes Indexed Job, with the count from the flag or spec', () => {
    expect(shardFromEnvironment({ JOB_COMPLETION_INDEX: '1' }, 4)).toEqual({ index: 1, count: 4 });
    expect(() => shardFromEnvironment({ JOB_COMPLETION_INDEX: '1' }, undefined)).toThrow(/--shards N or "shards" in the spec/);
    expect(() => shardFromEnvironment({ JOB_COMPLETION_INDEX: '4' }, 4)).toThrow(/from 0 to 3/);
    expect(shardFromEnvironment({}, 4)).toBeNull();
  });

  it('splits the run indices into disjoint shards that cover them all', () => {
    fc.assert(
      fc.property(fc.nat(200), fc.integer({ min: 1, max: 12 }), (size, count) => {
        const all = Array.from({ length: count }, (_, index) => [...shardIndices(size, { index, count })]).flat();
        expect(all.sort((a, b) => a - b)).toEqual(Array.from({ length: size }, (_, i) => i));
      }),
    );
    expect([...shardIndices(7, { index: 1, count: 3 })]).toEqual([1, 4]);
    expect(shardPrefix({ index: 1, count: 3 })).toBe('shard-1-of-3.');
    expect(shardPrefix(null)).toBe('');
    expect(isOtherShardFile('shard-2-of-3.worker-0.sqlite', { index: 1, count: 3 })).toBe(true);
    expect(isOtherShardFile('shard-1-of-3.worker-0.sqlite', { index: 1, count: 3 })).toBe(false);
    expect(isOtherShardFile('shard-2-of-4.worker-0.sqlite', { index: 1, count: 3 })).toBe(false);
    expect(isOtherShardFile('worker-0.sqlite', { index: 1, count: 3 })).toBe(false);
    expect(isOtherShardFile('shard-2-of-3.worker-0.sqlite', null)).toBe(false);
  });
});
