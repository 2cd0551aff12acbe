import { memo, useCallback, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type UIEvent, type WheelEvent } from 'react';
import { indexOfPos, rowKey, type Row } from './buffer';
import { splitMatches } from './highlight';
import { levelOf, type LogEntry } from './model';
import { anchoredScrollTop, layout, rowAt, visibleRange } from './windowing';

/** Every text line of a row is this many px high (`.log-row` sets the same line-height; lines never wrap). */
export const LINE_PX = 20;
/** A gap marker is two lines high (`.log-gap`). */
const GAP_PX = 2 * LINE_PX;
/** Rows rendered above and below the viewport, in px, so fast scrolling does not show blank space. */
const OVERSCAN_PX = 30 * LINE_PX;
/** Keys that scroll a focused scroller towards the top. */
const UP_KEYS = new Set(['ArrowUp', 'PageUp', 'Home']);

export function rowHeight(row: Row): number {
  return row.kind === 'entry' ? row.lines * LINE_PX : GAP_PX;
}

export interface LogListProps {
  rows: Row[];
  /** Changes whenever `rows` does (the buffer is mutated in place). */
  version: number;
  following: boolean;
  /** Cursor of a line to scroll to the top and mark (after a jump to a time). */
  focus: string | null;
  pattern: RegExp | null;
  onScrollUp: () => void;
  onLoadGap: (after: number) => void;
}

/**
 * A windowed list of log rows: only the rows in view (and a margin) are in the DOM, between two spacers
 * sized to the rows above and below, so 100,000 lines scroll as smoothly as 100. Sizes are written through
 * the CSSOM (`element.style`), which the CSP allows, never as style attributes.
 */
export function LogList({ rows, version, following, focus, pattern, onScrollUp, onLoadGap }: LogListProps) {
  const scroller = useRef<HTMLDivElement>(null);
  const above = useRef<HTMLDivElement>(null);
  const below = useRef<HTMLDivElement>(null);
  const [view, setView] = useState({ top: 0, height: 600 });
  // The row at the top of the view and how far into it the view starts: kept in place when rows change.
  const anchor = useRef<{ pos: number; delta: number } | null>(null);
  // A pointer or finger is down on the scroller (dragging its scrollbar, swiping): its scrolls are the user's.
  const held = useRef(false);

  // rows is mutated in place: version says when it changed.
  const offsets = useMemo(() => layout(rows.length, (i) => rowHeight(rows[i]!)), [rows, version]);
  const total = offsets[rows.length]!;
  const range = visibleRange(offsets, view.top, view.height, OVERSCAN_PX);

  useLayoutEffect(() => {
    above.current!.style.height = `${offsets[range.start]}px`;
    below.current!.style.height = `${total - offsets[range.end]!}px`;
  });

  const remember = useCallback((top: number) => {
    const i = rowAt(offsets, top);
    const row = rows[i];
    anchor.current = row ? { pos: row.pos, delta: top - offsets[i]! } : null;
  }, [offsets, rows]);

  // After the rows changed: follow the end, or keep the row that was at the top where it was.
  useLayoutEffect(() => {
    const el = scroller.current!;
    let top = el.scrollTop;
    if (following) {
      top = Math.max(0, total - el.clientHeight);
    } else if (anchor.current) {
      const i = indexOfPos(rows, anchor.current.pos);
      top = anchoredScrollTop(offsets, i, rows[i]?.pos === anchor.current.pos ? anchor.current.delta : 0);
    }
    if (Math.abs(el.scrollTop - top) >= 1) el.scrollTop = top;
    const height = el.clientHeight || 600;
    if (el.scrollTop !== view.top || height !== view.height) setView({ top: el.scrollTop, height });
    remember(el.scrollTop);
  }, [version, following, total]);

  // A jump to a time: the first line at or after it goes to the top.
  useLayoutEffect(() => {
    if (!focus) return;
    const el = scroller.current!;
    const i = indexOfPos(rows, Number(focus));
    el.scrollTop = Math.max(0, offsets[i]! - LINE_PX);
    setView((v) => ({ ...v, top: el.scrollTop }));
    remember(el.scrollTop);
  }, [focus]);

  // The viewport's height follows the window.
  useLayoutEffect(() => {
    const el = scroller.current!;
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => setView((v) => (el.clientHeight && el.clientHeight !== v.height ? { ...v, height: el.clientHeight } : v)));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  // Following pauses only on what the user does (wheel, keys, scrollbar, touch), never on a scroll event
  // alone: a resize (a window or a full-page screenshot growing and shrinking back) clamps scrollTop and
  // reports it late, which would look like a scroll up.
  function upByUser(el: HTMLDivElement) {
    if (following && el.scrollTop > 0) onScrollUp();
  }

  function onWheel(e: WheelEvent<HTMLDivElement>) {
    if (e.deltaY < 0) upByUser(e.currentTarget);
  }

  function onKeyDown(e: KeyboardEvent<HTMLDivElement>) {
    if (UP_KEYS.has(e.key) || (e.key === ' ' && e.shiftKey)) upByUser(e.currentTarget);
  }

  function onHold() {
    held.current = true;
    const release = () => {
      held.current = false;
      window.removeEventListener('pointerup', release);
      window.removeEventListener('pointercancel', release);
    };
    window.addEventListener('pointerup', release);
    window.addEventListener('pointercancel', release);
  }

  function onScroll(e: UIEvent<HTMLDivElement>) {
    const el = e.currentTarget;
    const atEnd = el.scrollHeight - el.scrollTop - el.clientHeight < LINE_PX;
    if (held.current && !atEnd) upByUser(el);
    remember(el.scrollTop);
    setView({ top: el.scrollTop, height: el.clientHeight || view.height });
  }

  const items = [];
  for (let i = range.start; i < range.end; i++) {
    const row = rows[i]!;
    items.push(row.kind === 'entry'
      ? <LogLine key={rowKey(row)} entry={row.entry} pattern={pattern} focused={row.entry.cursor === focus} index={i} count={rows.length} />
      : <GapLine key={rowKey(row)} after={row.after} missed={row.missed} state={row.state} onLoad={onLoadGap} />);
  }
  return (
    <div className="log-scroller" ref={scroller} onScroll={onScroll} onWheel={onWheel} onKeyDown={onKeyDown} onPointerDown={onHold} tabIndex={0} role="region" aria-label="Log lines" data-testid="log-scroller">
      <div ref={above} aria-hidden="true" />
      <div role="list" className="log-rows" data-testid="log-rows">
        {items}
      </div>
      <div ref={below} aria-hidden="true" />
    </div>
  );
}

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit', fractionalSecondDigits: 3, hour12: false });

function shortTime(iso: string): string {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? iso : timeFormat.format(t);
}

const LogLine = memo(function LogLine({ entry, pattern, focused, index, count }: { entry: LogEntry; pattern: RegExp | null; focused: boolean; index: number; count: number }) {
  const level = levelOf(entry.level);
  return (
    <div role="listitem" aria-setsize={count} aria-posinset={index + 1} className={`log-row log-${level}${entry.stream === 'stderr' ? ' log-stderr' : ''}${focused ? ' log-focus' : ''}`}
      data-cursor={entry.cursor}>
      <time className="log-time" dateTime={entry.time} title={entry.time}>{shortTime(entry.time)}</time>
      <span className="log-instance">{entry.instance}</span>
      <span className="log-level">{level.toUpperCase()}</span>
      <span className="log-message">
        {splitMatches(entry.message, pattern).map((p, i) => (p.match ? <mark key={i}>{p.text}</mark> : p.text))}
      </span>
    </div>
  );
});

function GapLine({ after, missed, state, onLoad }: { after: number; missed: number; state: 'idle' | 'loading' | 'failed'; onLoad: (after: number) => void }) {
  return (
    <div role="listitem" className="log-gap" data-testid="log-gap">
      <span>
        {missed.toLocaleString()} line{missed === 1 ? '' : 's'} not delivered live here{state === 'failed' ? ' (loading failed)' : ''}.
      </span>
      <button type="button" className="btn btn-small" disabled={state === 'loading'} onClick={() => onLoad(after)}>
        {state === 'loading' ? 'Loading…' : 'Load missed lines'}
      </button>
    </div>
  );
}
