// The log viewer in a real browser against a real server (web/e2e/run.sh starts it): two apps that write
// known numbered lines, one slowly (live follow, pause, filters, search, download, jump) and one 100,000
// lines at once (windowing).
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { launch, axe, shot, login, apiToken, URL_BASE, test, routedSockets } from './browser.mjs';

const id = Date.now().toString(36);
const ticker = `logs-${id}`;
const bulk = `bulk-${id}`;
const BULK = 100_000;
let context;
let page;
let token;
let work;

// A tick every 200 ms; every fifth one is an error.
const TICKER = `i=0
while true; do
  i=$((i+1))
  if [ $((i % 5)) -eq 0 ]; then echo "ERROR tick $i failed"; else echo "INFO tick $i ok"; fi
  sleep 0.2
done
`;
// 100,000 numbered lines as fast as the shell can, then idle.
const BULKER = `seq -f 'bulk line %06g' 1 ${BULK}
exec sleep 100000
`;

function archive(name, script) {
  const dir = join(work, name);
  execFileSync('mkdir', ['-p', dir]);
  writeFileSync(join(dir, 'Procfile'), 'worker: sh ./run.sh\n');
  writeFileSync(join(dir, 'run.sh'), script);
  const file = join(work, `${name}.tar.gz`);
  execFileSync('tar', ['-czf', file, '-C', dir, '.']);
  return readFileSync(file);
}

async function call(method, path, body, type = 'application/json') {
  const r = await fetch(`${URL_BASE}${path}`, {
    method, headers: { Authorization: `Bearer ${token}`, ...(body ? { 'Content-Type': type } : {}) },
    body: body && type === 'application/json' ? JSON.stringify(body) : body,
  });
  const text = await r.text();
  if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

async function deploy(name, script) {
  await call('POST', '/api/v1/apps', { name });
  const dep = await call('POST', `/api/v1/apps/${name}/envs/production/deployments`, archive(name, script), 'application/gzip');
  for (let i = 0; i < 600; i++) {
    const d = await call('GET', `/api/v1/deployments/${dep.id}`);
    if (d.status === 'succeeded') return;
    if (['failed', 'rolled-back', 'cancelled'].includes(d.status)) throw new Error(`deploy of ${name} ended ${d.status}: ${JSON.stringify(d)}`);
    await new Promise((ok) => setTimeout(ok, 250));
  }
  throw new Error(`deploy of ${name} did not finish`);
}

async function newestWorkerLine(name) {
  const p = await call('GET', `/api/v1/apps/${name}/envs/production/logs?process=worker&limit=1`);
  return p.items[0]?.message ?? '';
}

const rows = () => page.getByTestId('log-rows').locator('.log-row');
const rowTexts = async () => rows().locator('.log-message').allTextContents();
const ticks = (texts) => texts.map((t) => Number(/tick (\d+)/.exec(t)?.[1] ?? NaN)).filter((n) => !Number.isNaN(n));
const status = () => page.getByTestId('log-status');

before(async () => {
  work = mkdtempSync(join(process.env.CR_PROFILE_ROOT ?? '/tmp', 'logs-e2e-'));
  token = await apiToken();
  await Promise.all([deploy(ticker, TICKER), deploy(bulk, BULKER)]);
  context = await launch({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  page = await context.newPage();
  await login(page);
});

after(async () => {
  await context?.close();
  if (token) {
    for (const name of [ticker, bulk]) await call('DELETE', `/api/v1/apps/${name}`).catch((e) => console.log(`cleanup: ${e.message}`));
  }
  if (work) rmSync(work, { recursive: true, force: true });
});

test('the environment page links to the viewer, which shows lines arriving live', async () => {
  await page.goto(`/apps/${ticker}/envs/production`);
  await page.getByTestId('env-logs-link').click();
  await page.waitForURL(new RegExp(`/apps/${ticker}/envs/production/logs$`));
  await rows().filter({ hasText: 'tick' }).first().waitFor({ timeout: 30_000 });
  await status().getByText('following').waitFor();
  const first = Math.max(...ticks(await rowTexts()));
  // New ticks come over the WebSocket, without a reload, and the view follows them to the end.
  await page.waitForFunction((n) => [...document.querySelectorAll('.log-message')].some((m) => Number(/tick (\d+)/.exec(m.textContent)?.[1]) >= n),
    first + 5, { timeout: 20_000 });
  const atEnd = await page.getByTestId('log-scroller').evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight < 25);
  assert.ok(atEnd, 'following keeps the newest line in view');
  assert.equal(await rows().locator('.log-level', { hasText: 'ERROR' }).first().evaluate((el) => el.closest('.log-row').classList.contains('log-error')), true);
  await axe(page, 'log viewer');
  await shot(page, '20-logs-live');
});

test('a dropped connection resumes the live view from its cursor: nothing missing, nothing repeated', async () => {
  const live = await context.newPage(); // a second page, whose connection the test can drop
  const sockets = await routedSockets(live);
  const liveTicks = async () => ticks(await live.getByTestId('log-rows').locator('.log-message').allTextContents());
  await live.goto(`/apps/${ticker}/envs/production/logs`);
  await live.getByTestId('log-status').getByText('following').waitFor({ timeout: 30_000 });
  await live.locator('.conn-open').waitFor();
  await live.waitForFunction(() => document.querySelectorAll('.log-message').length > 0);
  const atDrop = Math.max(...(await liveTicks()));
  await sockets[0].close({ code: 4000, reason: 'dropped by the test' });
  await live.locator('.conn-open').waitFor({ state: 'detached' });
  await live.waitForTimeout(1000); // ticks written while the page is away
  await live.locator('.conn-open').waitFor({ timeout: 10_000 });
  await live.waitForFunction((n) => [...document.querySelectorAll('.log-message')].some((m) => Number(/tick (\d+)/.exec(m.textContent)?.[1]) >= n),
    atDrop + 10, { timeout: 20_000 });
  const around = (await liveTicks()).filter((n) => n >= atDrop - 3);
  const expected = Array.from({ length: Math.max(...around) - (atDrop - 3) + 1 }, (_, i) => atDrop - 3 + i);
  assert.deepEqual(around, expected, `ticks around the drop at ${atDrop}`);
  assert.equal(sockets.length, 2);
  await live.close();
});

test('pause keeps the view still and counts new lines; resume jumps to them', async () => {
  await page.getByRole('button', { name: 'Pause' }).click();
  await status().getByText('paused').waitFor();
  const scroller = page.getByTestId('log-scroller');
  const before = await scroller.evaluate((el) => el.scrollTop);
  const lastBefore = Math.max(...ticks(await rowTexts()));
  await status().getByText(/\d+ new/).first().waitFor({ timeout: 10_000 });
  await page.waitForTimeout(1000);
  assert.equal(await scroller.evaluate((el) => el.scrollTop), before, 'a paused view does not scroll');
  const visibleMax = await scroller.evaluate((el) => {
    const box = el.getBoundingClientRect();
    const seen = [...el.querySelectorAll('.log-row')].filter((r) => r.getBoundingClientRect().top < box.bottom);
    return Math.max(...seen.map((r) => Number(/tick (\d+)/.exec(r.textContent)?.[1] ?? 0)));
  });
  assert.ok(visibleMax <= lastBefore, `no new line scrolled into view while paused (${visibleMax} > ${lastBefore})`);
  await page.getByRole('button', { name: /^Resume/ }).click();
  await status().getByText('following').waitFor();
  assert.ok(Math.max(...ticks(await rowTexts())) > lastBefore, 'resume shows the lines that came meanwhile');
  assert.ok(await scroller.evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight < 25), 'resume scrolls to the end');
});

test('a window growing and shrinking back keeps following; the mouse wheel up pauses', async () => {
  await page.setViewportSize({ width: 1280, height: 2400 });
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.waitForTimeout(1000); // a tick or more arrives meanwhile
  await status().getByText('following').waitFor({ timeout: 1000 });
  const scroller = page.getByTestId('log-scroller');
  await scroller.hover();
  await page.mouse.wheel(0, -300);
  await status().getByText('paused').waitFor();
  await page.getByRole('button', { name: /^Resume/ }).click();
  await status().getByText('following').waitFor();
});

test('filter by level: only errors, also those arriving live', async () => {
  await page.getByLabel('Level').selectOption('error');
  await page.waitForURL(/level=error/);
  await page.waitForFunction(() => {
    const r = [...document.querySelectorAll('.log-row')];
    return r.length > 0 && r.every((x) => x.classList.contains('log-error'));
  }, null, { timeout: 20_000 });
  const before = Math.max(...ticks(await rowTexts()));
  await page.waitForFunction((n) => [...document.querySelectorAll('.log-message')].some((m) => Number(/tick (\d+)/.exec(m.textContent)?.[1]) > n), before, { timeout: 20_000 });
  const texts = await rowTexts();
  assert.ok(texts.every((t) => /^ERROR tick \d+ failed$/.test(t)), `only errors: ${texts.slice(0, 5)}`);
  assert.ok(ticks(texts).every((n) => n % 5 === 0));
  await shot(page, '21-logs-errors');
  await page.getByLabel('Level').selectOption('');
  await page.waitForFunction(() => document.querySelectorAll('.log-row.log-info').length > 0, null, { timeout: 20_000 });
});

test('search highlights the match, in plain text and as a regular expression', async () => {
  await page.getByLabel('Search logs').fill('TICK 1');
  await page.getByRole('button', { name: 'Search' }).click();
  await page.waitForURL(/q=TICK/);
  await page.waitForFunction(() => {
    const r = [...document.querySelectorAll('.log-row')];
    return r.length > 0 && r.every((x) => /tick 1/i.test(x.textContent));
  }, null, { timeout: 20_000 });
  const marks = await page.getByTestId('log-rows').locator('mark').allTextContents();
  assert.ok(marks.length > 0 && marks.every((m) => m === 'tick 1'), `marks: ${marks.slice(0, 5)}`);

  await page.getByLabel('Search logs').fill('tick \\d*5 f');
  await page.getByLabel('Regex').check();
  await page.getByRole('button', { name: 'Search' }).click();
  await page.waitForURL(/regex=1/);
  await page.waitForFunction(() => {
    const r = [...document.querySelectorAll('.log-row .log-message')];
    return r.length > 0 && r.every((x) => /tick \d*5 failed/.test(x.textContent));
  }, null, { timeout: 20_000 });
  const regexMarks = await page.getByTestId('log-rows').locator('mark').allTextContents();
  assert.ok(regexMarks.length > 0 && regexMarks.every((m) => /^tick \d*5 f$/.test(m)), `marks: ${regexMarks.slice(0, 5)}`);
  await shot(page, '22-logs-search');
});

test('download gives the lines of the current query', async () => {
  await page.getByRole('button', { name: 'Pause' }).click(); // a fixed range to compare with
  const shown = ticks(await page.evaluate(() => [...document.querySelectorAll('.log-row .log-message')].map((m) => m.textContent)));
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download' }).click()]);
  assert.match(download.suggestedFilename(), new RegExp(`^${ticker}-production-logs\\.log$`));
  const text = readFileSync(await download.path(), 'utf8');
  const lines = text.trim().split('\n');
  assert.ok(lines.length >= shown.length && lines.length > 0, `${lines.length} lines downloaded, ${shown.length} shown`);
  for (const l of lines) assert.match(l, /^\S+Z worker\.1 stdout ERROR ERROR tick \d*5 failed$/);
  const got = ticks(lines);
  for (const n of shown) assert.ok(got.includes(n), `tick ${n} is shown, so it is in the download`);
  assert.equal(new Set(got).size, got.length, 'no line twice');

  await page.getByLabel('Download format').selectOption('ndjson');
  const [nd] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download' }).click()]);
  const entries = readFileSync(await nd.path(), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  assert.ok(entries.every((e) => e.instance === 'worker.1' && e.level === 'error' && /tick \d*5 failed/.test(e.message) && e.cursor));
  await page.getByLabel('Search logs').fill('');
  await page.getByLabel('Regex').uncheck();
  await page.getByRole('button', { name: 'Search' }).click();
  await page.waitForFunction(() => document.querySelectorAll('.log-row.log-info').length > 0, null, { timeout: 20_000 });
});

test('jump to a time shows the lines around it, then back to live', async () => {
  const first = (await call('GET', `/api/v1/apps/${ticker}/envs/production/logs?process=worker&order=asc&limit=20`)).items;
  const target = first[10];
  const t = new Date(Date.parse(target.time) + 1000); // the next whole second after tick ~11
  const local = new Date(t.getTime() - t.getTimezoneOffset() * 60_000).toISOString().slice(0, 19);
  await page.getByLabel('Jump to', { exact: true }).fill(local);
  await page.getByRole('button', { name: 'Go', exact: true }).click();
  const focus = page.getByTestId('log-rows').locator('.log-focus');
  await focus.waitFor({ timeout: 20_000 });
  const focusTime = Date.parse(await focus.locator('time').getAttribute('datetime'));
  const wanted = Math.floor(t.getTime() / 1000) * 1000;
  assert.ok(focusTime >= wanted && focusTime < wanted + 2000, `the line in focus (${new Date(focusTime).toISOString()}) is the first at or after ${new Date(wanted).toISOString()}`);
  await status().getByText(/around/).waitFor();
  assert.ok(await focus.isVisible());
  await shot(page, '23-logs-jump');
  await page.getByRole('button', { name: /^Back to live/ }).click();
  await status().getByText('following').waitFor({ timeout: 20_000 });
});

test('100,000 lines: loaded, scrolled end to end, and only a window of rows in the DOM', async () => {
  for (let i = 0; i < 240 && !(await newestWorkerLine(bulk)).endsWith(String(BULK)); i++) await new Promise((ok) => setTimeout(ok, 500));
  assert.equal(await newestWorkerLine(bulk), `bulk line ${BULK}`);
  await page.goto(`/apps/${bulk}/envs/production/logs?process=worker`);
  await rows().first().waitFor({ timeout: 30_000 });
  const started = Date.now();
  await page.getByLabel('Lines to load').selectOption(String(BULK));
  await status().getByText(/^100,000 lines/).waitFor({ timeout: 120_000 });
  console.log(`LOGS_100K_LOAD_MS=${Date.now() - started}`);
  console.log(`LOGS_100K_JS_HEAP_MB=${await page.evaluate(() => Math.round((performance.memory?.usedJSHeapSize ?? 0) / 1048576))}`);
  const scroller = page.getByTestId('log-scroller');
  const domRows = () => page.getByTestId('log-rows').locator('[role=listitem]').count();
  assert.ok((await domRows()) < 300, `${await domRows()} rows in the DOM at the end`);
  assert.equal((await rowTexts()).at(-1), `bulk line ${BULK}`);

  await page.getByRole('button', { name: 'Pause' }).click();
  await scroller.evaluate((el) => { el.scrollTop = 0; });
  await page.waitForFunction(() => document.querySelector('.log-row .log-message')?.textContent === 'bulk line 000001', null, { timeout: 10_000 });
  assert.ok((await domRows()) < 300, `${await domRows()} rows in the DOM at the top`);

  // Scroll through in steps, as a user dragging the scrollbar would, and time the frames.
  const frames = await scroller.evaluate(async (el) => {
    const times = [];
    for (let i = 1; i <= 40; i++) {
      const t0 = performance.now();
      el.scrollTop = (el.scrollHeight - el.clientHeight) * (i / 40);
      await new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok)));
      times.push(performance.now() - t0);
    }
    return times.sort((a, b) => a - b);
  });
  console.log(`LOGS_100K_SCROLL_FRAME_MS p50=${frames[20].toFixed(1)} max=${frames[39].toFixed(1)}`);
  await page.waitForFunction((n) => [...document.querySelectorAll('.log-row .log-message')].at(-1)?.textContent === `bulk line ${n}`, BULK, { timeout: 10_000 });
  assert.ok((await domRows()) < 300, `${await domRows()} rows in the DOM at the bottom`);
  await shot(page, '24-logs-100k');
});
