import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/react';
import { LogBuffer } from './buffer';
import { LogList } from './LogList';
import { searchPattern } from './highlight';
import type { LogEntry } from './model';

const entry = (n: number, message = `line ${n}`, level = 'info'): LogEntry => ({ cursor: String(n), time: '2026-11-25T12:00:00Z', instance: 'web.1', stream: 'stdout', level, message });

function list(buffer: LogBuffer, props: Partial<Parameters<typeof LogList>[0]> = {}) {
  return <LogList rows={buffer.rows} version={buffer.version} following={false} focus={null} pattern={null} onScrollUp={() => {}} onLoadGap={() => {}} {...props} />;
}

describe('LogList', () => {
  it('puts only a window of 100,000 rows in the DOM, wherever it is scrolled', () => {
    const b = new LogBuffer();
    b.add(Array.from({ length: 100_000 }, (_, i) => entry(i + 1)));
    render(list(b));
    const rows = () => screen.getByTestId('log-rows').querySelectorAll('[role=listitem]');
    expect(rows().length).toBeGreaterThan(10);
    expect(rows().length).toBeLessThan(100);
    expect(rows()[0]!.textContent).toContain('line 1');

    const scroller = screen.getByTestId('log-scroller');
    scroller.scrollTop = 50_000 * 20;
    fireEvent.scroll(scroller);
    expect(rows().length).toBeLessThan(100);
    const shown = [...rows()].map((r) => Number(r.getAttribute('data-cursor')));
    expect(shown).toContain(50_001);
    expect(Math.min(...shown)).toBeGreaterThan(49_900);
  });

  it('marks search matches and colours rows by level', () => {
    const b = new LogBuffer();
    b.add([entry(1, 'GET /a took 12ms', 'info'), entry(2, 'disk full: took too long', 'error')]);
    render(list(b, { pattern: searchPattern('took', false) }));
    const marks = screen.getAllByText('took', { selector: 'mark' });
    expect(marks).toHaveLength(2);
    expect(document.querySelector('[data-cursor="2"]')!.className).toContain('log-error');
  });

  /** 1,000 rows, following; jsdom has no layout, so the scroller's sizes are set by hand. */
  function followingList() {
    const b = new LogBuffer();
    b.add(Array.from({ length: 1000 }, (_, i) => entry(i + 1)));
    const onScrollUp = vi.fn();
    render(list(b, { following: true, onScrollUp }));
    const scroller = screen.getByTestId('log-scroller');
    Object.defineProperty(scroller, 'scrollHeight', { value: 20_000 });
    Object.defineProperty(scroller, 'clientHeight', { value: 600 });
    return { scroller, onScrollUp };
  }

  it('pauses following when the user scrolls up: wheel, keys, or dragging the scrollbar', () => {
    const { scroller, onScrollUp } = followingList();
    scroller.scrollTop = 19_400;
    fireEvent.wheel(scroller, { deltaY: 100 });
    fireEvent.keyDown(scroller, { key: 'ArrowDown' });
    expect(onScrollUp).not.toHaveBeenCalled();
    fireEvent.wheel(scroller, { deltaY: -100 });
    expect(onScrollUp).toHaveBeenCalledTimes(1);
    fireEvent.keyDown(scroller, { key: 'PageUp' });
    expect(onScrollUp).toHaveBeenCalledTimes(2);

    fireEvent.pointerDown(scroller);
    scroller.scrollTop = 19_400;
    fireEvent.scroll(scroller);
    expect(onScrollUp).toHaveBeenCalledTimes(2);
    scroller.scrollTop = 5_000;
    fireEvent.scroll(scroller);
    expect(onScrollUp).toHaveBeenCalledTimes(3);
    fireEvent.pointerUp(window);
  });

  it('keeps following when the view moves up without the user (a resize clamping the scroll position)', () => {
    const { scroller, onScrollUp } = followingList();
    fireEvent.pointerDown(scroller);
    fireEvent.pointerUp(window);
    scroller.scrollTop = 5_000;
    fireEvent.scroll(scroller);
    expect(onScrollUp).not.toHaveBeenCalled();
  });

  it('shows a gap marker with a button that loads the missed lines', () => {
    const b = new LogBuffer();
    b.add([entry(1)]);
    b.addGap(1, 250);
    const onLoadGap = vi.fn();
    render(list(b, { onLoadGap }));
    expect(screen.getByTestId('log-gap').textContent).toContain('250 lines not delivered live');
    fireEvent.click(screen.getByRole('button', { name: 'Load missed lines' }));
    expect(onLoadGap).toHaveBeenCalledWith(1);
  });
});
