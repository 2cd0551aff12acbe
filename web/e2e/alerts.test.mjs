// Alerts in a real browser against a real server: create a rule in the editor, let a rolled-back deploy raise the
// built-in alert, watch the bell count it live, acknowledge it on the Alerts page, turn the built-in rule off;
// add a webhook channel that points at a receiver in this test, send it a test, edit a rule, delete the channel.
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { createHmac } from 'node:crypto';
import { launch, axe, shot, login, apiToken, URL_BASE, test } from './browser.mjs';

const app = `alerts-${Date.now().toString(36)}`;
const SECRET = 'e2e-signing-secret-0123456789';
let context;
let page;
let token;
let receiver;
/** What the webhook receiver got: one entry per request. */
const received = [];

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

/** A webhook receiver on the loopback interface only, answering 204 to everything. */
async function startReceiver() {
  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      received.push({ method: req.method, url: req.url, headers: req.headers, body: Buffer.concat(chunks) });
      res.writeHead(204).end();
    });
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  return server;
}

before(async () => {
  receiver = await startReceiver();
  token = await apiToken();
  assert.equal((await call('POST', '/api/v1/apps', { name: app })).status, 201);
  context = await launch({ viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
  await login(page);
});
after(async () => {
  await context?.close();
  receiver?.close();
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

test('add a webhook channel in the dashboard and send it a test', async () => {
  await page.goto(`/apps/${app}/envs/production`);
  const panel = page.getByTestId('alert-channels');
  await panel.getByRole('heading', { name: 'Notification channels' }).waitFor();
  const form = panel.getByRole('form', { name: 'New channel' });
  await form.getByLabel('Channel name').fill('receiver');
  await form.getByLabel('Type').selectOption('webhook');
  await form.getByLabel('Webhook URL').fill(`http://127.0.0.1:${receiver.address().port}/hook`);
  // A secret too short is refused, next to its field, and nothing is created.
  await form.getByLabel('Signing secret').fill('short');
  await form.getByRole('button', { name: 'Add channel' }).click();
  const secretError = form.locator('#ch-secret-error');   // the field's error, not its help text
  await secretError.waitFor();
  assert.match(await secretError.textContent(), /16–200 characters/);
  assert.equal(await form.getByLabel('Signing secret').getAttribute('aria-invalid'), 'true');
  assert.equal((await call('GET', `/api/v1/apps/${app}/alerts/channels`)).json.items.filter((c) => c.name === 'receiver').length, 0);
  await form.getByLabel('Signing secret').fill(SECRET);
  await form.getByRole('button', { name: 'Add channel' }).click();

  const row = panel.getByTestId('alert-channel-list').locator('tr', { hasText: 'receiver' });
  await row.waitFor();
  assert.match(await row.textContent(), /http:\/\/127\.0\.0\.1:\d+\/…/, 'only the host of the URL is shown');
  assert.equal(await page.getByText(SECRET).count(), 0, 'the secret is not shown back');
  // The rule form offers the new channel at once.
  await page.getByTestId('alert-rules').getByRole('checkbox', { name: /receiver/ }).waitFor();

  await row.getByRole('button', { name: 'Send test to channel receiver' }).click();
  await page.locator('.toast', { hasText: 'Sent a test notification to receiver.' }).waitFor();
  assert.equal(received.length, 1);
  const hook = received[0];
  assert.equal(hook.method, 'POST');
  assert.equal(hook.url, '/hook');
  assert.equal(hook.headers['x-coderunner-event'], 'test');
  assert.equal(hook.headers['x-coderunner-signature'], `sha256=${createHmac('sha256', SECRET).update(hook.body).digest('hex')}`);
  assert.equal(JSON.parse(hook.body.toString()).alert.app, app);
  await row.getByText('1 sent, 0 failed').waitFor();
  await axe(page, 'environment with a notification channel');
  await shot(page, 'alerts-04-channel');
});

test('edit a rule’s threshold in the dashboard; Cancel changes nothing', async () => {
  const panel = page.getByTestId('alert-rules');
  const [rule] = (await call('GET', `/api/v1/apps/${app}/envs/production/alerts/rules`)).json.items;
  const edit = panel.getByRole('button', { name: 'Edit alert rule High CPU' });
  await edit.click();
  let form = panel.getByRole('form', { name: 'Edit rule High CPU' });
  assert.equal(await form.getByLabel('Threshold', { exact: true }).inputValue(), '80');
  await form.getByLabel('Threshold', { exact: true }).fill('999');
  await form.getByRole('button', { name: 'Cancel' }).click();
  await panel.getByRole('form', { name: 'New rule' }).waitFor();
  assert.equal((await call('GET', `/api/v1/apps/${app}/envs/production/alerts/rules/${rule.id}`)).json.threshold, 80);

  await edit.click();
  form = panel.getByRole('form', { name: 'Edit rule High CPU' });
  assert.equal(await form.getByLabel('Resolve threshold').inputValue(), '60');
  await form.getByLabel('Threshold', { exact: true }).fill('85');
  await axe(page, 'a rule being edited');
  await shot(page, 'alerts-05-edit-rule');
  await form.getByRole('button', { name: 'Save rule' }).click();
  await panel.getByTestId('alert-rule-list').getByText('cpu_percent > 85 for 30s, resolves below 60').waitFor();
  await panel.getByRole('form', { name: 'New rule' }).waitFor();
  const saved = (await call('GET', `/api/v1/apps/${app}/envs/production/alerts/rules/${rule.id}`)).json;
  assert.deepEqual(
    { name: saved.name, threshold: saved.threshold, resolveThreshold: saved.resolveThreshold, for: saved.for, severity: saved.severity, enabled: saved.enabled },
    { name: 'High CPU', threshold: 85, resolveThreshold: 60, for: '30s', severity: 'critical', enabled: true });
});

test('delete the channel, once confirmed', async () => {
  const [channel] = (await call('GET', `/api/v1/apps/${app}/alerts/channels`)).json.items.filter((c) => c.name === 'receiver');
  const panel = page.getByTestId('alert-channels');
  await panel.getByRole('button', { name: 'Delete channel receiver' }).click();
  await page.getByRole('alertdialog', { name: 'Delete channel receiver?' }).getByRole('button', { name: 'Delete channel' }).click();
  await page.locator('.toast', { hasText: 'Deleted the channel receiver.' }).waitFor();
  await panel.getByText('No channels yet', { exact: false }).waitFor();
  assert.equal(await page.getByTestId('alert-rules').getByRole('checkbox', { name: /receiver/ }).count(), 0);
  assert.equal((await call('GET', `/api/v1/alerts/channels/${channel.id}`)).status, 404);
});

test('an admin adds a global channel, which every app lists', async () => {
  const panel = page.getByTestId('alert-channels');
  const form = panel.getByRole('form', { name: 'New channel' });
  await form.getByLabel('Channel name').fill('everyone');
  await form.getByLabel('Webhook URL').fill(`http://127.0.0.1:${receiver.address().port}/all`);
  await form.getByLabel('Signing secret').fill(SECRET);
  await form.getByRole('checkbox', { name: 'Global channel' }).check();
  await form.getByRole('button', { name: 'Add channel' }).click();
  const row = panel.getByTestId('alert-channel-list').locator('tr', { hasText: 'everyone' });
  await row.getByText('(global)').waitFor();
  const global = (await call('GET', '/api/v1/alerts/channels')).json.items.filter((c) => c.name === 'everyone');
  assert.equal(global.length, 1);
  assert.equal(global[0].global, true);
  assert.equal((await call('GET', `/api/v1/apps/${app}/alerts/channels`)).json.items.filter((c) => c.name === 'everyone' && c.global).length, 1);
  assert.equal((await call('DELETE', `/api/v1/alerts/channels/${global[0].id}`)).status, 204);
});
