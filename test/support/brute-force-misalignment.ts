import type { Pairing, Population } from '../../src/measures/misalignment.ts';

/**
 * The definition of SCIENCE.md §1.2 restated as a double loop over ordered pairs (a, b), a from
 * group X and b from group Y: the oracle for tests and the baseline for the bench. Without
 * replacement a ≠ b; D is the number of pairs enumerated. Returns M_j per area.
 */
export function bruteForceBetween(
  pop: Population,
  inX: (agent: number) => boolean,
  inY: (agent: number) => boolean,
  pairing: Pairing,
): number[] {
  const { n, m, goals, weights, conflicts } = pop;
  const totals = new Array<number>(m).fill(0);
  let pairs = 0;
  for (let a = 0; a < n; a++) {
    if (!inX(a)) continue;
    for (let b = 0; b < n; b++) {
      if (!inY(b) || (pairing === 'without-replacement' && a === b)) continue;
      pairs++;
      for (let j = 0; j < m; j++) {
        const ga = goals[a * m + j];
        const gb = goals[b * m + j];
        if (ga < 0 || gb < 0) continue; // c(g, g0) = 0
        const k = Math.sqrt(conflicts[j].length);
        totals[j] += conflicts[j][ga * k + gb] * Math.sqrt(weights[a * m + j] * weights[b * m + j]);
      }
    }
  }
  return totals.map((t) => (pairs > 0 ? t / pairs : 0));
}

/** M_j per area for the whole population, by brute force. */
export function bruteForceMisalignment(pop: Population, pairing: Pairing): number[] {
  const everyone = (): boolean => true;
  return bruteForceBetween(pop, everyone, everyone, pairing);
}
