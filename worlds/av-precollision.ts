import { z } from 'zod';
import type { RandomStream } from '../src/kernel/random.ts';
import { defineWorld } from '../src/kernel/world.ts';
import { misalignment, type Population } from '../src/measures/misalignment.ts';
import { pairingParam } from './common/pairing.ts';

/**
 * The autonomous-vehicle pre-collision case study of Kierans et al. (CARLA scenario 17,
 * SCIENCE.md §1.7). N agents are vehicles or pedestrians; in each of 8 areas both want to avoid the
 * event but conflict, at the `conflict` level, in how. Without a fixed `share`, each step sets the
 * share of vehicles to (t − 1) · shareStep (up to 1), turning pedestrians into vehicles, so one run
 * traces the paper's Figure 8 curve (misalignment against the share of vehicles).
 */
const AREAS = [
  { name: 'pedestrian-collision', vehicle: 0.5, pedestrian: 0.99 },
  { name: 'vehicle-collision', vehicle: 0.4, pedestrian: 0.15 },
  { name: 'static-object-collision', vehicle: 0.35, pedestrian: 0.15 },
  { name: 'red-light', vehicle: 0.3, pedestrian: 0.05 },
  { name: 'stop-sign', vehicle: 0.2, pedestrian: 0.05 },
  { name: 'route-blockage', vehicle: 0.3, pedestrian: 0.05 },
  { name: 'appropriate-speed', vehicle: 0.3, pedestrian: 0.01 },
  { name: 'yield', vehicle: 0.3, pedestrian: 0.05 },
] as const;
const VEHICLE_GOAL = 0;
const PEDESTRIAN_GOAL = 1;

const params = z.object({
  agents: z.number().int().min(2).max(1_000_000).default(1000).describe('number of agents, vehicles and pedestrians'),
  share: z.number().min(0).max(1).optional().describe('fixed share of vehicles (unset: the schedule of shareStep)'),
  shareStep: z.number().gt(0).max(1).default(0.02).describe('share of vehicles at step t is (t − 1) × this, up to 1'),
  conflict: z.number().min(0).max(1).default(1).describe('conflict between the vehicle and pedestrian goal in every area'),
  allWeightsOne: z.boolean().default(false).describe("every weight 1 instead of the scenario's (the paper's 'maximum' variant)"),
  pairing: pairingParam,
});

type Params = z.infer<typeof params>;

interface State {
  readonly population: Population;
  /** Agents in the order they become vehicles. */
  readonly order: Int32Array;
  vehicles: number;
}

/** The vehicle count at step t: round(share · N). */
function vehiclesAt(p: Params, t: number): number {
  const share = p.share ?? Math.min(1, (t - 1) * p.shareStep);
  return Math.round(share * p.agents);
}

/** A uniformly random order of the agents (Fisher–Yates). */
function shuffledAgents(n: number, rng: RandomStream): Int32Array {
  const order = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order;
}

function weightOf(p: Params, area: number, goal: number): number {
  if (p.allWeightsOne) return 1;
  return goal === VEHICLE_GOAL ? AREAS[area].vehicle : AREAS[area].pedestrian;
}

function makeVehicle(population: Population, p: Params, agent: number): void {
  for (let j = 0, cell = agent * AREAS.length; j < AREAS.length; j++, cell++) {
    population.goals[cell] = VEHICLE_GOAL;
    population.weights[cell] = weightOf(p, j, VEHICLE_GOAL);
  }
}

export default defineWorld({
  name: 'av-precollision',
  description: 'vehicles and pedestrians in the CARLA pre-collision scenario, misalignment against the share of vehicles',
  params,
  defaultSteps: 51,
  init: (p, random): State => {
    const n = p.agents;
    const m = AREAS.length;
    const c = p.conflict;
    const population: Population = {
      n,
      m,
      goals: new Int32Array(n * m).fill(PEDESTRIAN_GOAL),
      weights: Float64Array.from({ length: n * m }, (_, cell) => weightOf(p, cell % m, PEDESTRIAN_GOAL)),
      conflicts: AREAS.map(() => Float64Array.of(0, c, c, 0)),
    };
    return {
      population,
      order: shuffledAgents(n, random.stream('init')),
      vehicles: 0,
    };
  },
  phases: {
    evolve: (ctx) => {
      const { state, params: p } = ctx;
      const target = vehiclesAt(p, ctx.t); // never decreases
      if (target === state.vehicles) return;
      for (let i = state.vehicles; i < target; i++) makeVehicle(state.population, p, state.order[i]);
      ctx.event('became-vehicles', 'population', { agents: target - state.vehicles, vehicles: target });
      state.vehicles = target;
    },
    measure: (ctx) => {
      const { state, params: p } = ctx;
      ctx.metric('share/vehicles', state.vehicles / p.agents);
      // One exact pass, O(N · 8): the incremental tracker's rounding would leave −1e-15 where all agents agree.
      const value = misalignment(state.population, p.pairing);
      ctx.metric('misalignment', value.overall);
      AREAS.forEach((area, j) => ctx.metric(`misalignment/${area.name}`, value.areas[j]));
    },
  },
  snapshot: (state) => ({ vehicles: state.vehicles, goals: state.population.goals }),
});
