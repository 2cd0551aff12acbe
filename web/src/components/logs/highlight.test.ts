import { describe, expect, it } from 'vitest';
import { searchPattern, splitMatches } from './highlight';

const marked = (text: string, q: string, regex = false) =>
  splitMatches(text, searchPattern(q, regex)).map((p) => (p.match ? `[${p.text}]` : p.text)).join('');

describe('search highlighting', () => {
  it('marks every plain-text match, case-insensitively, with regex characters taken literally', () => {
    expect(marked('Timeout after TIMEOUT', 'timeout')).toBe('[Timeout] after [TIMEOUT]');
    expect(marked('cost $5.00 (a.b)', '$5.00 (a')).toBe('cost [$5.00 (a].b)');
    expect(marked('no match here', 'zebra')).toBe('no match here');
  });

  it('marks regular-expression matches, case-sensitively as the server does', () => {
    expect(marked('user=17 id=42 ID=9', 'id=\\d+', true)).toBe('user=17 [id=42] ID=9');
    expect(marked('GET /a 500 GET /b 200', '5\\d\\d|GET', true)).toBe('[GET] /a [500] [GET] /b 200');
  });

  it('steps over empty matches instead of looping', () => {
    expect(marked('abc', 'x*', true)).toBe('abc');
    expect(marked('aab', 'a*', true)).toBe('[aa]b');
  });

  it('marks nothing for an empty search or a regex the browser cannot compile', () => {
    expect(searchPattern('', false)).toBeNull();
    expect(searchPattern('(unclosed', true)).toBeNull();
    expect(marked('(unclosed', '(unclosed', true)).toBe('(unclosed');
    expect(marked('(unclosed', '(unclosed', false)).toBe('[(unclosed]');
  });

  it('bounds the number of marks in one line', () => {
    const parts = splitMatches('a'.repeat(1000), searchPattern('a', false), 10);
    expect(parts.filter((p) => p.match)).toHaveLength(10);
    expect(parts.map((p) => p.text).join('')).toBe('a'.repeat(1000));
  });
});
