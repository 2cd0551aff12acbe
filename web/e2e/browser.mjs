// Shared set-up for the browser tests: Debian's chromium through playwright-core, never a downloaded browser.
import { test as nodeTest } from 'node:test';
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

/** The open browser contexts and the last things that went wrong in their pages, for {@link test}'s report. */
const contexts = new Set();
const troubles = [];

/** A persistent context in a fresh profile folder (chromium needs --user-data-dir for that). */
export async function launch(options = {}) {
  const dir = mkdtempSync(join(process.env.CR_PROFILE_ROOT ?? '/tmp', 'chromium-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS, baseURL: URL_BASE, ...options,
  });
  contexts.add(context);
  context.on('close', () => contexts.delete(context));
  context.on('page', watch);
  context.pages().forEach(watch);
  return context;
}

function trouble(what) {
  troubles.push(`${new Date().toISOString()} ${what}`);
  if (troubles.length > 30) troubles.shift();
}

function watch(page) {
  page.on('pageerror', (e) => trouble(`page error: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') trouble(`console: ${m.text()}`); });
  page.on('requestfailed', (r) => trouble(`failed: ${r.method()} ${r.url()} (${r.failure()?.errorText})`));
  page.on('response', (r) => { if (r.status() >= 500) trouble(`${r.status()}: ${r.request().method()} ${r.url()}`); });
}

/**
 * node:test's `test`, which also prints what the browser's pages showed when the test fails: their address, their
 * text, and the page errors, console errors, failed requests and 5xx answers before it. CI keeps only its log, so a
 * failure that does not happen again can still be read there.
 */
export function test(name, fn) {
  return nodeTest(name, async (t) => {
    try {
      await fn(t);
    } catch (e) {
      await report(name);
      throw e;
    }
  });
}

async function report(name) {
  const lines = [`pages when "${name}" failed, at ${new Date().toISOString()}:`];
  for (const context of contexts) {
    for (const page of context.pages()) {
      const text = await Promise.race([ // a page stuck in a dialog would never answer
        page.evaluate(() => document.body?.innerText ?? '').catch((e) => `(unreadable: ${e.message})`),
        new Promise((ok) => setTimeout(() => ok('(no answer within 2 s)'), 2000).unref()),
      ]);
      lines.push(`  ${page.url()}: ${text.replace(/\s+/g, ' ').slice(0, 600)}`);
    }
  }
  lines.push(troubles.length ? 'before it:' : 'no page errors, console errors, failed requests or 5xx answers before it', ...troubles.map((t) => `  ${t}`));
  console.error(lines.join('\n'));
}

/** Routes the page's WebSockets through the test, which can then drop one as a network would (`sockets[i].close()`). */
export async function routedSockets(page) {
  const sockets = [];
  await page.routeWebSocket(/\/api\/v1\/ws/, (ws) => {
    ws.connectToServer();
    sockets.push(ws);
  });
  return sockets;
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
