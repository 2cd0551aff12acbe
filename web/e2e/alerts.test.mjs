// Alerts in a real browser against a real server: create a rule in the editor, let a rolled-back deploy raise the
// built-in alert, watch the bell count it live, acknowledge it on the Alerts page, turn the built-in rule off.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, axe, shot, login, apiToken, URL_BASE } from './browser.mjs';

const app = `alerts-${Date.now().toString(36)}`;
let context;
let page;
let token;

async function call(method, path, body, type = 'application/json') {
  const r = await fetch(`${URL_BASE}${path}`, {
    method, headers: { 'Content-Type': type, Authorization: `Bearer ${token}` },
    body: body === undefined ? undefined : type === 'application/json' ? JSON.stringify(body) : body,
  });
  const text = await r.text();
  return { status: r.status, json: text ? JSON.parse(text) : null };
}

async function deploy(archivePath) {
  const { readFile } = await import('node:fs/promises');
  const r = await call('POST', `/api/v1/apps/${app}/envs/production/deployments`, await readFile(archivePath), 'application/gzip');
  assert.equal(r.status, 202, JSON.stringify(r.json));
  for (let i = 0; i < 600; i++) {
    const d = (await call('GET', `/api/v1/deployments/${r.json.id}`)).json;
    if (['succeeded', 'failed', 'rolled-back', 'cancelled'].includes(d.status)) return d;
    await new Promise((ok) => setTimeout(ok, 500));
  }
  throw new Error(`deployment ${r.json.id} did not end`);
}

before(async () => {
  token = await apiToken();
  assert.equal((await call('POST', '/api/v1/apps', { name: app })).status, 201);
  context = await launch({ viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
  await login(page);
});
after(async () => {
  await context?.close();
  if (token) await call('DELETE', `/api/v1/apps/${app}`).catch(() => {});
});

test('create an alert rule in the environment’s rule editor', async () => {
  await page.goto(`/apps/${app}/envs/production`);
  const panel = page.getByTestId('alert-rules');
  await panel.getByRole('heading', { name: 'Alert rules' }).waitFor();
  await panel.getByLabel('Name').fill('High CPU');
  await panel.getByLabel('Threshold', { exact: true }).fill('80');
  await panel.getByLabel('Resolve threshold').fill('90');
  await panel.getByRole('button', { name: 'Create rule' }).click();
  // A resolve threshold above the threshold is refused, next to its field, and nothing is created.
  await panel.getByText('at most the threshold', { exact: false }).waitFor();
  await panel.getByLabel('Resolve threshold').fill('60');
  await panel.getByLabel('For').fill('30s');
  await panel.getByLabel('Severity').selectOption('critical');
  await panel.getByRole('button', { name: 'Create rule' }).click();
  await panel.getByTestId('alert-rule-list').getByText('cpu_percent > 80 for 30s, resolves below 60').waitFor();
  const rules = (await call('GET', `/api/v1/apps/${app}/envs/production/alerts/rules`)).json;
  assert.equal(rules.items.length, 1);
  assert.equal(rules.items[0].severity, 'critical');
  // Nothing runs in this environment yet, so there is nothing to measure: not evaluated, or no data.
  assert.ok(['unknown', 'no-data'].includes(rules.items[0].status.state), rules.items[0].status.state);
  await axe(page, 'environment with alert rules');
  await shot(page, 'alerts-01-rule-editor');
});

test('a rolled-back deploy raises the built-in alert: toast and bell count arrive live; acknowledge it', async () => {
  assert.equal((await deploy(process.env.CR_ARCHIVE)).status, 'succeeded');
  await page.goto('/');
  await page.locator('.conn-open').waitFor({ timeout: 30_000 });
  // Other tests' alerts may be counted already (a fresh browser counts every firing alert): expect one more.
  const counter = page.getByTestId('alert-count');
  const before = (await counter.count()) === 0 ? 0 : Number(await counter.textContent());

  const done = await deploy(process.env.CR_SILENT_ARCHIVE);
  assert.equal(done.status, 'rolled-back');

  await page.locator('.toast', { hasText: 'Deploy failed or rolled back' }).waitFor({ timeout: 30_000 });
  await counter.filter({ hasText: new RegExp(`^${before + 1}$`) }).waitFor({ timeout: 30_000 });
  await axe(page, 'app list with an alert');
  await shot(page, 'alerts-02-bell');

  await page.getByRole('link', { name: `Alerts, ${before + 1} new` }).click();
  await page.waitForURL(/\/alerts$/);
  const firing = page.getByTestId('firing-alerts');
  const row = firing.locator('tr', { hasText: 'Deploy failed or rolled back' }).filter({ hasText: `${app}/production` });
  await row.waitFor();
  assert.match(await row.textContent(), new RegExp(done.id));
  assert.equal(await page.getByTestId('alert-count').count(), 0, 'opening the bell clears the count');
  await axe(page, 'alerts page');
  await row.getByRole('button', { name: `Acknowledge Deploy failed or rolled back on ${app}/production` }).click();
  await row.getByText('Acknowledged by admin').waitFor();
  await page.getByTestId('alert-history').getByText(`${app}/production`).first().waitFor();
  await shot(page, 'alerts-03-acknowledged');
  const alerts = (await call('GET', `/api/v1/alerts?state=firing&app=${app}`)).json.items;
  assert.equal(alerts.length, 1);
  assert.equal(alerts[0].acknowledgedBy, 'admin');
});

test('turn a built-in rule off for the environment', async () => {
  await page.goto(`/apps/${app}/envs/production`);
  const toggle = page.getByTestId('alert-rules').getByRole('checkbox', { name: /Deploy failed or rolled back/ });
  await toggle.waitFor();
  assert.equal(await toggle.isChecked(), true);
  await toggle.click();
  await page.getByText('Deploy failed or rolled back is off for production.').waitFor();
  const builtin = (await call('GET', `/api/v1/apps/${app}/envs/production/alerts/rules`)).json.builtin;
  assert.equal(builtin.find((b) => b.kind === 'deploy-failed').enabled, false);
  // Turning it off closes its open alert.
  assert.equal((await call('GET', `/api/v1/alerts?state=firing&app=${app}`)).json.items.length, 0);
});
