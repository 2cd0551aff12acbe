/**
 * The one WebSocket client for /api/v1/ws (docs/realtime.md). It authenticates each connection with a
 * fresh single-use ticket, remembers the last seq per channel, and after a drop reconnects with
 * exponential backoff and re-subscribes with `since` so nothing is missed while the buffer holds it.
 * It connects with `batch=1`: a frame may then be a JSON array of messages, handled in order one by one.
 */

export interface ChannelEvent {
  type: 'event';
  channel: string;
  seq: number;
  kind: string;
  time?: string;
  data: unknown;
}

export interface GapMessage {
  type: 'gap';
  channel: string;
  missed: number;
  reset?: boolean;
}

export type ChannelMessage = ChannelEvent | GapMessage;
export type Listener = (message: ChannelMessage) => void;
export type ConnectionState = 'idle' | 'connecting' | 'open' | 'reconnecting' | 'closed';

export interface SocketLike {
  readyState: number;
  onopen: ((ev: Event) => void) | null;
  onmessage: ((ev: MessageEvent) => void) | null;
  onclose: ((ev: CloseEvent) => void) | null;
  onerror: ((ev: Event) => void) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

export interface RealtimeOptions {
  /** Returns a ticket for the next connection (POST /api/v1/auth/ws-ticket). */
  ticket: () => Promise<string>;
  url?: (ticket: string) => string;
  createSocket?: (url: string) => SocketLike;
  /** Backoff: base and cap in ms, plus a random source (tests pass a fixed one). */
  backoffBase?: number;
  backoffMax?: number;
  random?: () => number;
  pingInterval?: number;
  pongTimeout?: number;
  timers?: { setTimeout: typeof setTimeout; clearTimeout: typeof clearTimeout; setInterval: typeof setInterval; clearInterval: typeof clearInterval };
}

const OPEN = 1;

interface IncomingMessage {
  type?: string;
  channel?: string;
  seq?: number;
  missed?: number;
  reset?: boolean;
}

export function backoffDelay(attempt: number, base: number, max: number, random: () => number): number {
  const ceiling = Math.min(max, base * 2 ** attempt);
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

export class RealtimeClient {
  private socket: SocketLike | null = null;
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly lastSeq = new Map<string, number>();
  private readonly stateListeners = new Set<(s: ConnectionState) => void>();
  private attempt = 0;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private pingTimer: ReturnType<typeof setInterval> | null = null;
  private pongTimer: ReturnType<typeof setTimeout> | null = null;
  private stopped = true;
  private nextId = 1;
  state: ConnectionState = 'idle';

  private readonly opts: Required<Omit<RealtimeOptions, 'ticket'>> & Pick<RealtimeOptions, 'ticket'>;

  constructor(options: RealtimeOptions) {
    this.opts = {
      url: (t) => {
        const l = window.location;
        return `${l.protocol === 'https:' ? 'wss' : 'ws'}://${l.host}/api/v1/ws?batch=1&ticket=${encodeURIComponent(t)}`;
      },
      createSocket: (u) => new WebSocket(u),
      backoffBase: 500,
      backoffMax: 15000,
      random: Math.random,
      pingInterval: 20000,
      pongTimeout: 10000,
      // Bound: a browser's timer functions throw "Illegal invocation" when called as another object's methods.
      timers: {
        setTimeout: globalThis.setTimeout.bind(globalThis),
        clearTimeout: globalThis.clearTimeout.bind(globalThis),
        setInterval: globalThis.setInterval.bind(globalThis),
        clearInterval: globalThis.clearInterval.bind(globalThis),
      },
      ...options,
    } as RealtimeClient['opts'];
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    void this.connect();
  }

  stop(): void {
    this.stopped = true;
    this.clearTimers();
    const s = this.socket;
    this.socket = null;
    if (s) s.close(1000, 'bye');
    this.setState('closed');
  }

  /**
   * Listens to a channel; the returned function stops listening (and unsubscribes when it was the last).
   * `since` (a seq the caller already has, e.g. the last log cursor loaded over REST) makes the first
   * subscription deliver everything after it instead of live events only.
   */
  subscribe(channel: string, listener: Listener, since?: number): () => void {
    let set = this.listeners.get(channel);
    if (!set) {
      set = new Set();
      this.listeners.set(channel, set);
      if (since !== undefined) this.lastSeq.set(channel, since);
      this.sendSubscribe(channel);
    }
    set.add(listener);
    return () => {
      const current = this.listeners.get(channel);
      if (!current) return;
      current.delete(listener);
      if (current.size === 0) {
        this.listeners.delete(channel);
        this.lastSeq.delete(channel);
        this.send({ type: 'unsubscribe', channel });
      }
    };
  }

  onState(listener: (s: ConnectionState) => void): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  seqOf(channel: string): number | undefined {
    return this.lastSeq.get(channel);
  }

  private sendSubscribe(channel: string) {
    if (!this.socket || this.socket.readyState !== OPEN) return; // sent on open
    const since = this.lastSeq.get(channel);
    // First time: live only ("now"); the page loaded the current state over REST just before.
    // Deployment log channels replay their buffer, so a late joiner sees the whole build so far.
    const msg: Record<string, unknown> = { type: 'subscribe', id: this.nextId++, channel };
    if (since !== undefined) msg.since = since;
    else if (!channel.startsWith('deployment:')) msg.since = 'now';
    this.send(msg);
  }

  private send(msg: unknown): boolean {
    if (this.socket && this.socket.readyState === OPEN) {
      this.socket.send(JSON.stringify(msg));
      return true;
    }
    return false;
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    this.setState(this.attempt === 0 ? 'connecting' : 'reconnecting');
    let ticket: string;
    try {
      ticket = await this.opts.ticket();
    } catch {
      this.scheduleReconnect();
      return;
    }
    if (this.stopped) return;
    const socket = this.opts.createSocket(this.opts.url(ticket));
    this.socket = socket;
    socket.onopen = () => {
      this.attempt = 0;
      this.setState('open');
      for (const channel of this.listeners.keys()) this.sendSubscribe(channel);
      this.startPing();
    };
    socket.onmessage = (ev) => this.handle(String(ev.data));
    socket.onerror = () => {
      /* onclose follows and schedules the retry */
    };
    socket.onclose = () => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.clearTimers();
      this.scheduleReconnect();
    };
  }

  private scheduleReconnect() {
    if (this.stopped) return;
    this.setState('reconnecting');
    const delay = backoffDelay(this.attempt++, this.opts.backoffBase, this.opts.backoffMax, this.opts.random);
    this.retryTimer = this.opts.timers.setTimeout(() => void this.connect(), delay);
  }

  private startPing() {
    const t = this.opts.timers;
    this.pingTimer = t.setInterval(() => {
      if (!this.send({ type: 'ping' })) return;
      if (this.pongTimer === null) {
        this.pongTimer = t.setTimeout(() => {
          this.pongTimer = null;
          // No pong: the connection is dead even if the browser has not noticed; start over.
          this.socket?.close(4000, 'no pong');
        }, this.opts.pongTimeout);
      }
    }, this.opts.pingInterval);
  }

  private clearTimers() {
    const t = this.opts.timers;
    if (this.retryTimer !== null) t.clearTimeout(this.retryTimer);
    if (this.pingTimer !== null) t.clearInterval(this.pingTimer);
    if (this.pongTimer !== null) t.clearTimeout(this.pongTimer);
    this.retryTimer = this.pingTimer = this.pongTimer = null;
  }

  private handle(raw: string) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      return;
    }
    // batch=1: several messages may come as one array, each element exactly the message it would be alone.
    for (const msg of Array.isArray(parsed) ? parsed : [parsed]) {
      if (msg !== null && typeof msg === 'object') this.handleMessage(msg as IncomingMessage);
    }
  }

  private handleMessage(msg: IncomingMessage) {
    if (msg.type === 'pong') {
      if (this.pongTimer !== null) this.opts.timers.clearTimeout(this.pongTimer);
      this.pongTimer = null;
      return;
    }
    if (msg.type === 'subscribed' && msg.channel && typeof msg.seq === 'number' && !this.lastSeq.has(msg.channel)) {
      // Remember where delivery starts, so a reconnect resumes from here even if nothing arrived yet
      // (log channels replay their buffer from the start, so they begin at 0).
      this.lastSeq.set(msg.channel, msg.channel.startsWith('deployment:') ? 0 : msg.seq);
      return;
    }
    if (!msg.channel) return;
    const set = this.listeners.get(msg.channel);
    if (!set) return;
    if (msg.type === 'event' && typeof msg.seq === 'number') {
      if (msg.seq <= (this.lastSeq.get(msg.channel) ?? 0)) return; // already delivered before a resume
      this.lastSeq.set(msg.channel, msg.seq);
    } else if (msg.type === 'gap') {
      if (msg.reset) this.lastSeq.set(msg.channel, 0);
    } else {
      return;
    }
    for (const l of [...set]) l(msg as ChannelMessage);
  }

  private setState(s: ConnectionState) {
    if (this.state === s) return;
    this.state = s;
    for (const l of this.stateListeners) l(s);
  }
}
