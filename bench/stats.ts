import type { BenchResult } from './main.ts';

/** The summaries every benchmark reports: repeated measurements give a median and a range. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** `range 1.05–1.07`: the smallest and largest of the measurements. */
export const range = (values: readonly number[], digits = 2): string => `range ${Math.min(...values).toFixed(digits)}–${Math.max(...values).toFixed(digits)}`;

/** A result line of repeated measurements: `label (median of N, range a–b)` and their median. */
export function summarised(label: string, values: readonly number[], unit: string, target?: string): BenchResult {
  const result = { name: `${label} (median of ${values.length}, ${range(values)})`, value: median(values), unit };
  return target === undefined ? result : { ...result, target };
}
