import { createHash } from 'node:crypto';
import { appendFileSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { cli, ROOT, tempDir } from '../support/cli.ts';

const coinWorld = (stream: string): string => `import { defineWorld, z } from 'alignsim';

export default defineWorld({
  name: 'coin',
  description: 'a coin',
  params: z.object({ bias: z.number().min(0).max(1).default(0.6) }),
  defaultSteps: 20,
  init: () => ({ heads: 0 }),
  phases: {
    act: (ctx) => {
      if (ctx.random.stream('${stream}').bernoulli(ctx.params.bias)) ctx.state.heads++;
    },
    measure: (ctx) => ctx.metric('share/heads', ctx.state.heads / ctx.t),
  },
});
`;

describe('a run of a world file', () => {
  it('records where the file is relative to the recording, replays it from any directory only with --trust-world, and says when it changed', () => {
    const project = tempDir();
    const elsewhere = tempDir();
    const worldFile = join(project, 'worlds', 'coin.ts');
    // A project of the user's that depends on alignsim (here: this checkout).
    mkdirSync(join(project, 'worlds'));
    mkdirSync(join(project, 'node_modules'));
    symlinkSync(ROOT, join(project, 'node_modules', 'alignsim'));
    writeFileSync(join(project, 'package.json'), JSON.stringify({ type: 'module' }));
    writeFileSync(worldFile, coinWorld('coin'));
    const sha256 = createHash('sha256').update(readFileSync(worldFile)).digest('hex').slice(0, 16);

    expect(cli(['run', 'worlds/coin.ts', '--db', 'runs/coin.sqlite', '--quiet'], {}, project).status).toBe(0);
    const recording = join(project, 'runs', 'coin.sqlite');
    const db = new Database(recording, { readonly: true });
    expect(db.prepare('SELECT world FROM runs').pluck().get()).toBe(`../worlds/coin.ts#name=coin&sha256=${sha256}`);
    db.close();

    const refused = cli(['replay', recording, '--verify'], {}, elsewhere);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(new RegExp(`^alignsim: run coin-s1-\\w+ was made by the world file '${worldFile}'; replaying it runs that file's code: expected --trust-world if you trust it\\n$`));
    expect(cli(['replay', recording, '--policy', 'never'], {}, elsewhere).status).toBe(2);

    expect(cli(['replay', recording, '--verify', '--trust-world'], {}, elsewhere).stdout).toBe('identical: 20 steps\n');

    appendFileSync(worldFile, '// a comment changes the source, not the rows\n');
    const current = createHash('sha256').update(readFileSync(worldFile)).digest('hex').slice(0, 16);
    const changed = `the world module '${worldFile}' changed since the run (source hash ${sha256} then, ${current} now)`;
    expect(cli(['replay', recording, '--verify', '--trust-world'], {}, elsewhere).stdout).toBe(`identical: 20 steps, although ${changed}\n`);

    writeFileSync(worldFile, coinWorld('another coin'));
    const different = cli(['replay', recording, '--verify', '--trust-world'], {}, elsewhere);
    expect(different.status).toBe(1);
    expect(different.stdout).toMatch(/^different: the world module '.*' changed since the run \(source hash \w+ then, \w+ now\); the first difference:\ndifferent: table metrics/);

    rmSync(worldFile);
    const missing = cli(['replay', recording, '--verify', '--trust-world'], {}, elsewhere);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain(`the world file '${worldFile}', which does not exist`);
  });
});
