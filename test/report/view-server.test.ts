import { existsSync, mkdirSync, statSync } from 'node:fs';
import { get } from 'node:http';
import type { Page } from 'playwright-core';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateParams } from '../../src/kernel/params.ts';
import { openForReading, openForWriting, type Recording } from '../../src/record/database.ts';
import { findRun, listRuns, rowsAt } from '../../src/record/reader.ts';
import { Recorder } from '../../src/record/recorder.ts';
import { beginRun, finishRun } from '../../src/record/run-log.ts';
import { ENGINE_VERSION } from '../../src/record/version.ts';
import { simulate } from '../../src/kernel/simulate.ts';
import { recordRun } from '../../src/record/record-run.ts';
import { replayCounterfactual } from '../../src/replay/counterfactual.ts';
import { isLoopbackHost, relationshipsAt, startViewServer, viewerLabels, type ViewServer } from '../../src/report/view-server.ts';
import assistants from '../../worlds/assistants.ts';
import twoArms from '../fixtures/two-arms.ts';
import { cliProcess, ROOT, tempDir } from '../support/cli.ts';

const CHROMIUM = '/usr/bin/chromium';
const haveChromium = existsSync(CHROMIUM);
const mustRun = process.env.CI === 'true';
if (!haveChromium && !mustRun) {
  console.warn(
    `\n⚠ SKIPPED the viewer's browser test: ${CHROMIUM} is missing (install it: apt-get install -y chromium). With CI=true it fails instead.\n`,
  );
}

describe.skipIf(!haveChromium && !mustRun)('alignsim view in headless Chromium', () => {
  let db: Recording;
  let server: ViewServer;
  let browser: Browser;
  let runId: string;
  let otherId: string;

  beforeAll(async () => {
    expect(existsSync(CHROMIUM), `${CHROMIUM} is required when CI=true`).toBe(true);
    const file = join(tempDir(), 'view.sqlite');
    const writer = openForWriting(file);
    const params = validateParams(assistants, { principals: 6, shiftAt: 10, policy: 'epsilon-greedy' });
    runId = (await recordRun({ db: writer, world: assistants, worldRef: 'assistants', params, seed: 3, steps: 40, snapshotEvery: 0 })).runId;
    otherId = (await replayCounterfactual(writer, findRun(writer, runId), { policy: 'never', trustWorldFile: false })).runId;
    writer.close();
    db = openForReading(file);
    server = await startViewServer(db, 0);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    db?.close();
  });

  async function record(file: string, world: typeof assistants | typeof twoArms, worldRef: string, params: Record<string, unknown>, seed: number): Promise<string> {
    const db = openForWriting(file);
    try {
      return (await recordRun({ db, world, worldRef, params: validateParams(world, params), seed, steps: 12, snapshotEvery: 0 })).runId;
    } finally {
      db.close();
    }
  }

  /** Elements that stick out of their panel, or a page wider than the window. */
  function overflows(page: Page): Promise<string[]> {
    // A script in the page's own terms (this file is compiled without the DOM's types).
    return page.evaluate(`(() => {
      const problems = [];
      if (document.documentElement.scrollWidth > window.innerWidth) problems.push('page is ' + document.documentElement.scrollWidth + ' px wide');
      for (const panel of document.querySelectorAll('section, header')) {
        const box = panel.getBoundingClientRect();
        for (const element of panel.querySelectorAll('select, label, .controls, img, button, input')) {
          const r = element.getBoundingClientRect();
          if (r.right > box.right + 0.5 || r.left < box.left - 0.5) problems.push(element.tagName + '#' + element.id + ' spans ' + r.left + '–' + r.right + ', its panel ' + box.left + '–' + box.right);
        }
      }
      return problems;
    })()`);
  }

  it('labels runs by seed and what differs within their world, offers only that world’s other runs to compare, and fits 1280 px', async () => {
    const file = join(tempDir(), 'labels.sqlite');
    const base = { principals: 6, shiftAt: 10, policy: 'epsilon-greedy' };
    const first = await record(file, assistants, 'assistants', base, 3);
    const second = await record(file, assistants, 'assistants', base, 4);
    const wide = await record(file, assistants, 'assistants', { ...base, policy: 'sw-ucb', epsilon: 0.3, window: 50, discount: 0.9, selfAccuracy: 0.7 }, 3);
    const arms = await record(file, twoArms, join(import.meta.dirname, '../fixtures/two-arms.ts'), {}, 1);
    const reader = openForReading(file);
    const local = await startViewServer(reader, 0);
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    try {
      expect(viewerLabels(listRuns(reader))).toEqual([
        'seed 3 · discount=0.98, epsilon=0.1, policy=epsilon-greedy, selfAccuracy=0.65, window=100',
        'seed 4 · discount=0.98, epsilon=0.1, policy=epsilon-greedy, selfAccuracy=0.65, window=100',
        'seed 3 · discount=0.9, epsilon=0.3, policy=sw-ucb, selfAccuracy=0.7, window=50',
        'seed 1',
      ]);
      await page.goto(local.url);
      await expect.poll(() => page.locator('#run option').allTextContents()).toEqual(
        viewerLabels(listRuns(reader)).map((label, i) => `${[first, second, wide, arms][i]} (${label})`),
      );
      await page.locator('#run').selectOption(first);
      await expect.poll(() => page.locator('#other option').evaluateAll((options) => options.map((o) => (o as unknown as { value: string }).value))).toEqual(['', second, wide]);
      await page.locator('#other').selectOption(wide);
      await page.locator('#decisions tbody tr').first().waitFor();
      expect(await overflows(page)).toEqual([]);
      await page.locator('#run').selectOption(arms);
      await expect.poll(() => page.locator('#other option').count()).toBe(1);
      await expect.poll(() => page.locator('#run-info').textContent()).toContain('seed 1 · completed, 12 steps');
      expect(await page.locator('#run-info').textContent()).not.toContain('undefined');
      expect(await overflows(page)).toEqual([]);
    } finally {
      await page.close();
      await local.close();
      reader.close();
    }
  });

  it('live: a page open on a recording shows a run’s steps as they are committed, following the last step', async () => {
    const file = join(tempDir(), 'live.sqlite');
    const writer = openForWriting(file);
    const reader = openForReading(file);
    const local = await startViewServer(reader, 0);
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    try {
      await page.goto(local.url);
      await expect.poll(() => page.locator('#run-info').textContent()).toBe('this recording holds no runs yet');
      const params = validateParams(assistants, { principals: 5, shiftAt: 6 });
      const runId = beginRun(writer, { world: 'assistants', seed: 2, paramsJson: JSON.stringify(params), engineVersion: ENGINE_VERSION, stepsRequested: 20, snapshotEvery: 0 });
      const recorder = new Recorder(writer);
      const steps = simulate(assistants, params, { seed: 2, steps: 20, snapshotEvery: 0 });
      const commit = (count: number): void => {
        for (let i = 0; i < count; i++) recorder.writeStep(runId, steps.next().value!);
        recorder.flush();
      };
      commit(8);
      await expect.poll(() => page.locator('#step-max').textContent(), { timeout: 10_000 }).toBe('8');
      expect(await page.locator('#run-info').textContent()).toContain('running, 8 steps');
      await expect.poll(() => page.locator('#step-label').textContent()).toBe('8');
      await expect
        .poll(() => page.locator('#decisions tbody tr td:first-child').allTextContents())
        .toEqual(rowsAt(reader, 'decisions', runId, 8).map((d) => d.principal));

      commit(12);
      finishRun(writer, runId, 'COMPLETE');
      await expect.poll(() => page.locator('#run-info').textContent(), { timeout: 10_000 }).toContain('completed, 20 steps');
      await expect.poll(() => page.locator('#step-label').textContent()).toBe('20');
      // The step-6 shift is among the events of its step.
      await page.locator('#step').fill('6');
      await expect.poll(() => page.locator('#events tbody td:first-child').allTextContents()).toContain('deployment-shift');
    } finally {
      await page.close();
      await local.close();
      reader.close();
      writer.close();
    }
  });

  it('alignsim run --view records and serves the run in one command, the page following it live', async () => {
    const file = join(tempDir(), 'run-view.sqlite');
    const steps = 2500;
    const child = cliProcess(['run', 'assistants', '--db', file, '--set', 'principals=1000', '--steps', String(steps), '--view', '0', '--quiet']);
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    try {
      await expect.poll(() => /alignsim view: (http:\/\/127\.0\.0\.1:\d+\/)/.exec(stderr)?.[1], { timeout: 30_000 }).toBeDefined();
      await page.goto(/alignsim view: (\S+)/.exec(stderr)![1]);
      const seen = new Set<number>();
      await expect
        .poll(
          async () => {
            seen.add(Number(await page.locator('#step-max').textContent()));
            return page.locator('#run-info').textContent();
          },
          { timeout: 120_000, interval: 250 },
        )
        .toContain(`completed, ${steps} steps`);
      // Steps appeared while the run went on, not only at its end.
      expect([...seen].some((n) => n > 0 && n < steps), `step counts seen: ${[...seen].join(', ')}`).toBe(true);
      await expect.poll(() => stderr).toContain('the viewer stays at');
      child.kill('SIGINT');
      expect(await exited).toBe(0);
      const db = openForReading(file);
      expect(findRun(db)).toMatchObject({ status: 'completed', steps_completed: steps });
      db.close();
    } finally {
      child.kill('SIGKILL');
      await page.close();
    }
  }, 180_000);

  it('serves on the loopback interface only', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  });

  it('moving the step slider shows that step’s decisions, events and relationship states', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(server.url);
    await page.locator('#run').selectOption(runId);
    await page.locator('#decisions tbody tr').first().waitFor();
    expect(await page.locator('#step-max').textContent()).toBe('40');

    const t = 27;
    await page.locator('#step').fill(String(t));
    await expect.poll(() => page.locator('#step-label').textContent()).toBe(String(t));
    const expected = rowsAt(db, 'decisions', runId, t);
    await expect
      .poll(async () => page.locator('#decisions tbody tr').evaluateAll((rows) => rows.map((r) => [r.children[0].textContent, r.children[1].textContent])))
      .toEqual(expected.map((d) => [d.principal, d.agent ?? 'self']));

    // Relationship states reconstructed from lifecycle events up to t, as the grid shows them.
    const states = relationshipsAt(db, runId, t);
    expect(Object.keys(states).length).toBeGreaterThan(0);
    for (const [subject, state] of Object.entries(states)) {
      const [principal, agent] = subject.split('/');
      const columns = await page.locator('#relationships thead th').allTextContents();
      const row = page.locator('#relationships tbody tr', { has: page.locator(`td:first-child:text-is("${principal}")`) });
      expect(await row.locator('td').nth(columns.indexOf(agent)).textContent()).toBe(state);
    }

    // Comparing with the counterfactual run overlays its series on the same chart.
    await page.locator('#other').selectOption(otherId);
    await expect.poll(() => page.locator('#chart').getAttribute('src')).toContain(`other=${otherId}`);
    await expect.poll(() => page.locator('#chart').evaluate((img) => (img as unknown as { complete: boolean; naturalWidth: number }).naturalWidth)).toBeGreaterThan(0);
    const svg = await page.evaluate((src) => fetch(src).then((r) => r.text()), (await page.locator('#chart').getAttribute('src'))!);
    expect(svg).toContain('>seed 3 · epsilon-greedy</text>');
    expect(svg).toContain('>seed 3 · never</text>');
    expect(svg).toMatch(/<line class="event" data-x="10"[^>]*><title>deployment-shift a1 at step 10<\/title>/);
    mkdirSync(join(ROOT, 'test-output'), { recursive: true });
    const screenshot = join(ROOT, 'test-output', 'viewer.png');
    await page.screenshot({ path: screenshot, fullPage: true });
    expect(statSync(screenshot).size).toBeGreaterThan(10_000);
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('the viewer answers only requests addressed to a loopback name with its port', () => {
  /** Status and body of GET path, sent to the server with this Host header. */
  function fetchWithHost(url: string, path: string, host: string): Promise<{ status: number; body: string }> {
    return new Promise((resolve, reject) => {
      get(new URL(path, url), { headers: { host } }, (response) => {
        let body = '';
        response.on('data', (chunk) => (body += chunk));
        response.on('end', () => resolve({ status: response.statusCode!, body }));
      }).on('error', reject);
    });
  }

  it('403 for a foreign Host (DNS rebinding), the data for 127.0.0.1, localhost and [::1]', async () => {
    const file = join(tempDir(), 'host.sqlite');
    const writer = openForWriting(file);
    const params = validateParams(assistants, { principals: 2 });
    await recordRun({ db: writer, world: assistants, worldRef: 'assistants', params, seed: 1, steps: 2, snapshotEvery: 0 });
    writer.close();
    const db = openForReading(file);
    const server = await startViewServer(db, 0);
    try {
      const port = Number(new URL(server.url).port);
      for (const host of [`attacker.example:${port}`, `127.0.0.1.attacker.example:${port}`, `127.0.0.1:${port + 1}`, '127.0.0.1', `localhost.:${port}`]) {
        const foreign = await fetchWithHost(server.url, '/api/runs', host);
        expect(foreign.status, host).toBe(403);
        expect(foreign.body).not.toContain('assistants');
      }
      for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `LocalHost:${port}`, `[::1]:${port}`]) {
        const own = await fetchWithHost(server.url, '/api/runs', host);
        expect(own.status, host).toBe(200);
        expect((JSON.parse(own.body) as { world: string }[])[0].world).toBe('assistants');
      }
    } finally {
      await server.close();
      db.close();
    }
  });

  it('a request without Host is refused', () => {
    expect(isLoopbackHost(undefined, 8737)).toBe(false);
    expect(isLoopbackHost('127.0.0.1:8737', 8737)).toBe(true);
  });
});
