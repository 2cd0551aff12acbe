// Metrics in a real browser: a deployed app's charts fill with data, live, and the fleet page lists it.
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import { launch, axe, shot, login, apiToken, URL_BASE, test } from './browser.mjs';

const app = `metrics-${Date.now().toString(36)}`;
const archive = process.env.CR_ARCHIVE;
const routerPort = Number(process.env.CR_ROUTER_PORT ?? 8800);
let context;
let page;
let token;

async function call(method, path, body, type = 'application/json') {
  const r = await fetch(`${URL_BASE}${path}`, {
    method, body, headers: { Authorization: `Bearer ${token}`, ...(body ? { 'Content-Type': type } : {}) },
  });
  return { status: r.status, json: r.headers.get('content-type')?.includes('json') ? await r.json() : null };
}

/** A request through the router (fetch cannot set Host). */
function viaRouter(path) {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port: routerPort, path, headers: { Host: `${app}.localhost` } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
    });
    req.on('error', reject);
    req.setTimeout(10_000, () => req.destroy(new Error('timeout')));
  });
}

before(async () => {
  token = await apiToken();
  assert.equal((await call('POST', '/api/v1/apps', JSON.stringify({ name: app }))).status, 201);
  const upload = await call('POST', `/api/v1/apps/${app}/envs/production/deployments`, await readFile(archive), 'application/gzip');
  assert.equal(upload.status, 202);
  const deadline = Date.now() + 180_000;
  for (;;) {
    const d = await call('GET', `/api/v1/deployments/${upload.json.id}`);
    if (d.json.status === 'succeeded') break;
    assert.ok(!['failed', 'rolled-back', 'cancelled'].includes(d.json.status), `deployment ended ${d.json.status}`);
    assert.ok(Date.now() < deadline, 'deployment did not finish in 3 minutes');
    await new Promise((r) => setTimeout(r, 500));
  }
  for (let i = 0; i < 20; i++) assert.equal(await viaRouter('/'), 200);
  context = await launch({ viewport: { width: 1280, height: 1000 } });
  page = await context.newPage();
});

after(async () => {
  await context?.close();
  if (token) await call('DELETE', `/api/v1/apps/${app}`);
});

async function points(testId) {
  return Number(await page.getByTestId(testId).getAttribute('data-points'));
}

test('the environment page charts CPU, memory, requests and latency with data, and keeps them live', async () => {
  await login(page);
  await page.goto(`/apps/${app}/envs/production`);
  const panel = page.getByTestId('metrics-panel');
  await panel.waitFor();
  for (const chart of ['chart-cpu', 'chart-memory', 'chart-requests', 'chart-latency', 'chart-errors']) {
    await page.getByTestId(chart).waitFor();
  }
  // Samples arrive every 5 s: wait until CPU and memory have a few points and the requests show up.
  await page.waitForFunction(() => Number(document.querySelector('[data-testid=chart-memory]')?.getAttribute('data-points')) >= 2,
    null, { timeout: 60_000 });
  await page.waitForFunction(() => /all: [0-9.]+\/s/.test(document.querySelector('[data-testid=chart-requests] .chart-legend')?.textContent ?? ''),
    null, { timeout: 60_000 });
  // CPU needs two samples of the same process (a rate), so its first point can come a sample after memory's.
  await page.waitForFunction(() => Number(document.querySelector('[data-testid=chart-cpu]')?.getAttribute('data-points')) >= 1,
    null, { timeout: 30_000 }).catch(() => {});
  assert.ok(await points('chart-cpu') >= 1, 'CPU chart has points');
  assert.notEqual(await page.locator('[data-testid=chart-memory] path.chart-line').first().getAttribute('d'), '');
  assert.match(await page.getByTestId('instance-metrics').textContent(), /web\.1/);
  // The instances table above shows the same newest figures.
  await page.waitForFunction(() => /\d+% \/ [0-9.]+ (KB|MB|GB)/.test(
    document.querySelector('[data-testid=instances] td[data-label="CPU / memory"]')?.textContent ?? ''), null, { timeout: 30_000 });

  // Live: a new sample arrives over the WebSocket without a reload.
  const before = await points('chart-memory');
  await page.waitForFunction((n) => Number(document.querySelector('[data-testid=chart-memory]')?.getAttribute('data-points')) > n,
    before, { timeout: 30_000 });

  // Traffic sent now shows in the latency chart.
  for (let i = 0; i < 10; i++) await viaRouter('/');
  await page.waitForFunction(() => /p95: [0-9.]+ (ms|s)/.test(document.querySelector('[data-testid=chart-latency] .chart-legend')?.textContent ?? ''),
    null, { timeout: 30_000 });

  await page.getByRole('button', { name: 'Show the last 7 days' }).click();
  await page.getByRole('button', { name: 'Show the last 7 days', pressed: true }).waitFor();
  await page.getByRole('button', { name: 'Show the last 5 min' }).click();
  await page.waitForFunction(() => Number(document.querySelector('[data-testid=chart-memory]')?.getAttribute('data-points')) >= 2,
    null, { timeout: 30_000 });
  await axe(page, 'environment with metrics');
  await shot(page, 'metrics-env');
});

test('the fleet page lists the app with its health and figures, sortable', async () => {
  await page.getByRole('link', { name: 'Fleet' }).click();
  await page.waitForURL(/\/fleet$/);
  const row = page.getByTestId('fleet-row').filter({ hasText: app });
  await row.waitFor();
  await page.waitForFunction((name) => [...document.querySelectorAll('[data-testid=fleet-row]')]
    .some((r) => r.textContent.includes(name) && r.textContent.includes('healthy') && /\d+(\.\d)? (KB|MB|GB)/.test(r.textContent)), app, { timeout: 30_000 });
  await page.getByRole('button', { name: /Requests/ }).click();
  assert.equal(await page.getByRole('columnheader', { name: /Requests/ }).getAttribute('aria-sort'), 'descending');
  await axe(page, 'fleet');
  await shot(page, 'metrics-fleet');
});
