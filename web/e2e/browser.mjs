// Shared set-up for the browser tests: Debian's chromium through playwright-core, never a downloaded browser.
import { chromium } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import assert from 'node:assert/strict';

export const URL_BASE = process.env.CR_URL ?? 'http://localhost:7700';
export const PASSWORD = process.env.CR_PASSWORD ?? 'admin';
export const ARTIFACTS = process.env.CR_ARTIFACTS ?? 'e2e/artifacts';

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--no-first-run', '--disable-sync', '--disable-quic'];

/** A persistent context in a fresh profile folder (chromium needs --user-data-dir for that). */
export async function launch(options = {}) {
  const dir = mkdtempSync(join(process.env.CR_PROFILE_ROOT ?? '/tmp', 'chromium-'));
  return chromium.launchPersistentContext(dir, {
    executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS, baseURL: URL_BASE, ...options,
  });
}

export async function axe(page, name) {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const summary = result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  assert.deepEqual(summary, [], `axe violations on ${name}`);
}

export async function shot(page, name) {
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

export async function login(page) {
  await page.goto('/login');
  await page.getByLabel('Username').fill('admin');
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('heading', { name: 'Apps' }).waitFor();
}

export async function apiToken() {
  const r = await fetch(`${URL_BASE}/api/v1/auth/login`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: PASSWORD }),
  });
  return (await r.json()).accessToken;
}
