import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { InputError } from '../kernel/errors.ts';
import type { Recording } from '../record/database.ts';
import { findRun, listRuns, rowsAt, type RunRow } from '../record/reader.ts';
import { labelRuns } from './compare.ts';
import { readSeries } from './figures.ts';
import { renderLineChart } from './svg-chart.ts';
import { chartEvents, worldEvents } from './world-events.ts';

/** The viewer's page, script and style: plain files, no build step, nothing from a CDN. */
const ASSETS: Record<string, [file: string, type: string]> = {
  '/': ['index.html', 'text/html; charset=utf-8'],
  '/viewer.js': ['viewer.js', 'text/javascript; charset=utf-8'],
  '/viewer.css': ['viewer.css', 'text/css; charset=utf-8'],
};
const ASSET_DIRECTORY = new URL('./viewer/', import.meta.url);

/** Decisions of one step sent to the page at most (a world may have a million principals). */
export const MAX_STEP_DECISIONS = 200;

class NotFound extends Error {}

export interface ViewServer {
  readonly url: string;
  close(): Promise<void>;
}

function parameter(url: URL, name: string): string {
  const value = url.searchParams.get(name);
  if (value === null || value === '') throw new InputError(`missing query parameter '${name}'`);
  return value;
}

function runNamed(db: Recording, runId: string): RunRow {
  try {
    return findRun(db, runId);
  } catch (error) {
    throw error instanceof InputError ? new NotFound(error.message) : error;
  }
}

const runOf = (db: Recording, url: URL): RunRow => runNamed(db, parameter(url, 'run'));

function stepOf(url: URL, run: RunRow): number {
  const t = Number(parameter(url, 't'));
  if (!Number.isSafeInteger(t) || t < 1 || t > run.steps_completed) throw new InputError(`step ${url.searchParams.get('t')}: expected 1 to ${run.steps_completed}`);
  return t;
}

/** Each relationship's lifecycle state after step t: the last `lifecycle` event up to t names it. */
export function relationshipsAt(db: Recording, runId: string, t: number): Record<string, string> {
  const rows = db
    .prepare("SELECT subject, payload_json FROM events WHERE run_id = ? AND type = 'lifecycle' AND t <= ? ORDER BY t, seq")
    .all(runId, t) as { subject: string; payload_json: string }[];
  const states: Record<string, string> = Object.create(null);
  for (const { subject, payload_json } of rows) states[subject] = String((JSON.parse(payload_json) as { to?: unknown }).to);
  return states;
}

/**
 * A label per run: its seed, and the parameters whose values differ between the runs of its
 * world (the policy alone when only the policy differs).
 */
export function viewerLabels(runs: readonly RunRow[]): string[] {
  const byWorld = new Map<string, number[]>();
  runs.forEach((run, i) => byWorld.set(run.world, [...(byWorld.get(run.world) ?? []), i]));
  const labels: string[] = [];
  for (const members of byWorld.values()) {
    const differing = labelRuns(members.map((i) => runs[i]));
    const anyDiffers = new Set(differing).size > 1;
    members.forEach((i, k) => (labels[i] = anyDiffers ? `seed ${runs[i].seed} · ${differing[k]}` : `seed ${runs[i].seed}`));
  }
  return labels;
}

function runs(db: Recording): unknown {
  const all = listRuns(db);
  const labels = viewerLabels(all);
  return all.map((run, i) => ({ ...run, label: labels[i] }));
}

function step(db: Recording, url: URL): unknown {
  const run = runOf(db, url);
  const t = stepOf(url, run);
  const decisions = rowsAt(db, 'decisions', run.run_id, t);
  return {
    t,
    decisionCount: decisions.length,
    decisions: decisions.slice(0, MAX_STEP_DECISIONS),
    events: rowsAt(db, 'events', run.run_id, t),
    metrics: rowsAt(db, 'metrics', run.run_id, t),
    relationships: relationshipsAt(db, run.run_id, t),
  };
}

function chart(db: Recording, url: URL): string {
  const run = runOf(db, url);
  const name = parameter(url, 'name');
  const otherId = url.searchParams.get('other');
  const compared = otherId ? [run, runNamed(db, otherId)] : [run];
  const labels = otherId ? viewerLabels(compared) : [name];
  const series = compared.map((r, i) => ({ name: labels[i], points: readSeries(db, r, [name]).get(name) ?? [] }));
  const t = url.searchParams.get('t');
  const events = chartEvents(worldEvents(db, run.run_id));
  return renderLineChart({ title: name, series, events, marker: t === null ? undefined : Number(t), width: 720, height: 300 });
}

function send(response: ServerResponse, status: number, type: string, body: string | Buffer): void {
  response.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
  response.end(body);
}

/**
 * Whether a request names this server by a loopback name. A page from another site can reach
 * 127.0.0.1 through a domain that re-resolves to it (DNS rebinding); its requests then carry that
 * domain in Host, and are refused.
 */
export function isLoopbackHost(host: string | undefined, port: number): boolean {
  if (host === undefined) return false;
  return [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`].includes(host.toLowerCase());
}

function handle(db: Recording, port: number, request: IncomingMessage, response: ServerResponse): void {
  const url = new URL(request.url ?? '/', 'http://127.0.0.1');
  const json = (value: unknown): void => send(response, 200, 'application/json', JSON.stringify(value));
  try {
    if (!isLoopbackHost(request.headers.host, port)) return send(response, 403, 'text/plain', 'only for 127.0.0.1 or localhost with this port');
    if (request.method !== 'GET') return send(response, 405, 'text/plain', 'only GET');
    const asset = ASSETS[url.pathname === '/index.html' ? '/' : url.pathname];
    if (asset) return send(response, 200, asset[1], readFileSync(new URL(asset[0], ASSET_DIRECTORY)));
    switch (url.pathname) {
      case '/api/runs':
        return json(runs(db));
      case '/api/metrics':
        return json(
          (db.prepare('SELECT DISTINCT name FROM metrics WHERE run_id = ? ORDER BY name').all(runOf(db, url).run_id) as { name: string }[]).map((r) => r.name),
        );
      case '/api/step':
        return json(step(db, url));
      case '/api/chart.svg':
        return send(response, 200, 'image/svg+xml', chart(db, url));
      default:
        throw new NotFound(`no page ${url.pathname}`);
    }
  } catch (error) {
    const status = error instanceof NotFound ? 404 : error instanceof InputError ? 400 : 500;
    send(response, status, 'application/json', JSON.stringify({ error: (error as Error).message }));
  }
}

/**
 * Serves the viewer on the loopback interface only (127.0.0.1), to requests addressed to a
 * loopback name, reading the recording through the read-only connection it is given. Port 0
 * picks a free port.
 */
export function startViewServer(db: Recording, port: number): Promise<ViewServer> {
  const server = createServer((request, response) => handle(db, (server.address() as AddressInfo).port, request, response));
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new InputError(`--port ${port}: already in use, expected a free port (or --port 0 to pick one)`)
          : error.code === 'EACCES'
            ? new InputError(`--port ${port}: not allowed for this user, expected a port from 1024 (or --port 0 to pick one)`)
            : error,
      ),
    );
    server.listen(port, '127.0.0.1', () => {
      const { port: bound } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${bound}/`,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
