import { describe, expect, it, vi, beforeEach, afterEach } from 'vitest';
import { backoffDelay, RealtimeClient, type ChannelMessage, type SocketLike } from './socket';

class FakeSocket implements SocketLike {
  readyState = 0;
  sent: Record<string, unknown>[] = [];
  onopen: ((ev: Event) => void) | null = null;
  onmessage: ((ev: MessageEvent) => void) | null = null;
  onclose: ((ev: CloseEvent) => void) | null = null;
  onerror: ((ev: Event) => void) | null = null;
  constructor(public url: string) {}
  send(data: string) {
    this.sent.push(JSON.parse(data));
  }
  close() {
    this.readyState = 3;
    this.onclose?.({} as CloseEvent);
  }
  open() {
    this.readyState = 1;
    this.onopen?.({} as Event);
  }
  receive(msg: unknown) {
    this.onmessage?.({ data: JSON.stringify(msg) } as MessageEvent);
  }
}

describe('RealtimeClient', () => {
  let sockets: FakeSocket[];
  let tickets: number;
  let client: RealtimeClient;

  /** The client's socket factory: a fake socket, remembered in order of creation. */
  const newSocket = (u: string) => {
    const s = new FakeSocket(u);
    sockets.push(s);
    return s;
  };

  beforeEach(() => {
    vi.useFakeTimers();
    sockets = [];
    tickets = 0;
    client = new RealtimeClient({
      ticket: async () => `t${++tickets}`,
      url: (t) => `ws://test/api/v1/ws?ticket=${t}`,
      createSocket: newSocket,
      random: () => 0.5, // timers: the defaults, which are Vitest's fake ones once useFakeTimers ran
    });
  });
  afterEach(() => {
    client.stop();
    vi.useRealTimers();
  });

  async function connected() {
    await vi.advanceTimersByTimeAsync(0);
    const s = sockets[sockets.length - 1]!;
    s.open();
    return s;
  }

  it('subscribes live-only first, delivers events in order and resumes from the last seq after a drop', async () => {
    const got: ChannelMessage[] = [];
    client.subscribe('instances:shop/production', (m) => got.push(m));
    client.start();
    const s1 = await connected();
    expect(s1.url).toContain('ticket=t1');
    expect(s1.sent).toEqual([{ type: 'subscribe', id: 1, channel: 'instances:shop/production', since: 'now' }]);
    s1.receive({ type: 'subscribed', id: 1, channel: 'instances:shop/production', seq: 4 });
    s1.receive({ type: 'event', channel: 'instances:shop/production', seq: 5, kind: 'instance', data: { id: 'web.1' } });
    s1.receive({ type: 'event', channel: 'instances:shop/production', seq: 6, kind: 'instance', data: { id: 'web.2' } });
    expect(got.map((m) => (m.type === 'event' ? m.seq : -1))).toEqual([5, 6]);

    s1.close();
    expect(client.state).toBe('reconnecting');
    await vi.advanceTimersByTimeAsync(400); // backoff for attempt 0 with random 0.5: 375 ms
    const s2 = await connected();
    expect(s2.url).toContain('ticket=t2');
    expect(s2.sent[0]).toMatchObject({ type: 'subscribe', channel: 'instances:shop/production', since: 6 });
    s2.receive({ type: 'event', channel: 'instances:shop/production', seq: 6, kind: 'instance', data: {} }); // duplicate
    s2.receive({ type: 'event', channel: 'instances:shop/production', seq: 7, kind: 'instance', data: {} });
    expect(got.map((m) => (m.type === 'event' ? m.seq : -1))).toEqual([5, 6, 7]);
  });

  it('passes gaps on and starts over after a reset', async () => {
    const got: ChannelMessage[] = [];
    client.subscribe('deployments:shop/production', (m) => got.push(m));
    client.start();
    const s = await connected();
    s.receive({ type: 'subscribed', channel: 'deployments:shop/production', seq: 10 });
    s.receive({ type: 'gap', channel: 'deployments:shop/production', missed: 0, reset: true });
    s.receive({ type: 'event', channel: 'deployments:shop/production', seq: 1, kind: 'deployment', data: {} });
    expect(got.map((m) => m.type)).toEqual(['gap', 'event']);
  });

  it('replays log channels from their buffer and unsubscribes when the last listener leaves', async () => {
    const off = client.subscribe('deployment:dep_1', () => {});
    client.start();
    const s = await connected();
    expect(s.sent[0]).toEqual({ type: 'subscribe', id: 1, channel: 'deployment:dep_1' });
    off();
    expect(s.sent[1]).toEqual({ type: 'unsubscribe', channel: 'deployment:dep_1' });
  });

  it('subscribes from a given seq and drops events at or before it', async () => {
    const got: number[] = [];
    client.subscribe('logs:shop/production', (m) => m.type === 'event' && got.push(m.seq), 41);
    client.start();
    const s = await connected();
    expect(s.sent[0]).toEqual({ type: 'subscribe', id: 1, channel: 'logs:shop/production', since: 41 });
    s.receive({ type: 'subscribed', id: 1, channel: 'logs:shop/production', seq: 50 });
    s.receive({ type: 'event', channel: 'logs:shop/production', seq: 41, kind: 'log', data: {} });
    s.receive({ type: 'event', channel: 'logs:shop/production', seq: 42, kind: 'log', data: {} });
    expect(got).toEqual([42]);
  });

  it('pings and reconnects when no pong comes back', async () => {
    client.start();
    const s = await connected();
    await vi.advanceTimersByTimeAsync(20000);
    expect(s.sent).toContainEqual({ type: 'ping' });
    await vi.advanceTimersByTimeAsync(10000);
    expect(s.readyState).toBe(3);
    await vi.advanceTimersByTimeAsync(1000);
    expect(sockets.length).toBe(2);
  });

  it('asks for batched frames and handles each element of an array in order, as if it came alone', async () => {
    const batched = new RealtimeClient({
      ticket: async () => 'tb',
      createSocket: newSocket,
    });
    batched.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(sockets[sockets.length - 1]!.url).toMatch(/\/api\/v1\/ws\?batch=1&ticket=tb$/);
    batched.stop();

    const got: string[] = [];
    client.subscribe('logs:shop/production', (m) => got.push(m.type === 'event' ? `event ${m.seq}` : `gap ${m.missed}`));
    client.start();
    const s = await connected();
    s.receive([
      { type: 'subscribed', id: 1, channel: 'logs:shop/production', seq: 10 },
      { type: 'event', channel: 'logs:shop/production', seq: 10, kind: 'log', data: {} }, // at the subscribed seq: already had
      { type: 'event', channel: 'logs:shop/production', seq: 11, kind: 'log', data: {} },
      { type: 'gap', channel: 'logs:shop/production', missed: 3 },
      { type: 'event', channel: 'logs:shop/production', seq: 15, kind: 'log', data: {} },
      { type: 'event', channel: 'other:x/y', seq: 1, kind: 'log', data: {} },
    ]);
    s.receive({ type: 'event', channel: 'logs:shop/production', seq: 16, kind: 'log', data: {} });
    s.receive([{ type: 'event', channel: 'logs:shop/production', seq: 17, kind: 'log', data: {} }, null, 'junk']);
    expect(got).toEqual(['event 11', 'gap 3', 'event 15', 'event 16', 'event 17']);
    expect(client.seqOf('logs:shop/production')).toBe(17);
  });

  it('calls its default timers the way a browser allows: on their own, not as methods of another object', async () => {
    // A browser's setTimeout & co. throw "Illegal invocation" when `this` is not the window; Node's do not care.
    const strict = (f: (...a: unknown[]) => unknown) =>
      function (this: unknown, ...a: unknown[]) {
        if (this !== undefined && this !== globalThis) throw new TypeError('Illegal invocation');
        return f.apply(globalThis, a);
      };
    for (const name of ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] as const) {
      vi.stubGlobal(name, strict(globalThis[name] as (...a: unknown[]) => unknown));
    }
    try {
      const own = new RealtimeClient({
        ticket: async () => 'td',
        createSocket: newSocket,
      });
      own.start();
      const s1 = await connected(); // opening starts the ping
      await vi.advanceTimersByTimeAsync(20000);
      expect(s1.sent).toContainEqual({ type: 'ping' });
      s1.close(); // a dropped connection schedules the reconnect
      await vi.advanceTimersByTimeAsync(1000);
      expect(sockets.length).toBe(2);
      expect(own.state).toBe('reconnecting');
      own.stop();
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('backs off exponentially up to a cap', () => {
    expect(backoffDelay(0, 500, 15000, () => 0)).toBe(250);
    expect(backoffDelay(3, 500, 15000, () => 1)).toBe(4000);
    expect(backoffDelay(10, 500, 15000, () => 1)).toBe(15000);
  });
});
