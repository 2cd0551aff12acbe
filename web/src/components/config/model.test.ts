import { describe, expect, it } from 'vitest';
import { changesOf, dirtyRows, isInherited, mergeEnv, newRow, patchOf, problemsOf, rowsFrom, serverErrors, type Row } from './model';
import { parseDotenv } from './dotenv';
import { MASK, type ConfigView } from './types';

const view: ConfigView = {
  vars: { GREETING: 'hi', SHARED: 'from-defaults', LEVEL: 'debug' },
  secrets: { API_KEY: MASK, DB_URL: MASK },
  inherited: ['SHARED', 'DB_URL'],
  release: 4,
};
const defaults = { vars: { SHARED: 'from-defaults', LEVEL: 'info' }, secrets: { DB_URL: MASK } };

const row = (rows: Row[], name: string) => rows.find((r) => r.name === name)!;
const edit = (rows: Row[], name: string, change: Partial<Row>) => rows.map((r) => (r.name === name ? { ...r, ...change } : r));

describe('config editor model', () => {
  it('builds sorted rows that know where each value comes from', () => {
    const rows = rowsFrom(view, defaults);
    expect(rows.map((r) => `${r.name}:${r.kind}:${r.original?.source}`)).toEqual([
      'API_KEY:secret:env', 'DB_URL:secret:default', 'GREETING:var:env', 'LEVEL:var:override', 'SHARED:var:default',
    ]);
    expect(row(rows, 'API_KEY').value).toBe('');
    expect(isInherited(row(rows, 'SHARED'))).toBe(true);
    expect(dirtyRows(rows)).toEqual([]);
    expect(changesOf(rows)).toEqual([]);
    // Without the defaults, a name is either the environment's or inherited.
    expect(row(rowsFrom(view), 'LEVEL').original?.source).toBe('env');
  });

  it('turns a bulk edit into one patch and a masked diff', () => {
    let rows = rowsFrom(view, defaults);
    rows = edit(rows, 'GREETING', { value: 'hola' });
    rows = edit(rows, 'API_KEY', { value: 'new-secret' });
    rows = edit(rows, 'LEVEL', { removed: true });
    rows = [...rows, newRow('NEW_VAR', 'var', 'on'), newRow('NEW_SECRET', 'secret', 's3cret')];
    expect(changesOf(rows)).toEqual([
      { name: 'API_KEY', change: 'changed', secret: true, from: MASK, to: MASK },
      { name: 'GREETING', change: 'changed', secret: false, from: 'hi', to: 'hola' },
      // Removing an override brings back the app-wide default.
      { name: 'LEVEL', change: 'changed', secret: false, from: 'debug', to: 'info' },
      { name: 'NEW_SECRET', change: 'added', secret: true, from: null, to: MASK },
      { name: 'NEW_VAR', change: 'added', secret: false, from: null, to: 'on' },
    ]);
    expect(JSON.stringify(changesOf(rows))).not.toContain('s3cret');
    expect(patchOf(rows)).toEqual({
      vars: { GREETING: 'hola', LEVEL: null, NEW_VAR: 'on' },
      secrets: { API_KEY: 'new-secret', NEW_SECRET: 's3cret' },
    });
  });

  it('removes plain names and secrets with null in their own section, and never an inherited name', () => {
    let rows = rowsFrom(view, defaults);
    rows = edit(rows, 'GREETING', { removed: true });
    rows = edit(rows, 'API_KEY', { removed: true });
    rows = edit(rows, 'SHARED', { removed: true });
    expect(changesOf(rows).map((c) => `${c.name} ${c.change}`)).toEqual(['API_KEY removed', 'GREETING removed']);
    expect(patchOf(rows)).toEqual({ vars: { GREETING: null }, secrets: { API_KEY: null } });
  });

  it('overrides an inherited value and switches kinds', () => {
    let rows = rowsFrom(view, defaults);
    rows = edit(rows, 'SHARED', { value: 'mine' });
    rows = edit(rows, 'GREETING', { kind: 'secret' });
    rows = edit(rows, 'API_KEY', { kind: 'var', value: 'now-public' });
    expect(changesOf(rows)).toEqual([
      { name: 'API_KEY', change: 'changed', secret: true, from: MASK, to: MASK },
      { name: 'GREETING', change: 'changed', secret: true, from: MASK, to: MASK },
      { name: 'SHARED', change: 'changed', secret: false, from: 'from-defaults', to: 'mine' },
    ]);
    expect(patchOf(rows)).toEqual({ vars: { SHARED: 'mine', API_KEY: 'now-public' }, secrets: { GREETING: 'hi' } });
  });

  it('finds what only the page can know before sending: missing, repeated or taken names and missing secret values', () => {
    const rows = rowsFrom(view, defaults);
    const blank = newRow('', 'var', 'x');
    const taken = newRow('GREETING', 'var', 'x');
    const twice = [newRow('DUP', 'var', '1'), newRow('DUP', 'var', '2')];
    const secret = newRow('TOKEN', 'secret', '');
    const toVar = edit(rows, 'API_KEY', { kind: 'var', value: '' });
    const problems = problemsOf([...toVar, blank, taken, ...twice, secret]);
    expect(problems[blank.key]).toBe('Give the new name.');
    expect(problems[taken.key]).toContain('already in the list');
    expect(problems[twice[0]!.key]).toBeUndefined();
    expect(problems[twice[1]!.key]).toBe('DUP appears twice.');
    expect(problems[secret.key]).toBe('A new secret needs a value.');
    expect(problems[row(toVar, 'API_KEY').key]).toContain('plain variable');
    expect(Object.keys(problemsOf(rows))).toEqual([]);
  });

  it('puts the server field errors next to their rows and keeps the rest for the form', () => {
    const port = newRow('PORT', 'var', '1');
    const big = newRow('BIG', 'secret', 'x');
    const rows = [...rowsFrom(view, defaults), port, big];
    const { byRow, form } = serverErrors({
      detail: 'Some config names or values are not allowed.',
      errors: [
        { field: 'vars.PORT', message: 'PORT is set by CodeRunner and cannot be changed' },
        { field: 'secrets.BIG', message: 'values are at most 32768 characters' },
        { field: 'line 3', message: 'expected NAME=value' },
      ],
    }, 'Request failed', rows);
    expect(byRow).toEqual({ [port.key]: 'PORT is set by CodeRunner and cannot be changed', [big.key]: 'values are at most 32768 characters' });
    expect(form).toBe('Some config names or values are not allowed. line 3: expected NAME=value');
    expect(serverErrors(undefined, 'The server could not be reached.', rows)).toEqual({ byRow: {}, form: 'The server could not be reached.' });
  });

  it('lays pasted .env entries over the rows', () => {
    let rows = rowsFrom(view, defaults);
    rows = edit(rows, 'LEVEL', { removed: true });
    const merged = mergeEnv(rows, parseDotenv('GREETING=hey\nLEVEL=warn\nAPI_KEY=rotated\n# coderunner:secret\nNEW_TOKEN=t0k\nNEW_PLAIN=p\n'));
    expect(row(merged, 'GREETING')).toMatchObject({ kind: 'var', value: 'hey' });
    expect(row(merged, 'LEVEL')).toMatchObject({ removed: false, value: 'warn' });
    expect(row(merged, 'API_KEY')).toMatchObject({ kind: 'secret', value: 'rotated' });
    expect(row(merged, 'NEW_TOKEN')).toMatchObject({ kind: 'secret', value: 't0k', original: null });
    expect(row(merged, 'NEW_PLAIN')).toMatchObject({ kind: 'var', original: null });
    expect(row(mergeEnv(rows, parseDotenv('X=1'), true), 'X').kind).toBe('secret');
    // The rows given are not changed.
    expect(row(rows, 'GREETING').value).toBe('hi');
  });
});
