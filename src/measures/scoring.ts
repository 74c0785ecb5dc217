/**
 * The decision-theoretic delegation framework of Herrmann, Chari, Qian, Sharvesh, Levinstein,
 * "A Decision-Theoretic Approach for Managing Misalignment" (arXiv 2512.15584), on finite state
 * spaces. SCIENCE.md §3.
 *
 * States are the indices 0..n-1 of a finite Ω; a distribution over Ω is an array of weights.
 * Consequences are payoffs in the principal's utility, so an act (§3.2) and a gamble (§3.4) are both
 * vectors of payoffs over Ω. Pure math: no state, no I/O, no randomness.
 */

/** Weights over a finite set (a probability distribution unless said otherwise). */
export type Distribution = readonly number[];

/** An act or gamble a: Ω → ℝ, the principal's payoff in each state (§3.2, §3.4). */
export type Gamble = readonly number[];

/** A utility (or value) function over payoffs. */
export type Utility = (payoff: number) => number;

const identity: Utility = (x) => x;

/** An agent type (P, V): its beliefs over Ω and its values over payoffs (§3.2, Definition 3.3). */
export interface AgentType {
  readonly beliefs: Distribution;
  readonly values: Utility;
}

/**
 * The agent side of a generalised frame ⟨Ω, F, π, u, B, A, C⟩ (§3.2): in state ω the agent is of type
 * `types[typeAt[ω]]`. The principal's uncertainty about the agent's beliefs and values is her credence
 * π over the states; the type cell [ω] is the set of states where the agent's type is as at ω.
 */
export interface AgentFrame {
  readonly types: readonly AgentType[];
  readonly typeAt: readonly number[];
}

/** The principal's credence in each agent type: π([ω]) summed over the type's cell. */
export function typeCredences(frame: AgentFrame, credence: Distribution): number[] {
  const out = new Array<number>(frame.types.length).fill(0);
  frame.typeAt.forEach((type, state) => (out[type] += credence[state]));
  return out;
}

/** E_P(U ∘ a) = Σ_ω P(ω) U(a(ω)). */
export function expectedUtility(beliefs: Distribution, act: Gamble, utility: Utility = identity): number {
  let sum = 0;
  for (let w = 0; w < act.length; w++) if (beliefs[w] !== 0) sum += beliefs[w] * utility(act[w]);
  return sum;
}

/**
 * A decision rule D for binary gambles {g, 0} (§3.4): true means accept g, false means take 0.
 * It may depend on the state, because an agent decides on information the state carries (§4.1–4.2).
 */
export type DecisionRule = (gamble: Gamble, state: number) => boolean;

/** The rule of an expected-utility maximiser: accept iff E_{P_ω}(U_ω ∘ g) ≥ U_ω(0) (ties accept, as in §4.3). */
export function expectedUtilityRule(at: (state: number) => AgentType): DecisionRule {
  return (gamble, state) => {
    const { beliefs, values } = at(state);
    return expectedUtility(beliefs, gamble, values) >= values(0);
  };
}

/** D_π: the principal decides on her own credence and utility (§3.4). */
export function principalRule(credence: Distribution, utility: Utility = identity): DecisionRule {
  const type = { beliefs: credence, values: utility };
  return expectedUtilityRule(() => type);
}

/** D_A: the agent decides on the beliefs and values of its type in the state (§3.4). */
export function agentRule(frame: AgentFrame): DecisionRule {
  return expectedUtilityRule((state) => frame.types[frame.typeAt[state]]);
}

/** The rule of a principal who knows the state: accept exactly the gambles of the ideal set I_ω = {g : g(ω) ≥ 0} (§3.4). */
export const idealRule: DecisionRule = (gamble, state) => gamble[state] >= 0;

/** A rule given state by state for a single-gamble problem, as in the paper's Tables 2 and 4. */
export function stateRule(accepts: readonly boolean[]): DecisionRule {
  return (_gamble, state) => accepts[state];
}

/**
 * A distribution μ over decision problems (§3.4): gamble g_i with weight `weights[i]`, scored in
 * state ω with weight `states[ω]`, so μ(g_i, ω) = weights[i] · states[ω]. Weights need not sum to one:
 * every measure is linear in μ, which is what `joinProblems` relies on.
 */
export interface Problems {
  readonly states: Distribution;
  readonly gambles: readonly Gamble[];
  readonly weights: Distribution;
}

/** Problems with every gamble equally likely. */
export function uniformProblems(states: Distribution, gambles: readonly Gamble[]): Problems {
  return { states, gambles, weights: gambles.map(() => 1 / gambles.length) };
}

/** The sum μ + ν of two problem measures on the same states: the agent's reach adds ν to μ. */
export function joinProblems(a: Problems, b: Problems): Problems {
  if (a.states.length !== b.states.length || a.states.some((p, w) => p !== b.states[w])) {
    throw new Error('joinProblems: both problem sets must be scored over the same state distribution');
  }
  return { states: a.states, gambles: [...a.gambles, ...b.gambles], weights: [...a.weights, ...b.weights] };
}

/**
 * Which correct decisions earn a gain. The paper uses two conventions:
 * - `accepted`: §3.4's displayed formula, G = Σ over accepted gambles in the ideal set (D ∩ I_ω);
 *   the convention of §4.3.
 * - `correct`: every correct decision gains, accepted winners and rejected losers alike (D ≡ I_ω);
 *   the convention of §4.1–4.2 and Appendices A–B. Then L + G = Σ μ|g| for every rule, so comparing
 *   scores is comparing losses.
 */
export type GainConvention = 'accepted' | 'correct';

export interface Score {
  /** L_μ(D): expected |g(ω)| over the error set D Δ I_ω (accepted losers, rejected winners). */
  readonly loss: number;
  /** G_μ(D): expected |g(ω)| over the correct decisions counted by the convention. */
  readonly gain: number;
  /** S_μ(D) = L_μ(D) − G_μ(D); lower is better. */
  readonly score: number;
}

/** The expected loss, gain and net score of a decision rule under μ (§3.4). */
export function score(problems: Problems, rule: DecisionRule, convention: GainConvention = 'accepted'): Score {
  let loss = 0;
  let gain = 0;
  problems.gambles.forEach((gamble, i) => {
    const weight = problems.weights[i];
    problems.states.forEach((p, state) => {
      const mass = weight * p;
      if (mass === 0) return;
      const stake = mass * Math.abs(gamble[state]);
      const accepted = rule(gamble, state);
      const ideal = gamble[state] >= 0;
      if (accepted !== ideal) loss += stake;
      else if (accepted || convention === 'correct') gain += stake;
    });
  });
  return { loss, gain, score: loss - gain };
}

/** One side of a delegation decision: the problems the decider would face (its reach) and its rule. */
export interface Decider {
  readonly problems: Problems;
  readonly rule: DecisionRule;
}

export interface Delegation {
  readonly self: Score;
  readonly agent: Score;
  /** S_{μ_delegate}(D_A) ≤ S_{μ_self}(D_π) (§3.4); ties delegate. */
  readonly delegate: boolean;
}

/**
 * The delegation criterion (§3.4) with reach (§4.3): the principal deciding herself faces μ_self, the
 * agent faces μ_delegate, and she delegates iff S_{μ_delegate}(D_A) ≤ S_{μ_self}(D_π).
 */
export function delegationCriterion(self: Decider, agent: Decider, convention: GainConvention = 'accepted'): Delegation {
  const own = score(self.problems, self.rule, convention);
  const delegated = score(agent.problems, agent.rule, convention);
  return { self: own, agent: delegated, delegate: delegated.score <= own.score };
}

/** A problem area: how often it arises, and the two sides of delegating in it. */
export interface DelegationContext {
  readonly weight: number;
  readonly self: Decider;
  readonly agent: Decider;
}

export interface ContextDelegation {
  readonly decisions: readonly Delegation[];
  /** Σ_c weight_c · (the chosen side's score in c): the score of delegating context by context. */
  readonly score: number;
  /** The same sums for never and always delegating. */
  readonly selfScore: number;
  readonly agentScore: number;
}

/** Context-specific delegation (§3.4, §4): apply the criterion separately in each problem area. */
export function delegateByContext(
  contexts: readonly DelegationContext[],
  convention: GainConvention = 'accepted',
): ContextDelegation {
  const decisions = contexts.map((c) => delegationCriterion(c.self, c.agent, convention));
  const total = (pick: (d: Delegation) => number) => decisions.reduce((s, d, i) => s + contexts[i].weight * pick(d), 0);
  return {
    decisions,
    score: total((d) => (d.delegate ? d.agent.score : d.self.score)),
    selfScore: total((d) => d.self.score),
    agentScore: total((d) => d.agent.score),
  };
}

/** The states of ω's type cell [ω]. */
function typeCell(frame: AgentFrame, state: number): number[] {
  const type = frame.typeAt[state];
  return frame.typeAt.flatMap((t, w) => (t === type ? [w] : []));
}

/** B_ω(𝒜): the act of the menu the agent of ω's type prefers (first on ties) (§3.2, Definition 3.3). */
function agentChoice(frame: AgentFrame, state: number, menu: readonly Gamble[]): Gamble {
  const { beliefs, values } = frame.types[frame.typeAt[state]];
  let best = menu[0];
  let bestValue = expectedUtility(beliefs, best, values);
  for (const act of menu.slice(1)) {
    const value = expectedUtility(beliefs, act, values);
    if (value > bestValue) [best, bestValue] = [act, value];
  }
  return best;
}

/** E_π(u(B(𝒜))) = Σ_ω π(ω) u(B_ω(𝒜)(ω)): the principal's value of delegating the menu 𝒜 (§3.2). */
export function delegatedValue(frame: AgentFrame, credence: Distribution, menu: readonly Gamble[], utility: Utility = identity): number {
  return credence.reduce((sum, p, w) => (p === 0 ? sum : sum + p * utility(agentChoice(frame, w, menu)[w])), 0);
}

/** The principal values delegating 𝒜 iff E_π(u(B(𝒜))) ≥ E_π(u(a)) for every a ∈ 𝒜 (§3.2). */
export function valuesDelegation(frame: AgentFrame, credence: Distribution, menu: readonly Gamble[], utility: Utility = identity): boolean {
  const delegated = delegatedValue(frame, credence, menu, utility);
  return menu.every((act) => expectedUtility(credence, act, utility) <= delegated);
}

export type Alignment =
  | { readonly aligned: true }
  | { readonly aligned: false; readonly state: number; readonly preferred: number; readonly other: number };

/**
 * The posterior-alignment condition of Theorem 3.4 (universal delegation) on a finite set of acts:
 * for all acts a, b and every ω with π([ω]) > 0, E_π(u(a) | [ω]) > E_π(u(b) | [ω]) must imply
 * E_{P_ω}(V_ω(a)) > E_{P_ω}(V_ω(b)). Conditional expectations are compared in product form
 * (Σ_{[ω]} π u(a) against Σ_{[ω]} π u(b)), which the common factor π([ω]) leaves unchanged.
 * The principal's preference counts as strict only beyond `tolerance`, so that floating-point noise in
 * an exact tie is not read as a preference. A failure names the state and the acts (indices into
 * `acts`) the principal ranks a over b there.
 */
export function posteriorAlignment(
  frame: AgentFrame,
  credence: Distribution,
  acts: readonly Gamble[],
  utility: Utility = identity,
  tolerance = 1e-12,
): Alignment {
  const seen = new Set<number>();
  for (let state = 0; state < frame.typeAt.length; state++) {
    if (seen.has(frame.typeAt[state])) continue;
    seen.add(frame.typeAt[state]);
    const cell = typeCell(frame, state);
    const conditioned = credence.map((p, w) => (cell.includes(w) ? p : 0));
    if (!conditioned.some((p) => p > 0)) continue;
    const { beliefs, values } = frame.types[frame.typeAt[state]];
    const principal = acts.map((a) => expectedUtility(conditioned, a, utility));
    const agent = acts.map((a) => expectedUtility(beliefs, a, values));
    for (let a = 0; a < acts.length; a++) {
      for (let b = 0; b < acts.length; b++) {
        if (principal[a] - principal[b] > tolerance && !(agent[a] > agent[b])) return { aligned: false, state, preferred: a, other: b };
      }
    }
  }
  return { aligned: true };
}

/** One binary gamble's stakes: it wins `gain` with chance `winChance`, else loses `loss` (gain, loss ≥ 0). */
export interface Stakes {
  readonly gain: number;
  readonly loss: number;
  readonly winChance: number;
}

/** The unit-stake gamble {+1, −1} at even odds. */
export const UNIT_STAKES: Stakes = { gain: 1, loss: 1, winChance: 0.5 };

/**
 * The expected loss, gain and score (§3.4, `correct` convention) of a decider on a gamble with these
 * stakes, who decides right with chance pRight and, when wrong, has accepted with chance
 * acceptsWhenWrong (its bias toward accepting): a wrong acceptance takes the loss, a wrong rejection
 * forgoes the gain, L = (1 − pRight)(acceptsWhenWrong · loss + (1 − acceptsWhenWrong) · gain). Every
 * decision wins or loses what is at stake, so G = E|g| − L. Linear in pRight, and in acceptsWhenWrong
 * given pRight: under independent uncertainty about both the expected score is the score at their
 * expectations. At unit stakes L = 1 − p, G = p, S = 1 − 2p whatever the bias.
 */
export function stakeScore(pRight: number, acceptsWhenWrong: number, stakes: Stakes): Score {
  const loss = (1 - pRight) * (stakes.gain + acceptsWhenWrong * (stakes.loss - stakes.gain));
  const gain = stakes.loss + stakes.winChance * (stakes.gain - stakes.loss) - loss;
  return { loss, gain, score: loss - gain };
}
