/** Finding the search in a line, to mark it: plain text case-insensitively, or a regular expression. */

export interface Part {
  text: string;
  match: boolean;
}

/** A global RegExp for the search, or null when there is none or the browser cannot compile it. */
export function searchPattern(q: string | undefined, regex: boolean | undefined): RegExp | null {
  if (!q) return null;
  try {
    return regex ? new RegExp(q, 'g') : new RegExp(q.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'gi');
  } catch {
    return null;
  }
}

/** Splits `text` into matched and unmatched parts; at most `maxMatches` marks (the rest stays plain). */
export function splitMatches(text: string, pattern: RegExp | null, maxMatches = 200): Part[] {
  if (!pattern || !text) return [{ text, match: false }];
  const re = new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : pattern.flags + 'g');
  const parts: Part[] = [];
  let at = 0;
  let found = 0;
  let m: RegExpExecArray | null;
  while (found < maxMatches && (m = re.exec(text)) !== null) {
    if (m[0].length === 0) {
      re.lastIndex++; // an empty match marks nothing; step over it so the loop ends
      continue;
    }
    if (m.index > at) parts.push({ text: text.slice(at, m.index), match: false });
    parts.push({ text: m[0], match: true });
    at = m.index + m[0].length;
    found++;
  }
  if (at < text.length) parts.push({ text: text.slice(at), match: false });
  return parts.length ? parts : [{ text, match: false }];
}
