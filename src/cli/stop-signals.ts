import { constants } from 'node:os';

/** The signals that stop a command the way Ctrl-C does: a scheduler's SIGTERM, a closed terminal's SIGHUP. */
export const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/**
 * While installed, SIGINT, SIGTERM and SIGHUP abort `signal` instead of killing the process, so
 * that the work in progress finishes its step and is marked interrupted. A second signal of the
 * same kind kills the process as usual.
 */
export class StopSignals {
  private readonly controller = new AbortController();
  private received: NodeJS.Signals | null = null;
  private readonly handlers = STOP_SIGNALS.map((name) => {
    const handler = (): void => {
      this.received ??= name;
      this.controller.abort();
    };
    process.once(name, handler);
    return [name, handler] as const;
  });

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /**
   * Exit code for work that ended with this status: 128 + the signal's number for an interrupt
   * (as a shell reports a process the signal ended), 1 for a failure.
   */
  exitCodeFor(status: string): number {
    if (status === 'interrupted') return 128 + constants.signals[this.received ?? 'SIGINT'];
    return status === 'failed' ? 1 : 0;
  }

  dispose(): void {
    for (const [name, handler] of this.handlers) process.off(name, handler);
  }
}
