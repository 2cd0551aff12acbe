/**
 * The bulk editor's model, kept apart from React so it can be tested alone: rows built from the server's config,
 * the changes they make (what "Save" shows before sending), the one PATCH that applies them, and the server's
 * field errors mapped back to rows.
 */
import type { Problem } from '../../api/types';
import type { ParsedEnv } from './dotenv';
import { MASK, type ConfigChange, type ConfigPatch, type ConfigView, type DefaultsView } from './types';

export type Kind = 'var' | 'secret';

/** Where a name's effective value comes from. */
export type Source = 'env' | 'default' | 'override';

export interface Original {
  kind: Kind;
  /** A var's value; null for a secret (the page does not know it). */
  value: string | null;
  source: Source;
  /** The app-wide default under this name, when there is one (its value is null for a secret). */
  fallback: { kind: Kind; value: string | null } | null;
}

export interface Row {
  /** Stable identity for React and for error messages. */
  key: string;
  name: string;
  kind: Kind;
  /** A var's value; for a secret, a new value to set ('' keeps the current one). */
  value: string;
  removed: boolean;
  /** What the server has; null for a row added in the editor. */
  original: Original | null;
}

let nextKey = 1;
const key = () => `row-${nextKey++}`;

export function newRow(name = '', kind: Kind = 'var', value = ''): Row {
  return { key: key(), name, kind, value, removed: false, original: null };
}

/** One row per effective name, sorted by name. */
export function rowsFrom(view: ConfigView, defaults?: DefaultsView | null): Row[] {
  const inherited = new Set(view.inherited ?? []);
  const fallbackOf = (name: string): Original['fallback'] => {
    if (!defaults) return null;
    if (name in defaults.secrets) return { kind: 'secret', value: null };
    if (name in defaults.vars) return { kind: 'var', value: defaults.vars[name] ?? '' };
    return null;
  };
  const rows: Row[] = [];
  const add = (name: string, kind: Kind, value: string | null) => {
    const fallback = fallbackOf(name);
    const source: Source = inherited.has(name) ? 'default' : fallback ? 'override' : 'env';
    rows.push({ key: key(), name, kind, value: value ?? '', removed: false, original: { kind, value, source, fallback } });
  };
  Object.entries(view.vars).forEach(([name, value]) => add(name, 'var', value));
  Object.keys(view.secrets).forEach((name) => add(name, 'secret', null));
  return rows.sort((a, b) => a.name.localeCompare(b.name));
}

/** Whether a row is a name that cannot be removed here (it is inherited from the app-wide defaults). */
export function isInherited(row: Row): boolean {
  return row.original?.source === 'default';
}

function changed(row: Row): boolean {
  const o = row.original;
  if (!o) return !row.removed;
  if (row.removed) return !isInherited(row);
  if (o.kind !== row.kind) return true;
  return row.kind === 'secret' ? row.value !== '' : row.value !== o.value;
}

/** Rows the editor would send: added, changed or removed. */
export function dirtyRows(rows: Row[]): Row[] {
  return rows.filter(changed);
}

const show = (value: string | null, secret: boolean) => (value === null ? null : secret ? MASK : value);

/**
 * What saving changes in the effective config, like the server's diff: a secret on either side masks both
 * sides; removing an override brings back the app-wide default, so that name shows as changed.
 */
export function changesOf(rows: Row[]): ConfigChange[] {
  const out: ConfigChange[] = [];
  for (const row of dirtyRows(rows)) {
    const o = row.original;
    if (!o) {
      const secret = row.kind === 'secret';
      out.push({ name: row.name.trim(), change: 'added', secret, from: null, to: show(row.value, secret) });
    } else if (row.removed && o.fallback) {
      const secret = o.kind === 'secret' || o.fallback.kind === 'secret';
      out.push({ name: row.name, change: 'changed', secret, from: show(o.value ?? MASK, secret), to: show(o.fallback.value ?? MASK, secret) });
    } else if (row.removed) {
      const secret = o.kind === 'secret';
      out.push({ name: row.name, change: 'removed', secret, from: show(o.value ?? MASK, secret), to: null });
    } else {
      const secret = o.kind === 'secret' || row.kind === 'secret';
      out.push({ name: row.name, change: 'changed', secret, from: show(o.value ?? MASK, secret), to: show(row.value, secret) });
    }
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}

/** The one PATCH body that makes every change at once (one request, one release). */
export function patchOf(rows: Row[]): ConfigPatch {
  const patch: ConfigPatch = { vars: {}, secrets: {} };
  for (const row of dirtyRows(rows)) {
    if (row.removed) {
      patch[row.original?.kind === 'secret' ? 'secrets' : 'vars'][row.name] = null;
    } else {
      const value = row.kind === 'secret' && row.value === '' && row.original?.kind === 'var' ? (row.original.value ?? '') : row.value;
      patch[row.kind === 'secret' ? 'secrets' : 'vars'][row.name.trim()] = value;
    }
  }
  return patch;
}

/** What the page can tell before asking the server: names present and unique, values it needs. */
export function problemsOf(rows: Row[]): Record<string, string> {
  const out: Record<string, string> = {};
  const existing = new Set(rows.filter((r) => r.original).map((r) => r.name));
  const seen = new Set<string>();
  for (const row of rows) {
    if (row.original || row.removed) continue;
    const name = row.name.trim();
    if (name === '') out[row.key] = 'Give the new name.';
    else if (existing.has(name)) out[row.key] = `${name} is already in the list: change it there.`;
    else if (seen.has(name)) out[row.key] = `${name} appears twice.`;
    else if (row.kind === 'secret' && row.value === '') out[row.key] = 'A new secret needs a value.';
    seen.add(name);
  }
  for (const row of rows) {
    if (row.original?.kind === 'secret' && row.kind === 'var' && !row.removed && row.value === '') {
      out[row.key] = 'Type the value it should have as a plain variable.';
    }
  }
  return out;
}

/**
 * The server's complaints (`errors[]` with fields like `vars.PORT`) next to their rows; its `detail` and any
 * complaint about no row (a limit on the number of names, a refused role) make the message for the whole form.
 */
export function serverErrors(problem: Problem | undefined, fallback: string, rows: Row[]): { byRow: Record<string, string>; form: string } {
  const byRow: Record<string, string> = {};
  const rest: string[] = [];
  for (const e of problem?.errors ?? []) {
    const name = e.field.replace(/^(vars|secrets)\./, '');
    const row = rows.find((r) => !r.removed && r.name.trim() === name);
    if (row) byRow[row.key] = byRow[row.key] ? `${byRow[row.key]}; ${e.message}` : e.message;
    else rest.push(`${e.field}: ${e.message}`);
  }
  return { byRow, form: [problem?.detail ?? fallback, ...rest].join(' ') };
}

/**
 * Lays pasted `.env` entries over the rows: a name already listed takes the new value (a removed one comes
 * back), a new name becomes a new row. Names the file marks (or all, with `allSecret`) become secrets;
 * a secret stays a secret.
 */
export function mergeEnv(rows: Row[], parsed: ParsedEnv, allSecret = false): Row[] {
  const out = rows.map((r) => ({ ...r }));
  for (const [name, value] of parsed.entries) {
    const secret = allSecret || parsed.secrets.has(name);
    const row = out.find((r) => r.name.trim() === name);
    if (row) {
      row.removed = false;
      row.value = value;
      if (secret) row.kind = 'secret';
    } else {
      out.push(newRow(name, secret ? 'secret' : 'var', value));
    }
  }
  return out;
}
