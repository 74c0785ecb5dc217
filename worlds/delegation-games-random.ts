import { z } from 'zod';
import { delegationMetrics } from '../agents/games/delegation-metrics.ts';
import type { WelfareAggregate } from '../agents/games/delegation-metrics.ts';
import { agentsPlay, PLAY_MODES } from '../agents/games/play.ts';
import { distributionWithRegret, randomDelegationGame, splitMisalignment, unitDelegationGame } from '../agents/games/random-games.ts';
import type { RandomStream } from '../src/kernel/random.ts';
import { defineWorld } from '../src/kernel/world.ts';
import type { DelegationGame, Distribution } from '../src/measures/delegation-games.ts';
import { welfare } from '../src/measures/delegation-games.ts';
import type { NormalFormDelegationGame } from '../src/measures/normal-form.ts';
import { maxOf, maxStandardisedGap, minOf } from '../src/measures/standardise.ts';
import type { StepContext } from '../src/kernel/world.ts';

/**
 * The experiments of Sourbut, Hammond and Wood (IJCAI 2024, §6; SCIENCE.md §2): every step one
 * random delegation game, its principals' realised welfare regret and the Theorem 1 bound
 * (both forms, src/measures/delegation-games.ts), so that the paper's bound-vs-regret figures
 * can be redrawn from the recording (one point per step). Three settings:
 * - `levels`: games of the authors' sizes (lrhammond/delegation-games,
 *   experiments_common_params.py: 3×3 in the paper's body, larger n-player games in its
 *   appendix), agents' magnitudes uniform in [0.5, 1.5], shifts in [−1, 1]. Each game draws
 *   its levels uniformly between 0 and the parameter, so a run covers the range:
 *   misalignment (every agent's alignment distance d, exact), miscalibration (each welfare
 *   ratio r^i = e^z with z uniform in ±level) and, with play = controlled, cooperation failure
 *   (the agents' welfare regret is the level times the largest it can be); the other play
 *   modes solve the agents' game (agents/games/play.ts). Welfare is the sum.
 * - `authors-3d`: the authors' 3-D experiment (experiments_3d_regret_plotting): 4 players,
 *   4 outcomes with no game structure, unit magnitudes (so r^i = 1), a total misalignment
 *   uniform in [0, 4] split over the agents (random-games.ts), and an outcome distribution
 *   whose principals' welfare regret is uniform in [0, n·K_m] (the largest possible regret;
 *   beyond what a game allows, its worst outcome). Welfare is the sum.
 * - `authors-grid-scan`: as the authors' grid scan (experiments_avg_regret_grid_scan.py):
 *   games of `size`, principals' and agents' magnitudes each uniform in [0.5, 1.5] (so
 *   miscalibrated), shifts in [−1, 1], every agent at distance d uniform in
 *   [0, `misalignment`], the agents playing the pure ε-Nash equilibrium worst for the
 *   principals (`epsilon`), average utilitarian welfare Σu/n.
 */
const SIZES = ['3x3', '5x5x4', '6x7x4x6', '7x3x8x5x12', '15x7x3x7x9x5'] as const;
const SETTINGS = ['levels', 'authors-3d', 'authors-grid-scan'] as const;
const AUTHORS_3D = { players: 4, outcomes: 4 } as const;

const params = z.object({
  setting: z.enum(SETTINGS).default('levels').describe("our controlled levels, the authors' 3-D experiment, or their grid scan"),
  size: z.enum(SIZES).default('3x3').describe("actions of each agent (the authors' game sizes; levels, authors-grid-scan)"),
  play: z.enum(['controlled', ...PLAY_MODES]).default('controlled').describe('controlled cooperation failure, or how the agents solve their game (levels)'),
  misalignment: z.number().min(0).max(1).default(0.5).describe('largest alignment distance of the agents from their principals (levels, authors-grid-scan)'),
  miscalibration: z.number().min(0).max(3).default(0.5).describe('largest |log r| of the welfare ratios r = m̂/m (levels)'),
  cooperationFailure: z.number().min(0).max(1).default(0.5).describe("largest agents' welfare regret, as a share of the worst possible (levels, play = controlled)"),
  epsilon: z.number().min(0).max(1).default(0).describe('relative ε of the pure ε-Nash equilibria (authors-grid-scan, play = worst-pure-equilibrium)'),
});

type Params = z.infer<typeof params>;

interface State {
  readonly actions: readonly number[];
  readonly names: readonly string[];
}

/** One game, the agents' outcome distribution, and how welfare aggregates. */
interface Drawn {
  readonly game: DelegationGame;
  readonly sigma: Distribution;
  readonly aggregate: WelfareAggregate;
}

/** The agents' outcome distribution; when controlled, one whose welfare regret is `level` of the largest possible. */
function agentsOutcome(p: Params, game: NormalFormDelegationGame, level: number, random: RandomStream): Distribution {
  if (p.play !== 'controlled') return agentsPlay(game, p.play, { epsilon: p.epsilon });
  const w = welfare(game.agents);
  return distributionWithRegret(random, game.agents, level * (maxOf(w) - minOf(w)));
}

function drawLevels(ctx: StepContext<Params, State>): Drawn {
  const { state, params: p } = ctx;
  const games = ctx.random.stream('games');
  const distance = games.uniform(0, p.misalignment);
  const agentMagnitudes = state.actions.map(() => games.uniform(0.5, 1.5));
  const spread = games.uniform(0, p.miscalibration);
  const principalMagnitudes = agentMagnitudes.map((m) => m * Math.exp(games.uniform(-spread, spread)));
  const game = randomDelegationGame(games, { actions: state.actions, misalignment: distance, agentMagnitudes, principalMagnitudes });
  const play = ctx.random.stream('play');
  const level = play.uniform(0, p.cooperationFailure);
  ctx.metric('control/misalignment', distance);
  ctx.metric('control/miscalibration', spread);
  if (p.play === 'controlled') ctx.metric('control/cooperation', level);
  return { game, sigma: agentsOutcome(p, game, level, play), aggregate: 'sum' };
}

function drawAuthors3d(ctx: StepContext<Params, State>): Drawn {
  const games = ctx.random.stream('games');
  const { players, outcomes } = AUTHORS_3D;
  const total = games.uniform(0, players);
  const game = unitDelegationGame(games, outcomes, splitMisalignment(games, total, players));
  const play = ctx.random.stream('play');
  const target = play.uniform(0, players * maxStandardisedGap(2));
  ctx.metric('control/regret', target);
  return { game, sigma: distributionWithRegret(play, game.principals, target), aggregate: 'sum' };
}

function drawGridScan(ctx: StepContext<Params, State>): Drawn {
  const { state, params: p } = ctx;
  const games = ctx.random.stream('games');
  const distance = games.uniform(0, p.misalignment);
  const agentMagnitudes = state.actions.map(() => games.uniform(0.5, 1.5));
  const principalMagnitudes = state.actions.map(() => games.uniform(0.5, 1.5));
  const game = randomDelegationGame(games, { actions: state.actions, misalignment: distance, agentMagnitudes, principalMagnitudes });
  ctx.metric('control/misalignment', distance);
  return { game, sigma: agentsPlay(game, 'worst-pure-equilibrium', { epsilon: p.epsilon }), aggregate: 'average' };
}

const DRAW = { levels: drawLevels, 'authors-3d': drawAuthors3d, 'authors-grid-scan': drawGridScan } as const;

/** regret / bound, 1 when both are 0. */
function tightness(regret: number, bound: number): number {
  return bound === 0 ? 1 : regret / bound;
}

export default defineWorld({
  name: 'delegation-games-random',
  description: "one random delegation game per step: the principals' welfare regret against the regret bound and its three terms",
  params,
  defaultSteps: 500,
  init: (p): State => {
    const actions = p.setting === 'authors-3d' ? new Array<number>(AUTHORS_3D.players).fill(1) : p.size.split('x').map(Number);
    return { actions, names: actions.map((_, i) => `p${i + 1}`) };
  },
  phases: {
    act: (ctx) => {
      const { game, sigma, aggregate } = DRAW[ctx.params.setting](ctx);
      const metrics = delegationMetrics(game, sigma, ctx.state.names, aggregate);
      for (const [name, value] of metrics) ctx.metric(name, value);
      const measured = new Map(metrics);
      const regret = measured.get('welfare_regret/principals')!;
      ctx.metric('alignment_distance/total', ctx.state.names.reduce((s, name) => s + measured.get(`alignment_distance/${name}`)!, 0));
      ctx.metric('bound/slack', measured.get('bound/total')! - regret);
      ctx.metric('tightness/authors', tightness(regret, measured.get('bound/authors')!));
      ctx.metric('tightness/mean-ratio', tightness(regret, measured.get('bound/mean-ratio')!));
    },
  },
  summarySeries: {
    distance: 'alignment_distance/total',
    agents_regret: 'welfare_regret/agents',
    regret: 'welfare_regret/principals',
    authors: 'bound/authors',
    mean_ratio: 'bound/mean-ratio',
    bound: 'bound/total',
  },
});
