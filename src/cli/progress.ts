/**
 * A progress bar with rate and ETA on stderr, drawn only for a terminal. It reads the wall
 * clock for display only; nothing it does reaches the run.
 */
export class ProgressBar {
  private readonly started = Date.now();
  private lastDraw = 0;
  private readonly enabled: boolean;

  constructor(
    private readonly total: number,
    private readonly unit: string,
    quiet: boolean,
    private readonly stream: NodeJS.WriteStream = process.stderr,
  ) {
    this.enabled = !quiet && stream.isTTY === true;
  }

  update(done: number): void {
    if (!this.enabled) return;
    const now = Date.now();
    if (now - this.lastDraw < 100 && done < this.total) return;
    this.lastDraw = now;
    const elapsed = (now - this.started) / 1000;
    const rate = elapsed > 0 ? done / elapsed : 0;
    const eta = rate > 0 ? (this.total - done) / rate : 0;
    const width = 30;
    const filled = Math.round((width * done) / this.total);
    const bar = '#'.repeat(filled) + '.'.repeat(width - filled);
    const percent = ((100 * done) / this.total).toFixed(0).padStart(3);
    this.stream.write(`\r[${bar}] ${percent}% ${done}/${this.total} ${this.unit}  ${rate.toFixed(1)} ${this.unit}/s  ETA ${formatSeconds(eta)}  `);
  }

  finish(): void {
    if (this.enabled) this.stream.write('\n');
  }
}

function formatSeconds(seconds: number): string {
  if (seconds < 60) return `${seconds.toFixed(0)}s`;
  const m = Math.floor(seconds / 60);
  return `${m}m${String(Math.round(seconds - 60 * m)).padStart(2, '0')}s`;
}
