/**
 * alignsim: agent-based simulation of principals and the AI agents they delegate to.
 *
 * The root entry: define a world (`defineWorld`, and `z` for its parameters, the zod instance
 * alignsim itself uses), run it (`simulate`, or the rxjs stream `run$`), and its seeded random
 * streams. Policies, measures and recordings have entries of their own: `alignsim/policies`,
 * `alignsim/measures`, `alignsim/recordings`.
 *
 * @packageDocumentation
 */
export { z } from 'zod';
export { InputError } from '../kernel/errors.ts';
export { describeParams, validateParams, type ParamDescription } from '../kernel/params.ts';
export { RandomStream, RandomStreams } from '../kernel/random.ts';
export { builtInWorldNames, loadWorld } from '../kernel/registry.ts';
export { initialise, run$, simulate, type InitialState, type SimulationOptions } from '../kernel/simulate.ts';
export {
  defaultStepsOf,
  defineWorld,
  PHASES,
  type AnyWorld,
  type DecisionInput,
  type DecisionRow,
  type EventRow,
  type Intervention,
  type MetricRow,
  type Phase,
  type PhaseName,
  type StepContext,
  type StepRecord,
  type WorldDefinition,
} from '../kernel/world.ts';
