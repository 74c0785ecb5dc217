import { z } from 'zod';
import { defineWorld } from '../../src/kernel/world.ts';

/** A tiny world for sweep tests: a random walk that throws at step `failAt` (0: never). */
export default defineWorld({
  name: 'fragile',
  description: 'a random walk that fails on purpose at a chosen step',
  params: z.object({
    drift: z.number().min(-1).max(1).default(0).describe('mean step of the walk'),
    failAt: z.number().int().min(0).default(0).describe('step at which the world throws (0: never)'),
  }),
  defaultSteps: 10,
  init: () => ({ position: 0 }),
  phases: {
    act: (ctx) => {
      if (ctx.t === ctx.params.failAt) throw new Error(`fragile world broke at step ${ctx.t}`);
      ctx.state.position += ctx.params.drift + ctx.random.stream('walk').normal();
    },
    measure: (ctx) => ctx.metric('position', ctx.state.position),
  },
});
