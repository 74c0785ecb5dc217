import { join } from 'node:path';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { policyAssignment, validateParams } from '../../src/kernel/params.ts';
import { defineWorld } from '../../src/kernel/world.ts';
import { openForWriting } from '../../src/record/database.ts';
import { findRun } from '../../src/record/reader.ts';
import { recordRun } from '../../src/record/record-run.ts';
import { replayCounterfactual } from '../../src/replay/counterfactual.ts';
import assistants from '../../worlds/assistants.ts';
import { tempDir } from '../support/cli.ts';

interface Decision {
  t: number;
  principal: string;
  agent: string | null;
  best_reward: number;
  detail_json: string;
}

describe('counterfactual replay', () => {
  it('re-runs an episode under another policy: the same decision problems, other decisions, recorded with its parent', async () => {
    const db = openForWriting(join(tempDir(), 'cf.sqlite'));
    try {
      const params = validateParams(assistants, { principals: 8, shiftAt: 10, policy: 'epsilon-greedy' });
      const parent = await recordRun({ db, world: assistants, worldRef: 'assistants', params, seed: 4, steps: 30, snapshotEvery: 0, detail: 'full' });
      const result = await replayCounterfactual(db, findRun(db, parent.runId), { policy: 'ucb1', assignments: ['epsilon=0.2'] });
      expect(result.status).toBe('completed');
      const child = findRun(db, result.runId);
      expect(child).toMatchObject({ parent_run_id: parent.runId, seed: 4, steps_completed: 30, world: 'assistants', detail: 'full' });
      expect(JSON.parse(child.params_json)).toEqual({ ...params, policy: 'ucb1', epsilon: 0.2 });

      const decisions = (runId: string) =>
        db.prepare('SELECT t, principal, agent, best_reward, detail_json FROM decisions WHERE run_id = ? ORDER BY t, seq').all(runId) as Decision[];
      const problem = (d: Decision) => {
        const { area, gain, loss, good } = JSON.parse(d.detail_json) as Record<string, unknown>;
        return { t: d.t, principal: d.principal, area, gain, loss, good, best: d.best_reward };
      };
      const before = decisions(parent.runId);
      const after = decisions(child.run_id);
      expect(before).toHaveLength(8 * 30);
      expect(after.map(problem)).toEqual(before.map(problem));
      expect(typeof problem(before[0]).gain).toBe('number');
      const changed = after.filter((d, i) => d.agent !== before[i].agent).length;
      expect(changed).toBeGreaterThan(before.length / 10);

      // Exogenous events (the deployment shift, assistants' value drift) are the same too.
      const exogenous = (runId: string) =>
        db.prepare("SELECT t, type, subject, payload_json FROM events WHERE run_id = ? AND type <> 'lifecycle' ORDER BY t, seq").all(runId);
      expect(exogenous(child.run_id)).toEqual(exogenous(parent.runId));
      expect(exogenous(parent.runId)).toContainEqual(expect.objectContaining({ t: 10, type: 'deployment-shift' }));
    } finally {
      db.close();
    }
  });

  it('refuses an unknown policy, a change of nothing, and a world without a policy parameter', async () => {
    const db = openForWriting(join(tempDir(), 'cf.sqlite'));
    try {
      const params = validateParams(assistants, { principals: 2 });
      const parent = findRun(db, (await recordRun({ db, world: assistants, worldRef: 'assistants', params, seed: 1, steps: 2, snapshotEvery: 0 })).runId);
      await expect(replayCounterfactual(db, parent, { policy: 'psychic' })).rejects.toThrow(/parameter 'policy'.*'psychic'/);
      await expect(replayCounterfactual(db, parent, {})).rejects.toThrow('a counterfactual replay needs --policy NAME or --set key=value');
      await expect(replayCounterfactual(db, { ...parent, steps_completed: 0 }, { policy: 'ucb1' })).rejects.toThrow(
        `run ${parent.run_id} recorded no steps: expected a run to re-run`,
      );
      const noPolicy = defineWorld({ name: 'coin', description: 'no policy', params: z.object({}), defaultSteps: 1, init: () => ({}), phases: {} });
      expect(() => policyAssignment(noPolicy, 'ucb1')).toThrow("world 'coin' has no 'policy' parameter");
    } finally {
      db.close();
    }
  });
});
