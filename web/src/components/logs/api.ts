import { queryString, type LogEntry, type LogFilter } from './model';

/** The part of the API client the viewer needs (tests pass a fake). */
export interface LogApi {
  get<T>(path: string): Promise<T>;
}

interface LogPage {
  items: LogEntry[];
  nextCursor?: string | null;
}

/** The server's largest page (`limit` 1..10000). */
export const PAGE = 10_000;

/** The newest `count` entries matching `filter`, oldest first, fetched in pages; `older` continues before them. */
export async function fetchTail(api: LogApi, base: string, filter: LogFilter, count: number): Promise<{ items: LogEntry[]; older: string | null }> {
  let page = await api.get<LogPage>(`${base}/logs${queryString(filter, { limit: Math.min(count, PAGE) })}`);
  const pages = [page.items];
  let have = page.items.length;
  while (have < count && page.nextCursor && page.items.length > 0) {
    page = await api.get<LogPage>(`${base}/logs${queryString(filter, { limit: Math.min(count - have, PAGE), cursor: page.nextCursor })}`);
    pages.unshift(page.items);
    have += page.items.length;
  }
  return { items: pages.flat(), older: page.nextCursor ?? null };
}

/** Entries before cursor `before` (the page just above the loaded ones). */
export async function fetchBefore(api: LogApi, base: string, filter: LogFilter, before: string, limit: number) {
  const page = await api.get<LogPage>(`${base}/logs${queryString(filter, { cursor: before, limit: Math.min(limit, PAGE) })}`);
  return { items: page.items, older: page.nextCursor ?? null };
}

/**
 * Entries after cursor `after` up to cursor `upTo` (inclusive), oldest first, in pages; stops at `max`
 * entries. `onPage` sees each page as it arrives (downloads format them as they go).
 */
export async function fetchRange(api: LogApi, base: string, filter: LogFilter, after: number, upTo: number, max: number,
  onPage: (items: LogEntry[]) => void = () => {}): Promise<{ count: number; complete: boolean }> {
  let cursor = after;
  let count = 0;
  while (cursor < upTo && count < max) {
    const page = await api.get<LogPage>(`${base}/logs${queryString(filter, { order: 'asc', cursor, limit: Math.min(PAGE, max - count) })}`);
    const items = page.items.filter((e) => Number(e.cursor) <= upTo);
    if (items.length) onPage(items);
    count += items.length;
    if (page.items.length === 0 || !page.nextCursor || items.length < page.items.length) return { count, complete: true };
    cursor = Number(page.items[page.items.length - 1]!.cursor);
  }
  return { count, complete: cursor >= upTo };
}

/** Entries around a time: up to `n` before it and `n` from it on, plus the cursors to page further. */
export async function fetchAround(api: LogApi, base: string, filter: LogFilter, time: string, n: number) {
  const [before, after] = await Promise.all([
    api.get<LogPage>(`${base}/logs${queryString(filter, { until: time, limit: n })}`),
    api.get<LogPage>(`${base}/logs${queryString(filter, { since: time, order: 'asc', limit: n })}`),
  ]);
  return { items: [...before.items, ...after.items], older: before.nextCursor ?? null, newer: after.nextCursor ?? null };
}

/** The newest cursor of the environment (0 when it has no entries): where the live stream takes over. */
export async function newestCursor(api: LogApi, base: string): Promise<number> {
  const page = await api.get<LogPage>(`${base}/logs?limit=1`);
  return page.items.length ? Number(page.items[page.items.length - 1]!.cursor) : 0;
}
