import { z } from 'zod';
import { defineWorld } from '../src/kernel/world.ts';
import { misalignment } from '../src/measures/misalignment.ts';
import { pairingParam } from './common/pairing.ts';
import { EXPERIMENTS, LOG_POPULATIONS } from './kierans-experiments/experiments.ts';

/**
 * The five simulation experiments of Kierans et al. (SCIENCE.md §1.8). Each step is one point of
 * the chosen figure's x axis: the world records that x as the metric `x` and, for each line of the
 * figure, the mean overall misalignment of `runsPerPoint` worlds drawn from the `environment`
 * stream as the metric `figure<N>/<line>` (for example `figure1/areas=3`), with the spread of those
 * runs as `figure<N>/<line>/min`, `/max` and `/std` (population standard deviation; not for
 * experiment 4, whose worlds are fixed). A `figure` event at step 1 tells `report` how the paper
 * lays the figure out: x axis, one line per setting, the min–max band.
 */
const params = z.object({
  experiment: z.number().int().min(1).max(5).default(1).describe('which experiment (figure) of SCIENCE.md §1.8'),
  runsPerPoint: z.number().int().min(1).max(100_000).default(100).describe('random worlds averaged for each x'),
  pairing: pairingParam,
  populationStep: z.number().int().min(1).max(100_000).default(1).describe('experiments 1–2, linear grid: population at step t is t × this'),
  populationGrid: z.enum(['linear', 'log']).default('linear').describe("experiments 1–2: population t × populationStep, or the authors' log grid (1, 2, 3, 5, …, 100)"),
  fractionStep: z.number().gt(0).max(1).default(0.02).describe('experiments 3–4: x at step t is (t − 1) × this, up to 1'),
  rounding: z.enum(['nearest', 'floor']).default('nearest').describe("experiment 4: goal groups of round(n·share) agents, or int(n·share) as in the authors' code"),
  weights: z.enum(['per-agent', 'per-goal-group']).default('per-agent').describe("experiment 5: a weight per agent, or one per goal group as in the authors' code"),
  agents: z.number().int().min(2).max(1_000_000).optional().describe("experiments 3–5: population size (the paper's 100, 1000, 120)"),
});

type Params = z.infer<typeof params>;

/** Steps that cover the figure's x axis. */
function stepsFor(p: Params): number {
  if (p.experiment <= 2) return p.populationGrid === 'log' ? LOG_POPULATIONS.length : 100;
  return p.experiment === 5 ? 10 : Math.ceil(1 / p.fractionStep - 1e-9) + 1;
}

export default defineWorld({
  name: 'kierans-experiments',
  description: 'the five misalignment experiments of Kierans et al. (Figures 1–5), one x-axis point a step',
  params,
  defaultSteps: 100,
  // Experiments 3–4 reach x = 1 after 1/fractionStep steps, experiment 5 has ten points and the log grid 14: stop there.
  stepsFor,
  init: (p) => {
    const experiment = EXPERIMENTS[p.experiment - 1];
    return { experiment, series: experiment.series(p) };
  },
  phases: {
    measure: (ctx) => {
      const { params: p, state } = ctx;
      const rng = ctx.random.stream('environment');
      const x = state.experiment.xAt(ctx.t, p);
      const runs = state.experiment.random ? p.runsPerPoint : 1;
      if (ctx.t === 1) {
        ctx.event('figure', `figure${p.experiment}`, {
          title: `Figure ${p.experiment} (Kierans et al.)`,
          x: 'x',
          xLabel: state.experiment.x,
          yLabel: `misalignment (${p.pairing})`,
          lines: `figure${p.experiment}/`,
          band: state.experiment.random,
        });
      }
      ctx.metric('x', x);
      for (const series of state.series) {
        let total = 0;
        let squares = 0;
        let low = Infinity;
        let high = -Infinity;
        for (let run = 0; run < runs; run++) {
          const value = misalignment(series.world(x, rng), p.pairing).overall;
          total += value;
          squares += value * value;
          low = Math.min(low, value);
          high = Math.max(high, value);
        }
        const mean = total / runs;
        ctx.metric(series.name, mean);
        if (!state.experiment.random) continue;
        ctx.metric(`${series.name}/min`, low);
        ctx.metric(`${series.name}/max`, high);
        ctx.metric(`${series.name}/std`, Math.sqrt(Math.max(0, squares / runs - mean * mean)));
      }
    },
  },
});
