import { z } from 'zod';
import { delegationMetrics } from '../agents/games/delegation-metrics.ts';
import { agentsPlay, PLAY_MODES } from '../agents/games/play.ts';
import { distributionWithRegret, randomDelegationGame } from '../agents/games/random-games.ts';
import type { RandomStream } from '../src/kernel/random.ts';
import { defineWorld } from '../src/kernel/world.ts';
import type { Distribution } from '../src/measures/delegation-games.ts';
import { welfare } from '../src/measures/delegation-games.ts';
import type { NormalFormDelegationGame } from '../src/measures/normal-form.ts';
import { maxOf, minOf } from '../src/measures/standardise.ts';

/**
 * The experiment of Sourbut, Hammond and Wood (IJCAI 2024, §6; SCIENCE.md §2): every step one
 * random delegation game, its principals' realised welfare regret and the Theorem 1 bound
 * with its three terms, so that the paper's bound-vs-regret figure can be redrawn from the
 * recording (one point per step).
 *
 * Game sizes are the authors' (lrhammond/delegation-games, experiments_common_params.py):
 * 3×3 in the paper's body (nine outcomes, "approximately ten"), larger n-player games in its
 * appendix. As there, agents' magnitudes are uniform in [0.5, 1.5] and shifts in [−1, 1].
 * Each game draws its levels uniformly between 0 and the parameter, so a run covers the
 * range:
 * - misalignment: every agent's alignment distance d from its principal (exact);
 * - miscalibration: each welfare ratio r^i = m̂^i / m^i is e^z with z uniform in ±level;
 * - cooperation failure (play = controlled): the agents' welfare regret is the level times
 *   the largest it can be. The other play modes solve the agents' game instead
 *   (agents/games/play.ts).
 */
const SIZES = ['3x3', '5x5x4', '6x7x4x6', '7x3x8x5x12', '15x7x3x7x9x5'] as const;

const params = z.object({
  size: z.enum(SIZES).default('3x3').describe("actions of each agent (the authors' game sizes)"),
  play: z.enum(['controlled', ...PLAY_MODES]).default('controlled').describe('controlled cooperation failure, or how the agents solve their game'),
  misalignment: z.number().min(0).max(1).default(0.5).describe("largest alignment distance of the agents from their principals"),
  miscalibration: z.number().min(0).max(3).default(0.5).describe('largest |log r| of the welfare ratios r = m̂/m'),
  cooperationFailure: z.number().min(0).max(1).default(0.5).describe("largest agents' welfare regret, as a share of the worst possible (play = controlled)"),
});

type Params = z.infer<typeof params>;

interface State {
  readonly actions: readonly number[];
  readonly names: readonly string[];
}

/** The agents' outcome distribution; when controlled, one whose welfare regret is `level` of the largest possible. */
function agentsOutcome(p: Params, game: NormalFormDelegationGame, level: number, random: RandomStream): Distribution {
  if (p.play !== 'controlled') return agentsPlay(game, p.play);
  const w = welfare(game.agents);
  return distributionWithRegret(random, game.agents, level * (maxOf(w) - minOf(w)));
}

export default defineWorld({
  name: 'delegation-games-random',
  description: "one random delegation game per step: the principals' welfare regret against the regret bound and its three terms",
  params,
  defaultSteps: 500,
  init: (p): State => {
    const actions = p.size.split('x').map(Number);
    return { actions, names: actions.map((_, i) => `p${i + 1}`) };
  },
  phases: {
    act: (ctx) => {
      const { state, params: p } = ctx;
      const games = ctx.random.stream('games');
      const distance = games.uniform(0, p.misalignment);
      const agentMagnitudes = state.actions.map(() => games.uniform(0.5, 1.5));
      const spread = games.uniform(0, p.miscalibration);
      const principalMagnitudes = agentMagnitudes.map((m) => m * Math.exp(games.uniform(-spread, spread)));
      const game = randomDelegationGame(games, { actions: state.actions, misalignment: distance, agentMagnitudes, principalMagnitudes });
      const play = ctx.random.stream('play');
      const level = play.uniform(0, p.cooperationFailure);
      const sigma = agentsOutcome(p, game, level, play);
      ctx.metric('control/misalignment', distance);
      ctx.metric('control/miscalibration', spread);
      if (p.play === 'controlled') ctx.metric('control/cooperation', level);
      const metrics = delegationMetrics(game, sigma, state.names);
      for (const [name, value] of metrics) ctx.metric(name, value);
      const measured = new Map(metrics);
      ctx.metric('bound/slack', measured.get('bound/total')! - measured.get('welfare_regret/principals')!);
    },
  },
  summarySeries: {
    distance: 'control/misalignment',
    agents_regret: 'welfare_regret/agents',
    regret: 'welfare_regret/principals',
    cooperation: 'bound/cooperation',
    misalignment: 'bound/misalignment',
    calibration: 'bound/calibration',
    bound: 'bound/total',
  },
});
