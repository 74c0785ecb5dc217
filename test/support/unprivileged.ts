import { spawnSync } from 'node:child_process';

/**
 * Runs `fn` as a user without write access to files it did not create: as root (which ignores
 * file permissions) under the effective user id of `nobody`, set back when `fn` returns;
 * otherwise as the current user. Only synchronous work sees the changed user.
 */
export function asUnprivileged<T>(fn: () => T): T {
  if (process.getuid?.() !== 0) return fn();
  const nobody = Number(spawnSync('id', ['-u', 'nobody'], { encoding: 'utf8' }).stdout.trim());
  process.seteuid!(nobody);
  try {
    return fn();
  } finally {
    process.seteuid!(0);
  }
}
