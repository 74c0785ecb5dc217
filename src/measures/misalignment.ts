/**
 * Population misalignment of Kierans, Ghosh, Hazan and Dori-Hacohen (AAAI 2025), SCIENCE.md §1.
 *
 * In area j, M_j = (1/D) · Σ_{ordered pairs (a,b)} c_j(g^a, g^b) · sqrt(w^a · w^b) (§1.2), computed
 * exactly in O(n·m + k²·m) from the per-goal sums S_j(g) = Σ_{a holding g} sqrt(w^a) as
 * Σ_{g,g'} c_j(g,g') S_j(g) S_j(g') / D (§1.5). Overall M is the mean over areas (§1.3).
 *
 * Pairs and D. Two agents are drawn, a from group X and b from group Y (the whole population
 * for M_j). With replacement, pairs range over X × Y and D = |X|·|Y|; without replacement
 * (the default, §1.2), a ≠ b and D = |X|·|Y| − |X ∩ Y|. Self-pairs add nothing to the
 * numerator (c(g,g) = 0), so only D differs. For X = Y = A this is n² and n(n−1). When no pair
 * can be drawn (D = 0: an empty group, or one agent without replacement) the value is 0, so
 * that a series stays defined.
 */

export type Pairing = 'without-replacement' | 'with-replacement';
export const PAIRINGS: readonly Pairing[] = ['without-replacement', 'with-replacement'];
export const DEFAULT_PAIRING: Pairing = 'without-replacement';

/** The null goal g0: the agent holds no goal in the area (§1.1). */
export const NULL_GOAL = -1;

/**
 * The flat form used by simulation worlds: n agents × m areas, row-major agent-major
 * (cell `agent * m + area`). `goals` holds goal indices 0..k_j−1 or NULL_GOAL; `weights` are
 * in [0, 1]; `conflicts[j]` is area j's k_j × k_j matrix, row-major, symmetric, zero diagonal,
 * entries in [0, 1].
 */
export interface Population {
  readonly n: number;
  readonly m: number;
  readonly goals: Int32Array;
  readonly weights: Float64Array;
  readonly conflicts: readonly Float64Array[];
}

/**
 * A group of agents: a mask (`Uint8Array` or `boolean[]` of length n, nonzero/true = member)
 * or a list of agent indices (`Int32Array` or `number[]`; repeats count once).
 */
export type Group = Uint8Array | readonly boolean[] | Int32Array | readonly number[];

/** Per-area values M_j and their mean. */
export interface Misalignment {
  readonly areas: Float64Array;
  readonly overall: number;
}

/** A group's size and, per area j, S_j(g) for each non-null goal g (§1.5). */
export interface GoalSums {
  readonly count: number;
  readonly sums: readonly Float64Array[];
}

/** Σ_{g,g'} c(g,g') s(g) t(g'): the numerator of §1.5 between two groups' sums in one area. */
export function conflictMass(conflict: Float64Array, s: Float64Array, t: Float64Array): number {
  let total = 0;
  for (let g = 0; g < s.length; g++) if (s[g] !== 0) total += s[g] * conflictRow(conflict, g, t);
  return total;
}

/** Σ_g' c(g,g') t(g'): the conflict met by one unit-weight holder of g. */
function conflictRow(conflict: Float64Array, g: number, t: Float64Array): number {
  const k = t.length;
  let row = 0;
  for (let h = 0, base = g * k; h < k; h++) row += conflict[base + h] * t[h];
  return row;
}

/** D of §1.2 for a draw from X and one from Y (see the module comment). */
export function pairCount(sizeX: number, sizeY: number, overlap: number, pairing: Pairing): number {
  return sizeX * sizeY - (pairing === 'without-replacement' ? overlap : 0);
}

/** M_j = mass_j / D per area, and their mean. */
export function misalignmentFromSums(
  conflicts: readonly Float64Array[],
  x: GoalSums,
  y: GoalSums,
  pairs: number,
): Misalignment {
  const areas = new Float64Array(conflicts.length);
  for (let j = 0; j < conflicts.length; j++) {
    areas[j] = pairs > 0 ? conflictMass(conflicts[j], x.sums[j], y.sums[j]) / pairs : 0;
  }
  return { areas, overall: mean(areas) };
}

/** M_j per area and overall M for the whole population (§1.2, §1.3), in O(n·m + k²·m). */
export function misalignment(pop: Population, pairing: Pairing = DEFAULT_PAIRING): Misalignment {
  const all = goalSums(pop);
  return misalignmentFromSums(pop.conflicts, all, all, pairCount(pop.n, pop.n, pop.n, pairing));
}

/** Misalignment between a random member of X and a random member of Y (module comment for D). */
export function betweenGroups(
  pop: Population,
  x: Group,
  y: Group,
  pairing: Pairing = DEFAULT_PAIRING,
): Misalignment {
  const inX = groupLabels(x, pop.n);
  const inY = groupLabels(y, pop.n);
  let overlap = 0;
  for (let a = 0; a < pop.n; a++) if (inX[a] === 0 && inY[a] === 0) overlap++;
  const [sx] = sumsByLabel(pop, inX, 1);
  const [sy] = sumsByLabel(pop, inY, 1);
  return misalignmentFromSums(pop.conflicts, sx, sy, pairCount(sx.count, sy.count, overlap, pairing));
}

/** S_j(g) over the whole population, or over a group. */
export function goalSums(pop: Population, group?: Group): GoalSums {
  return sumsByLabel(pop, group === undefined ? undefined : groupLabels(group, pop.n), 1)[0];
}

/**
 * S_j(g) for each group of a partition in one pass: `labels[a]` is agent a's group in
 * 0..groupCount−1, or −1 for none.
 */
export function groupGoalSums(pop: Population, labels: Int32Array, groupCount: number): GoalSums[] {
  if (labels.length !== pop.n) throw new RangeError(`labels: expected ${pop.n} entries, got ${labels.length}`);
  return sumsByLabel(pop, labels, groupCount);
}

/** Each agent's expected conflict with another agent drawn from the population (X = {a}, Y = A). */
export interface AgentMisalignment {
  /** n·m, agent-major like the population's cells. */
  readonly areas: Float64Array;
  /** n: the mean over areas. */
  readonly overall: Float64Array;
}

/**
 * Per-agent misalignment: sqrt(w^a) · Σ_g' c(g^a, g') S(g') / D with D = n (with replacement)
 * or n − 1 (without). The mean over agents is the population's M_j.
 */
export function agentMisalignment(pop: Population, pairing: Pairing = DEFAULT_PAIRING): AgentMisalignment {
  const { n, m, goals, weights, conflicts } = pop;
  const all = goalSums(pop);
  const pairs = pairCount(1, n, 1, pairing);
  // rowMass[j][g] = Σ_g' c_j(g, g') S_j(g') / D
  const rowMass = conflicts.map((c, j) =>
    all.sums[j].map((_, g) => (pairs > 0 ? conflictRow(c, g, all.sums[j]) / pairs : 0)),
  );
  const areas = new Float64Array(n * m);
  const overall = new Float64Array(n);
  for (let a = 0; a < n; a++) {
    let total = 0;
    for (let j = 0, cell = a * m; j < m; j++, cell++) {
      const g = goals[cell];
      if (g === NULL_GOAL) continue;
      areas[cell] = Math.sqrt(weights[cell]) * rowMass[j][g];
      total += areas[cell];
    }
    overall[a] = m > 0 ? total / m : 0;
  }
  return { areas, overall };
}

/**
 * Misalignment kept up to date under single-cell edits, for worlds that change a few agents a
 * step. It holds S_j(g) and each area's mass Σ c S S; an edit moves one S_j(g) by δ and the mass
 * by 2δ·Σ_g' c(g,g') S(g') (zero diagonal), in O(k). Reads: `area` O(1), `overall` O(m),
 * `between` O(k²·m) from per-group sums kept alongside when `groups` labels are given.
 *
 * The tracker owns the population's `goals` and `weights` arrays: edit them only through it.
 * Floating-point drift: each edit rounds S and the mass, adding an absolute error of about
 * 1e-16 × max(mass, S²) to the mass; errors grow about linearly with the number of edits, are
 * relatively large when the mass is small next to S² (a nearly unanimous area), and S may reach
 * tiny negatives such as −1e-17. `recompute()` rebuilds everything exactly in O(n·m + k²·m);
 * calling it once every ~n edits adds only O(m) per edit, amortised.
 */
export class MisalignmentTracker {
  readonly pairing: Pairing;
  private readonly pop: Population;
  private readonly labels: Int32Array | undefined;
  private readonly groupCount: number;
  private readonly mass: Float64Array;
  private all!: GoalSums;
  private groups: GoalSums[] = [];

  /** `groups`: optional group label per agent (0..G−1, or −1 for none), fixed for the tracker's life. */
  constructor(pop: Population, options: { pairing?: Pairing; groups?: Int32Array } = {}) {
    this.pairing = options.pairing ?? DEFAULT_PAIRING;
    this.pop = pop;
    this.labels = options.groups;
    if (this.labels && this.labels.length !== pop.n) {
      throw new RangeError(`groups: expected ${pop.n} labels, got ${this.labels.length}`);
    }
    this.groupCount = this.labels ? 1 + this.labels.reduce((a, b) => Math.max(a, b), -1) : 0;
    this.mass = new Float64Array(pop.m);
    this.recompute();
  }

  /** Rebuilds the sums and masses from the population, discarding accumulated drift. */
  recompute(): void {
    const { pop } = this;
    [this.all] = sumsByLabel(pop, undefined, 1);
    for (let j = 0; j < pop.m; j++) this.mass[j] = conflictMass(pop.conflicts[j], this.all.sums[j], this.all.sums[j]);
    if (this.labels) this.groups = sumsByLabel(pop, this.labels, this.groupCount);
  }

  setGoal(agent: number, area: number, goal: number): void {
    const cell = this.cell(agent, area);
    const k = this.all.sums[area].length;
    if (goal !== NULL_GOAL && !(Number.isInteger(goal) && goal >= 0 && goal < k)) {
      throw new RangeError(`area ${area}: goal ${goal} is not NULL_GOAL or an index below ${k}`);
    }
    const old = this.pop.goals[cell];
    if (old === goal) return;
    const root = Math.sqrt(this.pop.weights[cell]);
    if (old !== NULL_GOAL) this.shift(agent, area, old, -root);
    this.pop.goals[cell] = goal;
    if (goal !== NULL_GOAL) this.shift(agent, area, goal, root);
  }

  setWeight(agent: number, area: number, weight: number): void {
    const cell = this.cell(agent, area);
    if (!(weight >= 0 && weight <= 1)) throw new RangeError(`weight ${weight}: expected a number in [0, 1]`);
    const old = this.pop.weights[cell];
    this.pop.weights[cell] = weight;
    const goal = this.pop.goals[cell];
    if (goal !== NULL_GOAL) this.shift(agent, area, goal, Math.sqrt(weight) - Math.sqrt(old));
  }

  /** M_j, O(1). */
  area(j: number): number {
    const pairs = pairCount(this.pop.n, this.pop.n, this.pop.n, this.pairing);
    return pairs > 0 ? this.mass[j] / pairs : 0;
  }

  /** M, O(m). */
  overall(): number {
    let total = 0;
    for (let j = 0; j < this.pop.m; j++) total += this.area(j);
    return this.pop.m > 0 ? total / this.pop.m : 0;
  }

  /** Misalignment between groups x and y of the `groups` labels, O(k²·m). */
  between(x: number, y: number): Misalignment {
    const sx = this.groups[x];
    const sy = this.groups[y];
    if (!sx || !sy) throw new RangeError(`between(${x}, ${y}): groups are 0..${this.groupCount - 1}`);
    const pairs = pairCount(sx.count, sy.count, x === y ? sx.count : 0, this.pairing);
    return misalignmentFromSums(this.pop.conflicts, sx, sy, pairs);
  }

  private cell(agent: number, area: number): number {
    const { n, m } = this.pop;
    if (!(Number.isInteger(agent) && agent >= 0 && agent < n && Number.isInteger(area) && area >= 0 && area < m)) {
      throw new RangeError(`cell (${agent}, ${area}) is outside ${n} agents × ${m} areas`);
    }
    return agent * m + area;
  }

  /** S_j(goal) += delta, and the area's mass with it. */
  private shift(agent: number, area: number, goal: number, delta: number): void {
    const s = this.all.sums[area];
    this.mass[area] += 2 * delta * conflictRow(this.pop.conflicts[area], goal, s);
    s[goal] += delta;
    const label = this.labels ? this.labels[agent] : -1;
    if (label >= 0) this.groups[label].sums[area][goal] += delta;
  }
}

// ---- object form (the population file) ----

export interface AreaSpec {
  readonly name: string;
  readonly goals: readonly string[];
  /** k × k, symmetric, zero diagonal, entries in [0, 1]. */
  readonly conflict: readonly (readonly number[])[];
}

export interface AgentSpec {
  readonly name: string;
  readonly kind?: string;
  /** Goal name per area name; a missing area or null is the null goal g0. */
  readonly goals?: Readonly<Record<string, string | null>>;
  /** Weight in [0, 1] per area name; missing means 1 (full importance, as in the paper's simulations, §1.8). */
  readonly weights?: Readonly<Record<string, number>>;
}

export interface PopulationSpec {
  readonly areas: readonly AreaSpec[];
  readonly agents: readonly AgentSpec[];
}

/**
 * Converts the object form to the flat form, checking it. Throws a RangeError with a one-line
 * message naming the area, agent or matrix cell at fault.
 */
export function populationFromSpec(spec: PopulationSpec): Population {
  const n = spec.agents.length;
  const m = spec.areas.length;
  const areaIndex = uniqueIndex(spec.areas.map((a) => a.name), 'area');
  const goalIndex = spec.areas.map((area) => {
    if (area.goals.length === 0) throw new RangeError(`area "${area.name}" has no goals; expected at least one`);
    return uniqueIndex(area.goals, `area "${area.name}": goal`);
  });
  const conflicts = spec.areas.map((area) => flattenConflict(area));
  uniqueIndex(spec.agents.map((a) => a.name), 'agent');

  const goals = new Int32Array(n * m).fill(NULL_GOAL);
  const weights = new Float64Array(n * m).fill(1);
  spec.agents.forEach((agent, a) => {
    const areaOf = (name: string, field: string): number => {
      const j = areaIndex.get(name);
      if (j === undefined) throw new RangeError(`agent "${agent.name}": ${field} name unknown area "${name}"`);
      return j;
    };
    for (const [name, goal] of Object.entries(agent.goals ?? {})) {
      const j = areaOf(name, 'goals');
      if (goal === null) continue;
      const g = goalIndex[j].get(goal);
      if (g === undefined) {
        throw new RangeError(
          `agent "${agent.name}": goal "${goal}" is not a goal of area "${name}" (expected one of ${spec.areas[j].goals.join(', ')}, or null)`,
        );
      }
      goals[a * m + j] = g;
    }
    for (const [name, w] of Object.entries(agent.weights ?? {})) {
      const j = areaOf(name, 'weights');
      if (!(w >= 0 && w <= 1)) {
        throw new RangeError(`agent "${agent.name}": weight for area "${name}" is ${w}; expected a number in [0, 1]`);
      }
      weights[a * m + j] = w;
    }
  });
  return { n, m, goals, weights, conflicts };
}

// ---- internals ----

function mean(values: Float64Array): number {
  let total = 0;
  for (const v of values) total += v;
  return values.length > 0 ? total / values.length : 0;
}

function uniqueIndex(names: readonly string[], what: string): Map<string, number> {
  const index = new Map<string, number>();
  names.forEach((name, i) => {
    if (index.has(name)) throw new RangeError(`${what} "${name}" appears twice; expected unique names`);
    index.set(name, i);
  });
  return index;
}

function flattenConflict(area: AreaSpec): Float64Array {
  const k = area.goals.length;
  const rows = area.conflict;
  const where = `area "${area.name}"`;
  if (rows.length !== k) throw new RangeError(`${where}: conflict has ${rows.length} rows; expected ${k} (one per goal)`);
  const flat = new Float64Array(k * k);
  rows.forEach((row, g) => {
    if (row.length !== k) throw new RangeError(`${where}: conflict row ${g} has ${row.length} entries; expected ${k}`);
    flat.set(row, g * k);
  });
  checkConflict(flat, k, where);
  return flat;
}

/** Symmetric, zero diagonal, entries in [0, 1] (§1.1), which the fast forms rely on. */
function checkConflict(c: Float64Array, k: number, where: string): void {
  for (let g = 0; g < k; g++) {
    for (let h = 0; h < k; h++) {
      const v = c[g * k + h];
      const cell = `${where}: conflict[${g}][${h}] = ${v}`;
      if (!(v >= 0 && v <= 1)) throw new RangeError(`${cell}; expected a number in [0, 1]`);
      if (g === h && v !== 0) throw new RangeError(`${cell}; expected 0 on the diagonal`);
      if (v !== c[h * k + g]) {
        throw new RangeError(`${cell} but conflict[${h}][${g}] = ${c[h * k + g]}; expected a symmetric matrix`);
      }
    }
  }
}

/** Start of each area's goals in a flat per-goal array (length m+1), after checking shapes. */
function goalOffsets(pop: Population): Int32Array {
  const { n, m, goals, weights, conflicts } = pop;
  if (goals.length !== n * m || weights.length !== n * m) {
    throw new RangeError(`population: goals and weights need n·m = ${n * m} cells, got ${goals.length} and ${weights.length}`);
  }
  if (conflicts.length !== m) throw new RangeError(`population: ${conflicts.length} conflict matrices for ${m} areas`);
  const offsets = new Int32Array(m + 1);
  conflicts.forEach((c, j) => {
    const k = Math.round(Math.sqrt(c.length));
    if (k * k !== c.length) throw new RangeError(`area ${j}: conflict has ${c.length} entries; expected k·k`);
    checkConflict(c, k, `area ${j}`);
    offsets[j + 1] = offsets[j] + k;
  });
  return offsets;
}

function isMask(group: Group): group is Uint8Array | readonly boolean[] {
  return group instanceof Uint8Array || typeof group[0] === 'boolean';
}

/** A group as labels: 0 for members, −1 for the rest. */
function groupLabels(group: Group, n: number): Int32Array {
  const labels = new Int32Array(n).fill(-1);
  if (isMask(group)) {
    if (group.length !== n) throw new RangeError(`group mask: expected ${n} entries, got ${group.length}`);
    for (let a = 0; a < n; a++) if (group[a]) labels[a] = 0;
  } else {
    for (const a of group) {
      if (!(Number.isInteger(a) && a >= 0 && a < n)) throw new RangeError(`group: agent index ${a} is outside 0..${n - 1}`);
      labels[a] = 0;
    }
  }
  return labels;
}

/**
 * The hot loop, adding sqrt(w) to S_j(g) of the agent's group. Two choices make it about twice
 * as fast as the plain double loop: each area gets a scratch slot before its goals where g0
 * holders land (no branch on g0), and areas are the outer loop (constants hoisted; a strided pass
 * per area is cheaper than a branchy pass per agent).
 */
function sumsByLabel(pop: Population, labels: Int32Array | undefined, groupCount: number): GoalSums[] {
  const { n, m, goals, weights } = pop;
  const offsets = goalOffsets(pop);
  const stride = offsets[m] + m; // per group: each area's g0 slot, then its k goals
  const flat = new Float64Array(stride * groupCount);
  const counts = new Float64Array(groupCount);
  if (labels === undefined) counts[0] = n;
  else {
    labels.forEach((label, a) => {
      if (label >= groupCount) throw new RangeError(`agent ${a}: group label ${label} is not below ${groupCount}`);
      if (label >= 0) counts[label]++;
    });
  }
  for (let j = 0; j < m; j++) {
    const k = offsets[j + 1] - offsets[j];
    const nullSlot = offsets[j] + j;
    for (let a = 0, cell = j; a < n; a++, cell += m) {
      const label = labels === undefined ? 0 : labels[a];
      if (label < 0) continue;
      const g = goals[cell];
      if ((g + 1) >>> 0 > k) throw new RangeError(`agent ${a}, area ${j}: goal ${g} is not NULL_GOAL or an index below ${k}`);
      flat[label * stride + nullSlot + 1 + g] += Math.sqrt(weights[cell]);
    }
  }
  return Array.from({ length: groupCount }, (_, x) => ({
    count: counts[x],
    sums: Array.from({ length: m }, (_, j) => flat.subarray(x * stride + offsets[j] + j + 1, x * stride + offsets[j + 1] + j + 1)),
  }));
}
