import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/kernel/errors.ts';
import { availableMemory, checkMemory, ENGINE_BYTES, estimateRunMemory, formatBytes, parseSize } from '../../src/kernel/memory.ts';
import { validateParams } from '../../src/kernel/params.ts';
import type { AnyWorld } from '../../src/kernel/world.ts';
import assistants from '../../worlds/assistants.ts';
import { cli, tempDir } from '../support/cli.ts';

const GiB = 2 ** 30;
const params = (values: Record<string, unknown>) => validateParams(assistants, values);

/** The flagship world, with an init that fails the test if the guard lets it allocate. */
const guarded: AnyWorld = {
  ...assistants,
  init: () => {
    throw new Error('init ran: the guard should refuse before anything is allocated');
  },
};

describe('--max-memory sizes', () => {
  it.each([
    ['1G', GiB],
    ['1.5G', 1.5 * GiB],
    ['512M', 512 * 2 ** 20],
    ['512MB', 512 * 2 ** 20],
    ['2GiB', 2 * GiB],
    ['64k', 64 * 1024],
    ['1T', 2 ** 40],
    ['1000000', 1_000_000],
    ['100B', 100],
  ])('%s is %i bytes', (text, bytes) => {
    expect(parseSize(text)).toBe(bytes);
  });

  it.each(['', 'G', '0x10G', ' 1G', '-1G', '0', '1Q', '1 G', 'Infinity'])('%j is refused', (text) => {
    expect(() => parseSize(text)).toThrow(InputError);
    expect(() => parseSize(text)).toThrow(`--max-memory ${text}: expected a size such as 512M, 4G or 1.5G`);
  });

  it('formats sizes for people', () => {
    expect(formatBytes(1.5 * GiB)).toBe('1.5 GiB');
    expect(formatBytes(5_000_000_000)).toBe('4.66 GiB');
    expect(formatBytes(300)).toBe('300 B');
  });
});

describe('the memory guard of the flagship world', () => {
  it('grows with principals, assistants, areas, per-area learners and a sliding window', () => {
    const base = estimateRunMemory(assistants, params({}))!;
    expect(base).toBeGreaterThan(ENGINE_BYTES);
    const worldBytes = (values: Record<string, unknown>) => estimateRunMemory(assistants, params(values))! - ENGINE_BYTES;
    // Linear in the principals: the state and the records in flight are per principal.
    expect(worldBytes({ principals: 100_000 })).toBeCloseTo(1000 * worldBytes({ principals: 100 }), 0);
    expect(worldBytes({ assistants: 64 })).toBeGreaterThan(worldBytes({}));
    expect(worldBytes({ areas: 64 })).toBeGreaterThan(worldBytes({}));
    expect(worldBytes({ perArea: true })).toBeGreaterThan(worldBytes({}));
    // sw-ucb remembers arm and reward of its last `window` pulls: 12 bytes each.
    expect(worldBytes({ policy: 'sw-ucb', window: 1000 }) - worldBytes({ policy: 'sw-ucb', window: 500 })).toBe(50 * 500 * 12);
  });

  it('estimates principals=1000000 within 30% of the measured peak', () => {
    // Peak resident size of `alignsim run --set principals=1000000 --steps 2`, measured once with /usr/bin/time -v (4,947,172 KB).
    const measured = 4_947_172 * 1024;
    const estimate = estimateRunMemory(assistants, params({ principals: 1_000_000 }))!;
    expect(estimate / measured).toBeGreaterThan(0.7);
    expect(estimate / measured).toBeLessThan(1.3);
  });

  it('refuses principals=1000000 above 1 GiB, before the world allocates anything', () => {
    const limit = { bytes: GiB, source: '--max-memory' };
    expect(() => checkMemory(guarded, params({ principals: 1_000_000 }), limit)).toThrow(InputError);
    expect(() => checkMemory(guarded, params({ principals: 1_000_000 }), limit)).toThrow(
      /^world 'assistants' with these parameters needs about \d+(\.\d+)? GiB of memory, more than --max-memory \(1 GiB\): expected a smaller world/,
    );
  });

  it('refuses 64 areas × 64 assistants wherever the memory available is below its estimate, and runs it where it is not', () => {
    const big = params({ areas: 64, assistants: 64 });
    const estimate = estimateRunMemory(assistants, big)!;
    expect(estimate).toBeGreaterThan(estimateRunMemory(assistants, params({}))!);
    const machine = (bytes: number) => ({ bytes, source: 'the memory available on this machine' });
    expect(() => checkMemory(guarded, big, machine(estimate - 1))).toThrow(/more than the memory available on this machine/);
    expect(checkMemory(assistants, big, machine(estimate))).toBe(estimate);
    const available = availableMemory();
    if (available.bytes < estimate) expect(() => checkMemory(guarded, big)).toThrow(InputError);
    else expect(checkMemory(assistants, big)).toBe(estimate);
  });

  it('a world without an estimate is never refused', () => {
    const { estimateMemory: _none, ...plain } = assistants;
    expect(checkMemory(plain as AnyWorld, params({ principals: 1_000_000 }), { bytes: 1, source: 'x' })).toBeUndefined();
  });
});

describe('alignsim run --max-memory (end to end)', { timeout: 180_000 }, () => {
  it('refuses principals=1000000 with --max-memory 1G: one line, exit 2, no recording', () => {
    const db = join(tempDir(), 'big.sqlite');
    const result = cli(['run', '--set', 'principals=1000000', '--max-memory', '1G', '--db', db]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^alignsim: world 'assistants' with these parameters needs about [\d.]+ GiB of memory, more than --max-memory \(1 GiB\)/);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(existsSync(db)).toBe(false);
  });

  it('refuses a world a million principals strong with 64 areas and 64 assistants where the machine lacks its memory', () => {
    const values = { principals: 1_000_000, areas: 64, assistants: 64 };
    const estimate = estimateRunMemory(assistants, params(values))!;
    const args = Object.entries(values).flatMap(([key, value]) => ['--set', `${key}=${value}`]);
    // On a machine with more memory than that, --max-memory stands in for a smaller one.
    const limit = availableMemory().bytes < estimate ? [] : ['--max-memory', String(Math.floor(estimate / 2))];
    const result = cli(['run', ...args, ...limit, '--db', join(tempDir(), 'x.sqlite')]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/needs about [\d.]+ GiB of memory, more than (the memory available on this machine|the memory limit of this container|--max-memory)/);
  });
});
