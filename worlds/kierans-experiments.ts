import { z } from 'zod';
import { defineWorld } from '../src/kernel/world.ts';
import { misalignment } from '../src/measures/misalignment.ts';
import { pairingParam } from './common/pairing.ts';
import { EXPERIMENTS } from './kierans-experiments/experiments.ts';

/**
 * The five simulation experiments of Kierans et al. (SCIENCE.md §1.8). Each step is one point of
 * the chosen figure's x axis: the world records that x as the metric `x` and, for each line of the
 * figure, the mean overall misalignment of `runsPerPoint` worlds drawn from the `environment`
 * stream as the metric `figure<N>/<line>` (for example `figure1/areas=3`).
 */
const params = z.object({
  experiment: z.number().int().min(1).max(5).default(1).describe('which experiment (figure) of SCIENCE.md §1.8'),
  runsPerPoint: z.number().int().min(1).max(100_000).default(100).describe('random worlds averaged for each x'),
  pairing: pairingParam,
  populationStep: z.number().int().min(1).max(100_000).default(1).describe('experiments 1–2: population at step t is t × this'),
  fractionStep: z.number().gt(0).max(1).default(0.02).describe('experiments 3–4: x at step t is (t − 1) × this, up to 1'),
  agents: z.number().int().min(2).max(1_000_000).optional().describe("experiments 3–5: population size (the paper's 100, 1000, 120)"),
});

export default defineWorld({
  name: 'kierans-experiments',
  description: 'the five misalignment experiments of Kierans et al. (Figures 1–5), one x-axis point a step',
  params,
  defaultSteps: 100,
  // Experiments 3–4 reach x = 1 after 1/fractionStep steps and experiment 5 has ten points: stop there.
  stepsFor: (p) => (p.experiment <= 2 ? 100 : p.experiment === 5 ? 10 : Math.ceil(1 / p.fractionStep - 1e-9) + 1),
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
      ctx.metric('x', x);
      for (const series of state.series) {
        let total = 0;
        for (let run = 0; run < runs; run++) total += misalignment(series.world(x, rng), p.pairing).overall;
        ctx.metric(series.name, total / runs);
      }
    },
  },
});
