// The config editor in a real browser against a real server (web/e2e/run.sh starts it): bulk edit with a diff
// before save, one release per save, reveal (allowed and refused), server validation, history and release diffs.
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { launch, axe, shot, login, apiToken, URL_BASE, test } from './browser.mjs';

const app = `cfg-${Date.now().toString(36)}`;
const envUrl = `/apps/${app}/envs/production`;
const apiBase = `${URL_BASE}/api/v1/apps/${app}/envs/production`;
const SECRET = 'e2e-s3cret-value';
let token;
let context;
let page;

async function call(method, path, body, bearer = token) {
  const r = await fetch(path.startsWith('http') ? path : `${URL_BASE}${path}`, {
    method,
    headers: { Authorization: `Bearer ${bearer}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await r.text();
  return { status: r.status, text, json: text && r.headers.get('content-type')?.includes('json') ? JSON.parse(text) : null };
}

/** Polls until the deployment has ended (generous deadline: the machine is shared). */
async function awaitDeployment(id, timeoutMs = 180_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const d = (await call('GET', `/api/v1/deployments/${id}`)).json;
    if (['succeeded', 'failed', 'rolled-back', 'cancelled'].includes(d.status)) return d;
    assert.ok(Date.now() < deadline, `deployment ${id} still ${d.status} after ${timeoutMs} ms`);
    await new Promise((ok) => setTimeout(ok, 250));
  }
}

before(async () => {
  token = await apiToken();
  assert.equal((await call('POST', '/api/v1/apps', { name: app })).status, 201);
  // Config changes make releases once something is deployed: deploy the static example first.
  const r = await fetch(`${apiBase}/deployments`, {
    method: 'POST', headers: { 'Content-Type': 'application/gzip', Authorization: `Bearer ${token}` }, body: await readFile(process.env.CR_ARCHIVE),
  });
  assert.equal(r.status, 202);
  assert.equal((await awaitDeployment((await r.json()).id)).status, 'succeeded');
  context = await launch({ viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
});
after(async () => {
  await context?.close();
  if (token) await call('DELETE', `/api/v1/apps/${app}`).catch(() => {});
});

/** PATCH requests the page sends to the config, to prove nothing goes out before Save and one goes out on Save. */
function countPatches() {
  const seen = [];
  const listener = (req) => {
    if (req.method() === 'PATCH' && req.url().includes('/config')) seen.push(req.postDataJSON());
  };
  page.on('request', listener);
  return { seen, stop: () => page.off('request', listener) };
}

test('the environment page leads to the config editor', async () => {
  await login(page);
  await page.goto(envUrl);
  await page.getByTestId('config-link').click();
  await page.waitForURL(new RegExp(`${envUrl}/config$`));
  await page.getByRole('heading', { name: 'Variables and secrets' }).waitFor();
  await page.getByText('No config yet').waitFor();
  await page.getByTestId('config-history').waitFor();
  await axe(page, 'config page (empty)');
});

test('bulk add a var and a secret (and a pasted .env), see the diff, save as one release', async () => {
  const patches = countPatches();
  await page.getByRole('button', { name: 'Add variable' }).click();
  await page.getByLabel('Name of new entry 1').fill('E2E_GREETING');
  await page.getByLabel('Value of new entry 1').fill('hello');
  await page.getByRole('button', { name: 'Add secret' }).click();
  await page.getByLabel('Name of new entry 2').fill('E2E_SECRET');
  await page.getByLabel('Value of new entry 2').fill(SECRET);
  await page.getByText('Paste .env text').click();
  await page.getByLabel('.env text').fill('# from a file\nexport E2E_PASTED="yes"\n');
  await page.getByRole('button', { name: 'Add to the editor' }).click();
  await page.getByTestId('config-pending').filter({ hasText: '3 unsaved changes.' }).waitFor();
  assert.equal(patches.seen.length, 0, 'nothing is sent while editing');
  await axe(page, 'config page (editing)');

  await page.getByRole('button', { name: 'Review and save…' }).click();
  const dialog = page.getByRole('alertdialog', { name: `Save 3 changes to ${app}/production?` });
  await dialog.waitFor();
  const review = dialog.getByTestId('review-changes');
  const rows = await review.locator('tbody tr').allInnerTexts();
  assert.equal(rows.length, 3, rows.join('\n'));
  assert.match(rows.find((r) => r.includes('E2E_GREETING')), /added[\s\S]*hello/);
  assert.match(rows.find((r) => r.includes('E2E_SECRET')), /secret[\s\S]*added[\s\S]*••••••••/);
  assert.ok(!(await dialog.innerText()).includes(SECRET), 'the secret value is masked in the diff');
  assert.equal(patches.seen.length, 0, 'nothing is sent before confirming');
  await axe(page, 'config save dialog');
  await shot(page, 'config-01-review');

  await dialog.getByRole('button', { name: 'Save as a new release' }).click();
  const saved = page.getByTestId('config-saved');
  await saved.filter({ hasText: 'release v2' }).waitFor({ timeout: 30_000 });
  assert.match(await saved.innerText(), /rolling out|succeeded/);
  assert.equal(patches.seen.length, 1, 'one save is one PATCH');
  assert.deepEqual(patches.seen[0], { vars: { E2E_GREETING: 'hello', E2E_PASTED: 'yes' }, secrets: { E2E_SECRET: SECRET } });
  patches.stop();
  await shot(page, 'config-02-saved');

  // The API agrees: release v2 is the newest, its config has the values, the secret is stored as a secret.
  const releases = (await call('GET', `${apiBase}/releases`)).json.items;
  assert.equal(releases[0].version, 2);
  const diff = (await call('GET', `${apiBase}/config/diff?from=1&to=2`)).json.changes;
  assert.deepEqual(diff.map((c) => `${c.name} ${c.change} ${c.to}`), ['E2E_GREETING added hello', 'E2E_PASTED added yes', 'E2E_SECRET added ••••••••']);
  const revealed = (await call('GET', `${apiBase}/config?reveal=true&name=E2E_SECRET`)).json;
  assert.equal(revealed.secrets.E2E_SECRET, SECRET);
  assert.equal(revealed.vars.E2E_GREETING, 'hello');
  // The rollout finishes and the row shows the saved state.
  await saved.getByText('succeeded').waitFor({ timeout: 180_000 });
  await page.getByTestId('config-row-E2E_SECRET').waitFor();
});

test('the server refuses a reserved name: the message shows next to the field', async () => {
  await page.getByRole('button', { name: 'Add variable' }).click();
  await page.getByLabel('Name of new entry 1').fill('PORT');
  await page.getByLabel('Value of new entry 1').fill('1234');
  await page.getByRole('button', { name: 'Review and save…' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Save as a new release' }).click();
  const value = page.getByLabel('Value of new entry 1');
  await page.waitForFunction(() => document.querySelector('[aria-invalid="true"]') !== null);
  assert.equal(await value.getAttribute('aria-invalid'), 'true');
  const errorId = await value.getAttribute('aria-describedby');
  assert.match(await page.locator(`[id="${errorId}"]`).innerText(), /PORT is set by CodeRunner/);
  await page.getByTestId('config-form-error').waitFor();
  await axe(page, 'config page (server refusal)');
  await shot(page, 'config-03-refused-name');
  await page.getByRole('button', { name: 'Drop new entry 1' }).click();
  await page.getByTestId('config-pending').filter({ hasText: 'No unsaved changes.' }).waitFor();
  assert.equal((await call('GET', `${apiBase}/releases`)).json.items[0].version, 2, 'a refused save makes no release');
});

test('an admin reveals a secret (audited)', async () => {
  await page.getByRole('button', { name: 'Reveal E2E_SECRET' }).click();
  const shown = page.getByTestId('revealed-E2E_SECRET');
  await shown.waitFor();
  assert.equal(await shown.innerText(), SECRET);
  const audit = (await call('GET', `/api/v1/audit?action=config.reveal&target=${app}/production`)).json.items;
  assert.ok(audit.some((e) => JSON.stringify(e.detail).includes('E2E_SECRET')), JSON.stringify(audit));
  assert.ok(!JSON.stringify(audit).includes(SECRET), 'the audit row names the secret, never its value');
  await page.getByRole('button', { name: 'Hide E2E_SECRET' }).click();
  await shown.waitFor({ state: 'detached' });
});

test('with a read-scoped token the reveal (and a save) is refused, shown as a message', async () => {
  // No user-management API exists yet to make a VIEWER, so the dashboard runs on a read-scoped API token
  // (ConfigAccess refuses both the same way): the session refresh hands the page that token, so every request
  // the page makes carries it.
  const created = await call('POST', '/api/v1/auth/tokens', { name: `e2e-read-${app}`, scope: 'read' });
  assert.equal(created.status, 201, created.text);
  const readToken = created.json.token;
  const reader = await launch({ viewport: { width: 1280, height: 900 } });
  try {
    const p = await reader.newPage();
    await p.route('**/api/v1/auth/refresh', (route) =>
      route.fulfill({ json: { accessToken: readToken, tokenType: 'Bearer', expiresIn: 3600 } }));
    await p.goto(`${envUrl}/config`);
    await p.getByTestId('config-row-E2E_SECRET').waitFor({ timeout: 30_000 });
    const profile = await p.evaluate(async (t) => (await fetch('/api/v1/auth/profile', { headers: { Authorization: `Bearer ${t}` } })).json(), readToken);
    assert.equal(profile.scope, 'read');

    await p.getByRole('button', { name: 'Reveal E2E_SECRET' }).click();
    const refusal = p.getByTestId('reveal-error-E2E_SECRET');
    await refusal.waitFor();
    assert.match(await refusal.innerText(), /Not revealed: Your role or token does not allow revealing secret values/);
    assert.equal(await p.getByTestId('revealed-E2E_SECRET').count(), 0);
    assert.ok(!(await p.content()).includes(SECRET), 'the value is nowhere on the page');
    await axe(p, 'config page (reveal refused)');
    await shot(p, 'config-04-reveal-refused');

    // Saving is refused too, and the page says so instead of breaking.
    await p.getByLabel('Value of E2E_GREETING').fill('not-allowed');
    await p.getByRole('button', { name: 'Review and save…' }).click();
    await p.getByRole('alertdialog').getByRole('button', { name: 'Save as a new release' }).click();
    await p.getByTestId('config-form-error').filter({ hasText: 'does not allow' }).waitFor();
    assert.equal((await call('GET', `${apiBase}/releases`)).json.items[0].version, 2);
  } finally {
    await reader.close();
  }
});

test('a second save, then the history lists both and diffs two releases', async () => {
  await page.getByLabel('Value of E2E_GREETING').fill('bonjour');
  await page.getByRole('button', { name: 'Remove E2E_PASTED' }).click();
  await page.getByRole('button', { name: 'Review and save…' }).click();
  const dialog = page.getByRole('alertdialog', { name: `Save 2 changes to ${app}/production?` });
  const review = await dialog.getByTestId('review-changes').locator('tbody tr').allInnerTexts();
  assert.match(review.find((r) => r.includes('E2E_GREETING')), /changed[\s\S]*hello[\s\S]*bonjour/);
  assert.match(review.find((r) => r.includes('E2E_PASTED')), /removed/);
  await dialog.getByRole('button', { name: 'Save as a new release' }).click();
  await page.getByTestId('config-saved').filter({ hasText: 'release v3' }).waitFor({ timeout: 30_000 });

  const history = page.getByTestId('config-history');
  const v3 = history.getByTestId('config-history-v3');
  await v3.waitFor({ timeout: 30_000 });
  assert.match(await v3.innerText(), /E2E_GREETING[\s\S]*E2E_PASTED/);
  assert.match(await v3.innerText(), /admin/);
  assert.match(await history.getByTestId('config-history-v2').innerText(), /E2E_GREETING[\s\S]*E2E_PASTED[\s\S]*E2E_SECRET/);
  assert.match(await history.getByTestId('config-history-v1').innerText(), /no config change/);

  // Any two releases, through the server's diff.
  await page.getByLabel('From', { exact: true }).selectOption('1');
  await page.getByLabel('To', { exact: true }).selectOption('3');
  await page.getByRole('button', { name: 'Show diff' }).click();
  await page.getByTestId('config-diff-title').filter({ hasText: 'production v1 → production v3' }).waitFor();
  const between = await page.getByTestId('config-diff').locator('tbody tr').allInnerTexts();
  assert.equal(between.length, 2, between.join('\n'));
  assert.match(between.find((r) => r.includes('E2E_GREETING')), /added[\s\S]*bonjour/);
  assert.match(between.find((r) => r.includes('E2E_SECRET')), /added[\s\S]*••••••••/);
  assert.ok(!between.join('').includes(SECRET));

  // And a release against the one before it.
  await v3.getByRole('button', { name: 'Diff with v2' }).click();
  await page.getByTestId('config-diff-title').filter({ hasText: 'production v2 → production v3' }).waitFor();
  const step = await page.getByTestId('config-diff').locator('tbody tr').allInnerTexts();
  assert.deepEqual(step.map((r) => r.split(/\s+/)[0]), ['E2E_GREETING', 'E2E_PASTED']);
  assert.match(step[1], /removed\s+yes\s+—/);
  // Once its rollout has succeeded, v3 is the current release in the history too.
  await v3.getByText('current').waitFor({ timeout: 180_000 });
  await axe(page, 'config history with a diff');
  await shot(page, 'config-05-history');
});

test('dark theme and a phone-sized screen', async () => {
  const theme = await page.evaluate(() => document.documentElement.dataset.theme);
  if (theme !== 'dark') await page.getByRole('button', { name: 'Switch to dark theme' }).click();
  await page.reload();
  await page.getByTestId('config-row-E2E_SECRET').waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark');
  await axe(page, 'config page (dark)');
  await shot(page, 'config-06-dark');
  await page.setViewportSize({ width: 375, height: 800 });
  await page.getByTestId('config-row-E2E_SECRET').waitFor();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `horizontal overflow of ${overflow}px at 375px`);
  await axe(page, 'config page (phone, dark)');
  await shot(page, 'config-07-phone');
});
