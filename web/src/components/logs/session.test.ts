import { describe, expect, it, vi } from 'vitest';
import type { ChannelMessage, Listener } from '../../realtime/socket';
import { LogSession, textLine } from './session';
import { matcher, type Level, type LogEntry } from './model';

/** The server's store and query (docs/logs.md) over an array: enough to drive the session for real. */
class FakeServer {
  entries: LogEntry[] = [];
  requests: string[] = [];
  fail = false;
  /** When set, answers (computed when asked, like a real server) wait until `release()`. */
  gated = false;
  private waiting: (() => void)[] = [];

  release() {
    this.waiting.splice(0).forEach((go) => go());
  }

  write(message: string, level: Level = 'info', time = new Date(Date.UTC(2026, 10, 25, 12, 0, this.entries.length)).toISOString()): LogEntry {
    const e: LogEntry = { cursor: String(this.entries.length + 1), time, instance: 'web.1', processType: 'web', stream: 'stdout', level, message };
    this.entries.push(e);
    return e;
  }

  async get<T>(path: string): Promise<T> {
    const answer = this.answer<T>(path);
    if (this.gated) await new Promise<void>((go) => this.waiting.push(go));
    return answer;
  }

  private answer<T>(path: string): T {
    this.requests.push(path);
    if (this.fail) throw new Error('The server could not be reached.');
    const p = new URL(path, 'http://x').searchParams;
    const m = matcher({ level: (p.get('level') ?? '') as Level, instance: p.get('instance') ?? '', process: p.get('process') ?? '', q: p.get('q') ?? '', regex: p.get('regex') === 'true' });
    const since = p.get('since') ? Date.parse(p.get('since')!) : -Infinity;
    const until = p.get('until') ? Date.parse(p.get('until')!) : Infinity;
    const limit = Number(p.get('limit') ?? 100);
    const cursor = p.get('cursor') ? Number(p.get('cursor')) : null;
    const ok = this.entries.filter((e) => m(e) && Date.parse(e.time) >= since && Date.parse(e.time) < until);
    if (p.get('order') === 'asc') {
      const from = ok.filter((e) => cursor === null || Number(e.cursor) > cursor);
      const page = from.slice(0, limit);
      return { items: page, nextCursor: from.length > limit ? page[page.length - 1]!.cursor : null } as T;
    }
    const before = ok.filter((e) => cursor === null || Number(e.cursor) < cursor);
    const page = before.slice(Math.max(0, before.length - limit));
    return { items: page, nextCursor: before.length > limit ? page[0]!.cursor : null } as T;
  }
}

class FakeChannels {
  listener: Listener | null = null;
  since: number | undefined;
  subscribe(_channel: string, listener: Listener, since?: number) {
    this.listener = listener;
    this.since = since;
    return () => {
      this.listener = null;
    };
  }
  event(e: LogEntry) {
    this.listener?.({ type: 'event', channel: 'logs:shop/production', seq: Number(e.cursor), kind: 'log', data: e } as ChannelMessage);
  }
  gap(missed: number) {
    this.listener?.({ type: 'gap', channel: 'logs:shop/production', missed });
  }
}

function setup() {
  const server = new FakeServer();
  const channels = new FakeChannels();
  const flushes: (() => void)[] = [];
  const session = new LogSession(server, channels, '/api/v1/apps/shop/envs/production', 'logs:shop/production', { schedule: (f) => flushes.push(f) });
  const flush = () => flushes.splice(0).forEach((f) => f());
  const shown = () => session.buffer.rows.map((r) => (r.kind === 'entry' ? r.entry.message : `gap ${r.after}+${r.missed}`));
  return { server, channels, session, flush, shown };
}

describe('LogSession', () => {
  it('loads the newest lines, then follows the channel from the newest cursor so nothing falls in between', async () => {
    const { server, channels, session, flush, shown } = setup();
    for (let i = 1; i <= 1500; i++) server.write(`n ${i}`);
    await session.start();
    expect(channels.since).toBe(1500);
    expect(session.buffer.size).toBe(1000);
    expect(session.state.older).toBe('501');
    channels.event(server.write('n 1501'));
    channels.event(server.write('n 1502'));
    expect(session.buffer.size).toBe(1000); // batched until the next flush
    flush();
    expect(shown().slice(-2)).toEqual(['n 1501', 'n 1502']);
    expect(session.state.following).toBe(true);
  });

  it('holds live lines that arrive during a load and adds the ones the load did not return', async () => {
    const { server, channels, session, flush, shown } = setup();
    server.write('n 1');
    server.gated = true;
    const started = session.start();
    await vi.waitFor(() => expect(server.requests).toHaveLength(1));
    server.release(); // newest cursor: 1
    await vi.waitFor(() => expect(server.requests).toHaveLength(2)); // the tail was asked for: n 1 only
    expect(channels.since).toBe(1);
    channels.event(server.write('n 2')); // arrives while the tail answer is on its way
    flush(); // a flush during the load must not show it yet
    expect(shown()).toEqual([]);
    server.release();
    await started;
    channels.event(server.write('n 3'));
    flush();
    expect(shown()).toEqual(['n 1', 'n 2', 'n 3']);
  });

  it('counts new lines while paused, and keeps them for resume', async () => {
    const { server, channels, session, flush } = setup();
    await session.start();
    session.pause();
    for (let i = 1; i <= 5; i++) channels.event(server.write(`n ${i}`));
    flush();
    expect(session.state).toMatchObject({ following: false, unseen: 5 });
    expect(session.buffer.size).toBe(5);
    await session.resume();
    expect(session.state).toMatchObject({ following: true, unseen: 0 });
  });

  it('filters live lines as the server filters the load', async () => {
    const { server, channels, session, flush, shown } = setup();
    server.write('boot');
    server.write('disk full', 'error');
    await session.start({ level: 'error' });
    expect(shown()).toEqual(['disk full']);
    expect(server.requests.at(-1)).toContain('level=error');
    channels.event(server.write('request ok'));
    channels.event(server.write('timeout', 'fatal'));
    flush();
    expect(shown()).toEqual(['disk full', 'timeout']);
    await session.setFilter({ q: 'OK' });
    expect(shown()).toEqual(['request ok']);
  });

  it('shows a gap as a marker after the last line seen, and loads exactly the missed lines into it', async () => {
    const { server, channels, session, flush, shown } = setup();
    await session.start();
    channels.event(server.write('n 1'));
    for (let i = 2; i <= 4; i++) server.write(`n ${i}`); // stored, but this client fell behind
    channels.gap(3);
    channels.event(server.write('n 5'));
    flush();
    expect(shown()).toEqual(['n 1', 'gap 1+3', 'n 5']);
    await session.loadGap(1);
    expect(shown()).toEqual(['n 1', 'n 2', 'n 3', 'n 4', 'n 5']);
    expect(server.requests.at(-1)).toContain('order=asc&cursor=1');
  });

  it('loads older pages before the first line and stops at the end', async () => {
    const { server, session } = setup();
    for (let i = 1; i <= 1800; i++) server.write(`n ${i}`);
    await session.start();
    await session.loadOlder();
    expect(session.buffer.firstCursor()).toBe(1);
    expect(session.state.older).toBeNull();
    expect(session.buffer.size).toBe(1800);
  });

  it('jumps to a time: lines around it, the first one at or after it in focus, live lines only counted', async () => {
    const { server, channels, session, flush } = setup();
    for (let i = 1; i <= 3000; i++) server.write(`n ${i}`);
    await session.start();
    const at = server.entries[1999]!.time; // n 2000
    await session.jumpTo(at);
    expect(session.state).toMatchObject({ mode: 'history', following: false, focus: '2000', newer: true });
    expect(session.buffer.firstCursor()).toBe(1500);
    expect(session.buffer.lastCursor()).toBe(2499);
    channels.event(server.write('n 3001'));
    flush();
    expect(session.state.unseen).toBe(1);
    expect(session.buffer.lastCursor()).toBe(2499);
    await session.loadNewer();
    expect(session.buffer.lastCursor()).toBe(3001);
    await session.resume();
    expect(session.state).toMatchObject({ mode: 'live', following: true, focus: null });
    expect(session.buffer.lastCursor()).toBe(3001);
  });

  it('downloads the current query over the range shown, gaps included, as text or NDJSON', async () => {
    const { server, channels, session, flush } = setup();
    server.write('a', 'warn');
    await session.start({ level: 'warn' });
    server.write('b', 'warn'); // missed live
    channels.gap(1);
    channels.event(server.write('c', 'info')); // filtered out
    channels.event(server.write('d', 'error'));
    flush();
    const text = await session.download('text');
    expect(text.count).toBe(3);
    expect(text.body).toBe(['a', 'b', 'd'].map((m) => textLine(server.entries.find((e) => e.message === m)!)).join(''));
    const nd = await session.download('ndjson');
    expect(nd.body.trim().split('\n').map((l) => JSON.parse(l).message)).toEqual(['a', 'b', 'd']);
  });

  it('reports a failed load and starts again on retry', async () => {
    const { server, session } = setup();
    server.write('hello');
    server.fail = true;
    await session.start();
    expect(session.state.error).toMatch(/could not be reached/);
    server.fail = false;
    await session.retry();
    expect(session.state.error).toBeNull();
    expect(session.buffer.size).toBe(1);
  });
});
