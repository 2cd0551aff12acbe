import { describe, expect, it } from 'vitest';
import { lineCount, levelRank, matcher, queryString, type LogEntry } from './model';

const e = (over: Partial<LogEntry>): LogEntry => ({ cursor: '1', time: '2026-11-25T12:00:00Z', instance: 'web.1', processType: 'web', stream: 'stdout', level: 'info', message: 'hello', ...over });

describe('log filters', () => {
  it('ranks levels as the server does; a missing or unknown level is info', () => {
    expect(levelRank('trace')).toBeLessThan(levelRank('debug'));
    expect(levelRank('ERROR')).toBe(4);
    expect(levelRank(undefined)).toBe(levelRank('info'));
    expect(levelRank('verbose')).toBe(levelRank('info'));
  });

  it('filters live lines like the query: level or worse, exact instance and type, text or regex', () => {
    const warn = matcher({ level: 'warn' });
    expect(warn(e({ level: 'warn' }))).toBe(true);
    expect(warn(e({ level: 'fatal' }))).toBe(true);
    expect(warn(e({ level: 'info' }))).toBe(false);
    expect(matcher({ instance: 'web.2' })(e({}))).toBe(false);
    expect(matcher({ process: 'worker' })(e({ processType: 'worker' }))).toBe(true);
    expect(matcher({ q: 'HELLO' })(e({}))).toBe(true);
    expect(matcher({ q: 'h.llo', regex: true })(e({}))).toBe(true);
    expect(matcher({ q: 'HELLO', regex: true })(e({}))).toBe(false);
    expect(matcher({ q: '(', regex: true })(e({ message: '(' }))).toBe(false);
  });

  it('builds the query string with the server parameter names, leaving empty ones out', () => {
    expect(queryString({})).toBe('');
    expect(queryString({ level: 'error', instance: 'web.1', process: 'web', q: 'a b', regex: true }, { limit: 10, cursor: null }))
      .toBe('?level=error&instance=web.1&process=web&q=a+b&regex=true&limit=10');
    expect(queryString({ regex: true }, { order: 'asc' })).toBe('?order=asc');
  });

  it('counts the text lines of a message', () => {
    expect(lineCount('one')).toBe(1);
    expect(lineCount('Exception\n\tat a\n\tat b')).toBe(3);
  });
});
