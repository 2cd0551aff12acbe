// The whole user journey in a real browser against a real server (web/e2e/run.sh starts it).
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { launch, axe, shot, login, apiToken, URL_BASE, test, routedSockets } from './browser.mjs';

const app = `e2e-${Date.now().toString(36)}`;
const archive = process.env.CR_ARCHIVE;
let context;
let page;

before(async () => {
  context = await launch({ viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
});
after(async () => {
  await context?.close();
});

async function waitForStatus(text, timeout = 180_000) {
  try {
    await page.locator('.page-head .badge', { hasText: new RegExp(`^${text}$`) }).waitFor({ timeout });
  } catch (e) {
    // Leave evidence: what the page shows and what the API says.
    await shot(page, `failed-waiting-for-${text}`).catch(() => {});
    const id = /\/deployments\/([^/]+)$/.exec(page.url())?.[1];
    if (id) {
      const r = await fetch(`${URL_BASE}/api/v1/deployments/${id}`, { headers: { Authorization: `Bearer ${await apiToken()}` } });
      console.log(`deployment ${id} per the API: ${await r.text()}`);
    }
    throw e;
  }
}

async function deployAndWait() {
  await page.locator('input[type=file]').setInputFiles(archive);
  await page.waitForURL(/\/deployments\/[^/]+$/, { timeout: 60_000 });
  await page.getByTestId('build-log').waitFor();
  await waitForStatus('succeeded');
}

test('log in: the login page is accessible and a session starts', async () => {
  await page.goto('/');
  await page.waitForURL(/\/login$/);
  await axe(page, 'login');
  await shot(page, '01-login');
  await login(page);
  await axe(page, 'app list');
  await shot(page, '02-app-list');
});

test('create an app and land on its page', async () => {
  await page.getByLabel('New app name').fill(app);
  await page.getByRole('button', { name: 'Create app' }).click();
  await page.waitForURL(new RegExp(`/apps/${app}$`));
  await page.getByRole('heading', { name: app }).waitFor();
  await page.getByText('Created', { exact: false }).first().waitFor();
  await axe(page, 'app page');
  await shot(page, '03-app');
});

test('deploy examples/static by upload: progress, live build log, phases, then running', async () => {
  await page.goto(`/apps/${app}/envs/production`);
  await page.getByRole('heading', { name: 'Controls' }).waitFor();
  await axe(page, 'environment (empty)');
  await deployAndWait();
  const log = await page.getByTestId('build-log').textContent();
  assert.ok(log && log.length > 0 && log !== 'No output yet.', `build log should have lines, got: ${log}`);
  await axe(page, 'deployment');
  await shot(page, '04-deployment');
  // Deep links survive a reload.
  await page.reload();
  await waitForStatus('succeeded');
});

test('the environment turns running and its URL answers through the router', async () => {
  await page.goto(`/apps/${app}/envs/production`);
  await page.locator('.page-head .badge', { hasText: /^running$/ }).waitFor({ timeout: 60_000 });
  const url = await page.getByTestId('env-url').textContent();
  assert.match(url, new RegExp(`${app}`));
  // The server builds the URL from the router's (public) port, which run.sh sets: use it as shown.
  assert.equal(new URL(url).port, process.env.CR_ROUTER_PORT, `URL ${url} should use the router port`);
  const site = await context.newPage();
  const res = await site.goto(url);
  assert.equal(res.status(), 200);
  await shot(site, '05-app-through-router');
  await site.close();
  await axe(page, 'environment (running)');
  await shot(page, '06-environment');
});

test('scale to 2: the second instance appears live', async () => {
  await page.getByLabel('Web instances').fill('2');
  await page.getByRole('button', { name: 'Scale', exact: true }).click();
  await page.getByText('Scaled web to 2.').waitFor();
  await page.getByTestId('instances').locator('tbody tr').nth(1).waitFor({ timeout: 60_000 });
  assert.equal(await page.getByTestId('instances').locator('tbody tr').count(), 2);
});

test('roll back to v1 after a second deploy, through a confirmation dialog', async () => {
  await page.goto(`/apps/${app}/envs/production`);
  await deployAndWait();
  await page.goto(`/apps/${app}/envs/production`);
  await page.getByTestId('releases').getByRole('button', { name: 'Roll back' }).first().click();
  const dialog = page.getByRole('alertdialog');
  await dialog.waitFor();
  await axe(page, 'confirmation dialog');
  await shot(page, '07-confirm-rollback');
  await dialog.getByRole('button', { name: /Roll back to v1/ }).click();
  await page.waitForURL(/\/deployments\/[^/]+$/);
  await waitForStatus('succeeded');
  await page.goto(`/apps/${app}/envs/production/releases/1`);
  await page.getByRole('heading', { name: 'Release v1' }).waitFor();
  await axe(page, 'release');
});

test('deploy settings: field errors from the server, then saved', async () => {
  await page.goto(`/apps/${app}/envs/production`);
  const form = page.getByRole('form', { name: 'Deploy settings' });
  await form.getByLabel('Max surge').waitFor();
  await form.getByLabel('Max surge').fill('0');
  await form.getByLabel('Max unavailable').fill('0');
  await form.getByRole('button', { name: 'Save settings' }).click();
  await form.locator('#ds-maxSurge-error').waitFor();
  assert.match(await form.locator('#ds-maxSurge-error').textContent(), /cannot both be 0/);
  assert.equal(await form.getByLabel('Max surge').getAttribute('aria-invalid'), 'true');
  await axe(page, 'deploy settings with errors');
  await shot(page, '11-deploy-settings-errors');
  // Both new instances start at once, and a broken release is given up on sooner.
  await form.getByLabel('Max surge').fill('2');
  await form.getByLabel('Ready timeout (seconds)').fill('45');
  await form.getByRole('button', { name: 'Save settings' }).click();
  await page.getByText('Saved the deploy settings of production.').waitFor();
  assert.equal(await form.locator('.field-error').count(), 0);
});

test('a release that never becomes healthy is rolled back on its own; the app keeps answering', async () => {
  await page.goto(`/apps/${app}/envs/production`);
  await page.getByTestId('env-health').filter({ hasText: /^healthy/ }).waitFor({ timeout: 60_000 });
  await page.locator('input[type=file]').setInputFiles(process.env.CR_SILENT_ARCHIVE);
  await page.waitForURL(/\/deployments\/[^/]+$/, { timeout: 60_000 });
  await page.getByTestId('timeline').waitFor();
  await waitForStatus('rolled-back', 150_000);
  const reason = page.getByTestId('deployment-reason');
  assert.match(await reason.textContent(), /Rolled back automatically.*failed its health check/s);
  // The notifications channel brings a notice for the app on screen.
  await page.locator('.toast-warning', { hasText: 'was rolled back' }).waitFor({ timeout: 10_000 });
  assert.ok((await page.getByTestId('timeline').locator('li').count()) >= 3, 'the timeline lists the phases');
  await axe(page, 'rolled-back deployment');
  await shot(page, '12-rolled-back');
  await page.locator('.toast-warning').getByRole('button', { name: 'Dismiss' }).click();

  await page.goto(`/apps/${app}/envs/production`);
  const url = await page.getByTestId('env-url').textContent();
  const site = await context.newPage();
  const res = await site.goto(url);
  assert.equal(res.status(), 200, 'the previous release still serves');
  await site.close();
  assert.match(await page.getByTestId('deployment-row-reason').first().textContent(), /failed its health check/);
  await page.getByTestId('env-health').filter({ hasText: /^healthy/ }).waitFor({ timeout: 60_000 });
  const details = page.getByTestId('instances').locator('summary').first();
  await details.focus();
  await page.keyboard.press('Enter');
  await page.getByTestId('instances').locator('details[open] .history li').first().waitFor();
  await axe(page, 'environment with health history');
  await shot(page, '13-environment-health');
});

test('the deploy queue and cancelling, queued and running', async () => {
  const token = await apiToken();
  // Never listens, and its failures fall within a long grace: it waits in health-checking until cancelled.
  const body = await readFile(process.env.CR_SLOW_ARCHIVE);
  const upload = async () => {
    const r = await fetch(`${URL_BASE}/api/v1/apps/${app}/envs/production/deployments`, {
      method: 'POST', headers: { 'Content-Type': 'application/gzip', Authorization: `Bearer ${token}` }, body,
    });
    assert.equal(r.status, 202);
    return (await r.json()).id;
  };
  const running = await upload();
  // A new upload supersedes older ones still waiting: let the first one start before the second.
  for (let i = 0; i < 120; i++) {
    const r = await fetch(`${URL_BASE}/api/v1/deployments/${running}`, { headers: { Authorization: `Bearer ${token}` } });
    if ((await r.json()).status !== 'queued') break;
    await new Promise((ok) => setTimeout(ok, 250));
  }
  const waiting = await upload();
  await page.goto(`/apps/${app}/envs/production`);
  const queue = page.getByTestId('queue');
  await queue.getByText(waiting).waitFor();
  await queue.getByText('Waiting #1').waitFor();
  await queue.getByText('Running').waitFor();
  await axe(page, 'environment with a queue');
  await shot(page, '14-queue');
  await queue.getByRole('button', { name: `Cancel deployment ${waiting}` }).click();
  const dialog = page.getByRole('alertdialog');
  await axe(page, 'cancel dialog');
  await dialog.getByRole('button', { name: 'Cancel deployment' }).click();
  await queue.getByText(waiting).waitFor({ state: 'detached', timeout: 30_000 });
  await page.getByText(`Cancelled ${waiting}.`).waitFor();

  await page.goto(`/apps/${app}/envs/production/deployments/${running}`);
  await page.getByRole('button', { name: 'Cancel deployment' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Cancel deployment' }).click();
  await waitForStatus('cancelled', 90_000);
  await page.getByTestId('deployment-reason').waitFor();
  assert.equal(await page.getByRole('button', { name: 'Cancel deployment' }).count(), 0);
});

test('errors show the problem detail', async () => {
  await page.goto('/');
  // The browser itself refuses a name outside the rule before asking the server (its pattern must compile).
  await page.getByLabel('New app name').fill('Bad Name');
  assert.equal(await page.getByLabel('New app name').evaluate((el) => el.validity.patternMismatch), true);
  await page.getByLabel('New app name').fill(app);
  await page.getByRole('button', { name: 'Create app' }).click();
  const err = page.locator('.form-error');
  await err.waitFor();
  assert.ok((await err.textContent()).length > 5);
});

test('a state change reaches the open browser quickly (apps channel)', async () => {
  await page.goto('/');
  await page.getByRole('heading', { name: 'Apps' }).waitFor();
  await page.locator('.conn-open').waitFor();
  const token = await apiToken();
  const name = `${app}-live`;
  const start = Date.now();
  await fetch(`${URL_BASE}/api/v1/apps`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` }, body: JSON.stringify({ name }) });
  await page.getByRole('link', { name, exact: true }).waitFor({ timeout: 5000 });
  const ms = Date.now() - start;
  console.log(`LIVE_UPDATE_MS=${ms}`);
  assert.ok(ms < 1000, `took ${ms} ms`);
});

test('the live connection comes back by itself after it drops, and updates arrive again', async () => {
  const live = await context.newPage();
  const sockets = await routedSockets(live);
  const errors = [];
  live.on('pageerror', (e) => errors.push(e.message));
  await live.goto('/');
  await live.locator('.conn-open').waitFor();
  await sockets[0].close({ code: 4000, reason: 'dropped by the test' });
  await live.locator('.conn-open').waitFor({ state: 'detached' });
  await live.locator('.conn-open').waitFor({ timeout: 10_000 }); // backoff starts at 0.25-0.5 s
  assert.equal(sockets.length, 2);
  const name = `${app}-again`;
  const token = await apiToken();
  await fetch(`${URL_BASE}/api/v1/apps`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` }, body: JSON.stringify({ name }) });
  await live.getByRole('link', { name, exact: true }).waitFor({ timeout: 5000 });
  assert.deepEqual(errors, []);
  await live.close();
  await fetch(`${URL_BASE}/api/v1/apps/${name}`, { method: 'DELETE', headers: { Authorization: `Bearer ${token}` } });
});

test('dark theme, phone layout and keyboard use', async () => {
  await page.getByRole('button', { name: /Switch to (dark|light) theme/ }).click();
  await page.reload();
  const theme = await page.evaluate(() => document.documentElement.dataset.theme);
  assert.ok(theme === 'dark' || theme === 'light');
  await axe(page, `app list (${theme})`);
  await shot(page, `08-app-list-${theme}`);
  await page.setViewportSize({ width: 375, height: 800 });
  await page.goto(`/apps/${app}/envs/production`);
  await page.getByRole('heading', { name: 'Controls' }).waitFor();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `horizontal overflow of ${overflow}px at 375px`);
  await axe(page, 'environment (phone)');
  await shot(page, '09-environment-phone');
  await page.keyboard.press('Tab');
  const focused = await page.evaluate(() => document.activeElement?.textContent);
  assert.match(focused ?? '', /Skip to content/);
  await page.setViewportSize({ width: 1280, height: 900 });
});

test('log out ends the session', async () => {
  await page.getByRole('button', { name: 'Log out' }).click();
  await page.waitForURL(/\/login$/);
  await page.goto('/');
  await page.waitForURL(/\/login$/);
  await shot(page, '10-logged-out');
});
