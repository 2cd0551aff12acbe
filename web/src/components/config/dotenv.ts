/**
 * Reads `.env` text the way the server's import does (docs/config.md): `NAME=value` lines, `export ` allowed,
 * double quotes with `\n` and `\"` escapes, single quotes taken literally, ` #` starts a comment after an
 * unquoted value, and a `# coderunner:secret` line marks the next name as a secret.
 */
export const SECRET_MARK = '# coderunner:secret';

export interface ParsedEnv {
  /** Name and value pairs in file order (a name given twice keeps its last value). */
  entries: [string, string][];
  /** Names the file marks as secrets. */
  secrets: Set<string>;
}

/** A line that is not `NAME=value`; `line` counts from 1. */
export class EnvParseError extends Error {
  constructor(readonly line: number) {
    super(`Line ${line} is not NAME=value.`);
  }
}

export function parseDotenv(text: string): ParsedEnv {
  const values = new Map<string, string>();
  const secrets = new Set<string>();
  let nextIsSecret = false;
  text.split(/\r?\n/).forEach((raw, i) => {
    let line = raw.trim();
    if (line === SECRET_MARK) {
      nextIsSecret = true;
      return;
    }
    if (line === '' || line.startsWith('#')) return;
    if (line.startsWith('export ')) line = line.slice(7).trim();
    const eq = line.indexOf('=');
    if (eq <= 0) throw new EnvParseError(i + 1);
    const name = line.slice(0, eq).trim();
    values.delete(name); // keep file order of the last occurrence
    values.set(name, unquote(line.slice(eq + 1).trim()));
    if (nextIsSecret) secrets.add(name);
    nextIsSecret = false;
  });
  return { entries: [...values.entries()], secrets };
}

function unquote(value: string): string {
  if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) {
    let out = '';
    const inner = value.slice(1, -1);
    for (let i = 0; i < inner.length; i++) {
      const c = inner.charAt(i);
      if (c === '\\' && i + 1 < inner.length) {
        const n = inner.charAt(++i);
        out += n === 'n' ? '\n' : n;
      } else {
        out += c;
      }
    }
    return out;
  }
  if (value.length >= 2 && value.startsWith("'") && value.endsWith("'")) return value.slice(1, -1);
  const comment = value.indexOf(' #');
  return comment >= 0 ? value.slice(0, comment).trim() : value;
}
