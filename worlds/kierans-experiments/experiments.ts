import type { RandomStream } from '../../src/kernel/random.ts';
import type { Population } from '../../src/measures/misalignment.ts';
import { buildWorld } from './random-world.ts';

/**
 * The five simulation experiments of Kierans et al. (SCIENCE.md §1.8, the paper's Figures 1–5),
 * with the settings of the paper's runs. Step t of a run is one point of the figure's x axis;
 * each line of the figure is a series named `figure<N>/<line>`. Where the authors' code
 * (RIET-lab/quantifying-misalignment, src/experiments.ipynb) is more specific than the text, an
 * option reproduces it: the logarithmic population grid of Figures 1–2, the rounding down of
 * Figure 4's group sizes and the per-goal-group weights of Figure 5.
 */
export type PopulationGrid = 'linear' | 'log';
export type Rounding = 'nearest' | 'floor';
export type WeightDraw = 'per-agent' | 'per-goal-group';

/** The authors' population grid: the unique rounded values of 16 points spaced logarithmically from 1 to 100. */
export const LOG_POPULATIONS: readonly number[] = [
  ...new Set(Array.from({ length: 16 }, (_, i) => Math.round(10 ** ((2 * i) / 15)))),
];

export interface ExperimentSettings {
  /** Experiments 1–2: the population at step t is t · populationStep (linear grid). */
  readonly populationStep: number;
  /** Experiments 1–2: `log` puts step t at LOG_POPULATIONS[t − 1] instead. */
  readonly populationGrid: PopulationGrid;
  /** Experiment 4: goal groups of round(n·share) agents (`nearest`) or int(n·share) (`floor`, the authors'). */
  readonly rounding: Rounding;
  /** Experiment 5: one weight per agent and area, or one per goal group and area (the authors'). */
  readonly weights: WeightDraw;
  /** Experiments 3–4: x at step t is (t − 1) · fractionStep, up to 1. */
  readonly fractionStep: number;
  /** Experiments 3–5: the population size, when not the paper's (100, 1000, 120). */
  readonly agents?: number;
}

/** One line of a figure: its metric name and its world at x. */
export interface Series {
  readonly name: string;
  world(x: number, rng: RandomStream): Population;
}

export interface Experiment {
  /** What the x axis is. */
  readonly x: string;
  /** False when the world at x is fixed (experiment 4): one world a point instead of an average. */
  readonly random: boolean;
  xAt(t: number, settings: ExperimentSettings): number;
  series(settings: ExperimentSettings): readonly Series[];
}

const UNIT_WEIGHTS = [1, 1] as const;
const fill = (count: number, value: number): number[] => new Array<number>(count).fill(value);
const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i);

const populationAt = (t: number, s: ExperimentSettings): number =>
  s.populationGrid === 'log' ? LOG_POPULATIONS[Math.min(t, LOG_POPULATIONS.length) - 1] : t * s.populationStep;
/** Rounded to 12 decimals so that 0.02 · 3 is recorded as 0.06. */
const fractionAt = (t: number, s: ExperimentSettings): number => Math.min(1, Math.round((t - 1) * s.fractionStep * 1e12) / 1e12);

/** Experiments 1–2: random goals, weights 1, conflict 1, the population on the x axis. */
function randomGoalsSeries(name: string, goalsPerArea: number, areas: number): Series {
  return {
    name,
    world: (n, rng) => buildWorld({ agents: n, goalsPerArea, conflicts: fill(areas, 1), weightRange: UNIT_WEIGHTS }, rng),
  };
}

export const EXPERIMENTS: readonly Experiment[] = [
  {
    // 1. Varying problem areas: 3 goals an area, 1–5 areas; converges to 2/3 (SCIENCE.md §1.4).
    x: 'population size',
    random: true,
    xAt: populationAt,
    series: () => range(1, 5).map((areas) => randomGoalsSeries(`figure1/areas=${areas}`, 3, areas)),
  },
  {
    // 2. Varying goals: 4 areas, 2–5 goals; converges to (k − 1)/k.
    x: 'population size',
    random: true,
    xAt: populationAt,
    series: () => range(2, 5).map((goals) => randomGoalsSeries(`figure2/goals=${goals}`, goals, 4)),
  },
  {
    // 3. Weight sensitivity: the holders of goal 1 in area 1 weigh it x, every other weight is 1.
    x: 'weight of goal 1 in area 1',
    random: true,
    xAt: fractionAt,
    series: (s) =>
      [2, 4].flatMap((goals) =>
        range(1, 4).map((areas) => ({
          name: `figure3/goals=${goals},areas=${areas}`,
          world: (w: number, rng: RandomStream) => {
            const pop = buildWorld({ agents: s.agents ?? 100, goalsPerArea: goals, conflicts: fill(areas, 1), weightRange: UNIT_WEIGHTS }, rng);
            for (let a = 0; a < pop.n; a++) if (pop.goals[a * areas] === 0) pop.weights[a * areas] = w;
            return pop;
          },
        })),
      ),
  },
  {
    // 4. Goal distribution: x · n agents hold goal 1, the rest spread evenly over the others; peaks at x = 1/k.
    // `nearest`: round(x · n) hold goal 1 and the other n − round(x · n) are dealt round-robin (n agents).
    // `floor` (the authors'): every goal g gets int(n · share_g) agents, so up to k − 1 agents are dropped.
    x: 'share of agents holding goal 1',
    random: false,
    xAt: fractionAt,
    series: (s) =>
      range(2, 5).map((goals) => ({
        name: `figure4/goals=${goals}`,
        world: (share: number, rng: RandomStream) => {
          const n = s.agents ?? 1000;
          const counts = s.rounding === 'floor' ? floorCounts(n, share, goals) : nearestCounts(n, share, goals);
          const starts = counts.map((_, g) => counts.slice(0, g).reduce((a, b) => a + b, 0));
          const presetGoal = (a: number): number => starts.findLastIndex((start, g) => counts[g] > 0 && a >= start);
          const total = counts.reduce((a, b) => a + b, 0);
          return buildWorld({ agents: total, goalsPerArea: goals, conflicts: [1], presetGoal, weightRange: UNIT_WEIGHTS }, rng);
        },
      })),
  },
  {
    // 5. Conflict levels: goals split evenly, weights uniform in (0.25, 0.75) per agent (or per goal group), one conflict value per area.
    x: 'goals per area',
    random: true,
    xAt: (t) => Math.min(t, 10),
    series: (s) =>
      [[1, 1, 1], [1], [1, 0.75], [1, 0.75, 0.5], [0.5], [0.25, 0.5, 0.75], [0.25, 0.5], [0.25], [0.25, 0.25, 0.25]].map((conflicts) => ({
        name: `figure5/conflicts=${conflicts.join(',')}`,
        world: (goals: number, rng: RandomStream) =>
          buildWorld(
            { agents: s.agents ?? 120, goalsPerArea: goals, conflicts, presetGoal: (a) => a % goals, weightRange: [0.25, 0.75], weightPerGoal: s.weights === 'per-goal-group' },
            rng,
          ),
      })),
  },
];

/** Goal 1 gets round(n · share) agents, the others the rest dealt round-robin. */
function nearestCounts(n: number, share: number, goals: number): number[] {
  const first = Math.round(share * n);
  return [first, ...range(1, goals - 1).map((g) => Math.floor((n - first) / (goals - 1)) + (g <= (n - first) % (goals - 1) ? 1 : 0))];
}

/** Every goal gets int(n · share_g) agents: share for goal 1, (1 − share)/(k − 1) for each other. */
function floorCounts(n: number, share: number, goals: number): number[] {
  const other = Math.floor(n * ((1 - share) / (goals - 1)) + 1e-9);
  return [Math.floor(n * share + 1e-9), ...new Array<number>(goals - 1).fill(other)];
}
