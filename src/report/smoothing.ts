/** Rolling means for per-step series too noisy to read as lines (per-step welfare, delegation shares). */

type Points = readonly (readonly [number, number | null])[];

/** The window for a run of `steps` steps: about 2% of the run, odd so that it is centred, at least 5. */
export function smoothingWindow(steps: number): number {
  return Math.max(5, 2 * Math.round(steps / 100) + 1);
}

/**
 * Noisy: the mean absolute change from one point to the next exceeds a tenth of the series'
 * range. White noise moves a sixth of its range or more between neighbours; a trend, a step
 * change or a random walk (drifting weights) over 60 steps or more moves much less.
 */
export function isNoisy(points: Points): boolean {
  const values = points.map(([, v]) => v).filter((v): v is number => v !== null && Number.isFinite(v));
  if (values.length < 3) return false;
  const range = Math.max(...values) - Math.min(...values);
  if (!(range > 0)) return false;
  let moved = 0;
  for (let i = 1; i < values.length; i++) moved += Math.abs(values[i] - values[i - 1]);
  return moved / (values.length - 1) > range / 10;
}

/**
 * The centred rolling mean over `window` points (odd), over fewer at the ends; missing values
 * are left out of each mean, and a point whose window holds none stays missing.
 */
export function rollingMean(points: Points, window: number): [number, number | null][] {
  const half = Math.floor(window / 2);
  const sums = [0];
  const counts = [0];
  for (const [, v] of points) {
    const ok = v !== null && Number.isFinite(v);
    sums.push(sums.at(-1)! + (ok ? v : 0));
    counts.push(counts.at(-1)! + (ok ? 1 : 0));
  }
  return points.map(([t], i) => {
    const from = Math.max(0, i - half);
    const to = Math.min(points.length, i + half + 1);
    const n = counts[to] - counts[from];
    return [t, n === 0 ? null : (sums[to] - sums[from]) / n];
  });
}

/** The note a smoothed chart carries. */
export function smoothingNote(window: number): string {
  return `noisy per-step series: centred rolling mean over ${window} steps (raw values in --json)`;
}
