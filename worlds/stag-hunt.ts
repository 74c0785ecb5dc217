import { z } from 'zod';
import { delegationMetrics } from '../agents/games/delegation-metrics.ts';
import { actionMarginals, agentsPlay, PLAY_MODES } from '../agents/games/play.ts';
import { driftedBot, SHARED_FOOD, softVegetarian } from '../agents/games/stag-hunt.ts';
import { sampleIndex } from '../agents/random.ts';
import { defineWorld } from '../src/kernel/world.ts';
import type { Distribution } from '../src/measures/delegation-games.ts';
import { welfareOptimum } from '../src/measures/delegation-games.ts';
import type { NormalFormDelegationGame } from '../src/measures/normal-form.ts';

/**
 * The stag hunt as a delegation game (SCIENCE.md §2; Sourbut, Hammond, Wood, IJCAI 2024).
 * Two hunter-gatherer groups (principals p1, p2) share their food, so both value the joint
 * outcomes fruit/fruit, fruit/mammoth, mammoth/fruit, mammoth/mammoth at 2, 1, 1, 10
 * (agents/games/stag-hunt.ts). Their bots choose for them. Every step the bots' utilities
 * drift further toward "soft-vegetarian" ones: at step t each bot holds
 * (1 − λ)·(2, 1, 1, 10) + λ·(2, 1, 1, 10·meatValue) with λ = min(1, driftRate·(t − 1)), plus
 * optional noise on its mammoth/mammoth value. The bots then play (`play`: the equilibrium
 * worst for the principals, cooperatively, or by fictitious play), one joint outcome is
 * drawn from their play, and every term of the regret bound is recorded.
 *
 * With the default meatValue 0.15 the bots stay positively aligned with their principals
 * (d < 1/√2) but, from λ > 8/8.5, prefer fruit/fruit together: cooperative bots then reach
 * their own welfare optimum (agents' welfare regret 0) while the principals lose 16 of 20.
 */
const params = z.object({
  play: z.enum(PLAY_MODES).default('cooperative').describe("how the bots play: cooperatively (their own best joint outcome), the principals' worst equilibrium, or fictitious play"),
  driftRate: z.number().min(0).max(1).default(0.05).describe('increase of the drift λ per step (λ = 0 at step 1, capped at 1)'),
  meatValue: z.number().min(0).max(1).default(0.15).describe("what a unit of meat is worth to the fully drifted bots, in units of fruit (principals: 1)"),
  noise: z.number().min(0).max(10).default(0).describe("sd of each bot's per-step noise on its mammoth/mammoth utility"),
});

type Params = z.infer<typeof params>;

interface State {
  lambda: number;
  game: NormalFormDelegationGame;
  sigma: Distribution;
}

const PRINCIPALS = ['p1', 'p2'] as const;
const BOTS = ['bot1', 'bot2'] as const;
const ACTIONS = ['fruit', 'mammoth'] as const;
const MAMMOTH_MAMMOTH = 3;

/** The game at drift λ, each bot's mammoth/mammoth value shifted by its noise. */
function gameAt(p: Params, lambda: number, noise: readonly number[]): NormalFormDelegationGame {
  const bot = driftedBot(lambda, softVegetarian(p.meatValue));
  const agents = noise.map((e) => bot.map((x, k) => (k === MAMMOTH_MAMMOTH ? x + e : x)));
  return { actions: [2, 2], principals: [SHARED_FOOD, SHARED_FOOD], agents };
}

export default defineWorld({
  name: 'stag-hunt',
  description: "two hunter-gatherer groups' bots play the stag hunt while drifting toward soft-vegetarian utilities",
  params,
  defaultSteps: 21,
  init: (p): State => {
    const game = gameAt(p, 0, [0, 0]);
    return { lambda: 0, game, sigma: agentsPlay(game, p.play) };
  },
  phases: {
    evolve: (ctx) => {
      const { state, params: p } = ctx;
      const drift = ctx.random.stream('drift');
      state.lambda = Math.min(1, p.driftRate * (ctx.t - 1));
      state.game = gameAt(p, state.lambda, BOTS.map(() => (p.noise > 0 ? drift.normal(0, p.noise) : 0)));
      ctx.metric('drift/lambda', state.lambda);
    },
    act: (ctx) => {
      const { state, params: p } = ctx;
      state.sigma = agentsPlay(state.game, p.play);
      const outcome = sampleIndex(state.sigma, ctx.random.stream('play'));
      const best = welfareOptimum(state.game.principals).outcomes[0];
      const marginals = actionMarginals(state.game.actions, state.sigma);
      PRINCIPALS.forEach((principal, i) =>
        ctx.decision({
          principal,
          agent: BOTS[i],
          policy: p.play,
          reward: state.game.principals[i][outcome],
          bestReward: state.game.principals[i][best],
          detail: { fruit: marginals[i][0], mammoth: marginals[i][1], outcome: `${ACTIONS[outcome >> 1]}/${ACTIONS[outcome & 1]}` },
        }),
      );
    },
    measure: (ctx) => {
      const { state } = ctx;
      for (const [name, value] of delegationMetrics(state.game, state.sigma, PRINCIPALS)) ctx.metric(name, value);
    },
  },
  snapshot: (state) => ({ lambda: state.lambda, bots: state.game.agents, sigma: state.sigma }),
  summarySeries: {
    lambda: 'drift/lambda',
    regret: 'welfare_regret/principals',
    agents_regret: 'welfare_regret/agents',
    cooperation: 'bound/cooperation',
    misalignment: 'bound/misalignment',
    calibration: 'bound/calibration',
    bound: 'bound/total',
  },
});
