// Identity in a real browser against a real server and a real OpenID provider (no.nav's mock-oauth2-server,
// started by run.sh): password login, invitation acceptance, single sign-on, and role-based UI.
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, axe, shot, login, apiToken, URL_BASE, test } from './browser.mjs';

const id = Date.now().toString(36);
const app = `e2e-rbac-${id}`;
let admin;
let adminPage;

async function api(token, method, path, body) {
  const r = await fetch(`${URL_BASE}${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: r.status, body: await r.text() };
}

/** The access token of the page's dashboard session (exchanged from its refresh cookie, as the dashboard does). */
async function sessionToken(page) {
  return page.evaluate(async () => {
    const r = await fetch('/api/v1/auth/refresh', { method: 'POST', headers: { 'X-CodeRunner-CSRF': '1' } });
    return (await r.json()).accessToken;
  });
}

before(async () => {
  admin = await launch({ viewport: { width: 1280, height: 900 } });
  adminPage = await admin.newPage();
  const token = await apiToken();
  const created = await api(token, 'POST', '/api/v1/apps', { name: app });
  assert.equal(created.status, 201, created.body);
});
after(async () => {
  const token = await apiToken().catch(() => null);
  if (token) await api(token, 'DELETE', `/api/v1/apps/${app}`);
  await admin?.close();
});

test('password login leads to the profile page with role and API tokens', async () => {
  await login(adminPage);
  await adminPage.getByRole('link', { name: 'admin' }).click();
  await adminPage.getByRole('heading', { name: 'Profile' }).waitFor();
  assert.equal(await adminPage.getByTestId('profile-role').textContent(), 'admin');
  await adminPage.getByLabel('Token name').fill(`e2e-${id}`);
  await adminPage.getByRole('button', { name: 'Create token' }).click();
  const secret = await adminPage.locator('[data-testid=new-token] code').textContent();
  assert.match(secret, /^cr_/);
  await adminPage.getByTestId('tokens').getByText(`e2e-${id}`).waitFor();
  await axe(adminPage, 'profile');
  await shot(adminPage, 'identity-01-profile');
});

test('an admin invites someone, who accepts the link and is logged in with the invited role', async () => {
  await adminPage.getByRole('link', { name: 'Users' }).click();
  await adminPage.getByRole('heading', { name: 'Users' }).waitFor();
  await adminPage.getByLabel('E-mail to invite').fill(`dev-${id}@example.com`);
  await adminPage.getByLabel('Invited role').selectOption('developer');
  await adminPage.getByLabel('Apps').fill(app);
  await adminPage.getByRole('button', { name: 'Send invitation' }).click();
  const link = await adminPage.getByTestId('invitation-link').textContent();
  assert.match(link, /\/invite#token=/);
  await axe(adminPage, 'users');
  await shot(adminPage, 'identity-02-users');

  const invitee = await launch();
  try {
    const page = await invitee.newPage();
    await page.goto(link);
    await page.getByTestId('invitation-summary').waitFor();
    assert.match(await page.getByTestId('invitation-summary').textContent(), new RegExp(`dev-${id}@example.com as developer`));
    await axe(page, 'accept invitation');
    await shot(page, 'identity-03-accept');
    await page.getByLabel('Choose a username').fill(`dev-${id}`);
    await page.getByLabel('Choose a password').fill('invited-password');
    await page.getByLabel('Password again').fill('invited-password');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { name: 'Apps' }).waitFor();
    await page.goto('/profile');
    await page.getByTestId('profile-role').getByText('developer').waitFor();

    // The link works once.
    await page.goto(link);
    await page.getByTestId('invitation-error').getByText('already been used').waitFor();
  } finally {
    await invitee.close();
  }
});

test('single sign-on: a first login creates a viewer, who sees no deploy controls and whom the API refuses', async () => {
  const viewer = await launch({ viewport: { width: 1280, height: 900 } });
  try {
    const page = await viewer.newPage();
    await page.goto('/login');
    await page.getByRole('link', { name: 'Continue with Test IdP' }).click();
    // The provider's own sign-in form.
    await page.locator('input[name=username]').fill(`sso-${id}`);
    await page.locator('textarea[name=claims]').fill(JSON.stringify({ email: `sso-${id}@example.com`, email_verified: true, preferred_username: `sso-${id}` }));
    await page.locator('input[type=submit]').click();
    await page.getByRole('heading', { name: 'Apps' }).waitFor({ timeout: 30_000 });
    await shot(page, 'identity-04-sso-landed');
    await page.goto('/profile');
    await page.getByTestId('profile-role').getByText('viewer').waitFor();

    // Make the viewer a (read-only) member of the app, where the server has memberships.
    const adminToken = await apiToken();
    await api(adminToken, 'PUT', `/api/v1/apps/${app}/members/sso-${id}`, { role: 'viewer' });

    await page.goto(`/apps/${app}/envs/production`);
    await page.getByRole('heading', { name: 'Releases' }).waitFor();
    assert.equal(await page.locator('input[type=file]').count(), 0, 'no deploy drop zone for a viewer');
    assert.equal(await page.getByRole('heading', { name: 'Controls' }).count(), 0, 'no start/stop/scale for a viewer');
    await axe(page, 'environment as viewer');
    await shot(page, 'identity-05-viewer-env');
    await page.goto(`/apps/${app}`);
    await page.getByRole('heading', { name: app }).waitFor();
    assert.equal(await page.getByRole('button', { name: 'Delete app' }).count(), 0);
    assert.equal(await page.getByRole('link', { name: 'Users' }).count(), 0);

    // The API refuses the deploy anyway.
    const token = await sessionToken(page);
    const r = await fetch(`${URL_BASE}/api/v1/apps/${app}/envs/production/deployments`, {
      method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/gzip' }, body: new Uint8Array([31, 139]),
    });
    assert.ok(r.status === 403 || r.status === 404, `deploy as viewer must be refused, got ${r.status}`);
  } finally {
    await viewer.close();
  }
});

test('a refused single sign-on comes back to the login page with the reason', async () => {
  const ctx = await launch();
  try {
    const page = await ctx.newPage();
    await page.goto('/login?sso_error=There%20is%20no%20CodeRunner%20account');
    await page.getByTestId('sso-error').getByText('There is no CodeRunner account').waitFor();
  } finally {
    await ctx.close();
  }
});

test('the CLI device login: a logged-in user approves the code', async () => {
  const started = await (await fetch(`${URL_BASE}/api/v1/auth/device`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ clientName: 'e2e laptop' }),
  })).json();
  await adminPage.goto(new URL(started.verificationUriComplete).pathname + new URL(started.verificationUriComplete).search);
  await adminPage.getByRole('button', { name: 'Continue' }).click();
  await adminPage.getByTestId('device-request').getByText('e2e laptop').waitFor();
  await axe(adminPage, 'device approval');
  await adminPage.getByRole('button', { name: 'Approve' }).click();
  await adminPage.getByTestId('device-outcome').waitFor();
  const issued = await (await fetch(`${URL_BASE}/api/v1/auth/device/token`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ deviceCode: started.deviceCode }),
  })).json();
  assert.match(issued.accessToken ?? '', /^cr_/, JSON.stringify(issued));
});
