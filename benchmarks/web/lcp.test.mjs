// LCP of the app list in headless chromium against a running server (started by web/e2e/run.sh):
//   bash web/e2e/run.sh ../benchmarks/web/lcp.test.mjs
// Logs in once, creates a few apps, then loads / five times and reports the median LCP. Budget: < 1 s.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, login, apiToken, URL_BASE } from '../../web/e2e/browser.mjs';

test('LCP of the app list', async () => {
  const token = await apiToken();
  for (let i = 0; i < 5; i++) {
    await fetch(`${URL_BASE}/api/v1/apps`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` }, body: JSON.stringify({ name: `bench-${i}` }) });
  }
  const context = await launch({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await login(page);
  const samples = [];
  for (let i = 0; i < 5; i++) {
    await page.goto('/', { waitUntil: 'load' });
    await page.getByRole('link', { name: 'bench-4', exact: true }).waitFor();
    await page.waitForTimeout(300);
    const lcp = await page.evaluate(() => new Promise((resolve) => {
      new PerformanceObserver((list) => {
        const entries = list.getEntries();
        resolve(entries[entries.length - 1].startTime);
      }).observe({ type: 'largest-contentful-paint', buffered: true });
    }));
    samples.push(Math.round(lcp));
  }
  await context.close();
  samples.sort((a, b) => a - b);
  const median = samples[2];
  console.log(`LCP_MS samples=${samples.join(',')} median=${median}`);
  assert.ok(median < 1000, `median LCP ${median} ms`);
});
