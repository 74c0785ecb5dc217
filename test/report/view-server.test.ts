import { existsSync, mkdirSync, statSync } from 'node:fs';
import { get } from 'node:http';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateParams } from '../../src/kernel/params.ts';
import { openForReading, openForWriting, type Recording } from '../../src/record/database.ts';
import { findRun, rowsAt } from '../../src/record/reader.ts';
import { recordRun } from '../../src/record/record-run.ts';
import { replayCounterfactual } from '../../src/replay/counterfactual.ts';
import { isLoopbackHost, relationshipsAt, startViewServer, type ViewServer } from '../../src/report/view-server.ts';
import assistants from '../../worlds/assistants.ts';
import { ROOT, tempDir } from '../support/cli.ts';

const CHROMIUM = '/usr/bin/chromium';
const haveChromium = existsSync(CHROMIUM);
const mustRun = process.env.CI === 'true';
if (!haveChromium && !mustRun) {
  console.warn(`\n⚠ SKIPPED the viewer's browser test: ${CHROMIUM} is missing (install it: apt-get install -y chromium)\n`);
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
    otherId = (await replayCounterfactual(writer, findRun(writer, runId), { policy: 'never' })).runId;
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
    expect(svg).toContain('>epsilon-greedy</text>');
    expect(svg).toContain('>never</text>');
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
