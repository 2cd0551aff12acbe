import { useState, type FormEvent } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError } from '../api/client';
import { ErrorState, Loading } from '../components/States';
import { fieldErrors } from '../components/health';
import { notify } from '../stores/toasts';
import { alertKeys, alertsApi } from './api';
import { METRICS, type AlertRule, type NewRule } from './types';

const FIELDS = ['name', 'metric', 'comparison', 'threshold', 'for', 'resolveThreshold', 'severity', 'channels'] as const;

/** Reads the new-rule form; an empty resolve threshold is left out (the server then uses the threshold). */
export function readRule(form: HTMLFormElement): NewRule {
  const data = new FormData(form);
  const text = (k: string) => String(data.get(k) ?? '').trim();
  const rule: NewRule = {
    name: text('name'),
    metric: text('metric'),
    comparison: text('comparison'),
    threshold: text('threshold') === '' ? Number.NaN : Number(text('threshold')),
    for: text('for') || '0s',
    severity: text('severity'),
    channels: data.getAll('channels').map(String),
  };
  if (text('resolveThreshold') !== '') rule.resolveThreshold = Number(text('resolveThreshold'));
  return rule;
}

/** One line per rule: `cpu_percent > 80 for 30s, resolves below 60`. */
export function describeRule(r: Pick<AlertRule, 'metric' | 'comparison' | 'threshold' | 'for' | 'resolveThreshold'>): string {
  const upward = r.comparison.startsWith('>');
  const resolve = r.resolveThreshold !== r.threshold ? `, resolves ${upward ? 'below' : 'above'} ${r.resolveThreshold}` : '';
  return `${r.metric} ${r.comparison} ${r.threshold} for ${r.for}${resolve}`;
}

/** An environment's alert rules: its custom rules with their state, a form for a new one, and the built-in rules' switches. */
export function AlertRulesPanel({ app, env }: { app: string; env: string }) {
  const client = useQueryClient();
  const key = alertKeys.rules(app, env);
  const rules = useQuery({ queryKey: key, queryFn: () => alertsApi.rules(app, env) });
  const channels = useQuery({ queryKey: alertKeys.channels(app), queryFn: () => alertsApi.channels(app) });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [formKey, setFormKey] = useState(0);

  async function create(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const rule = readRule(e.currentTarget);
    setBusy(true);
    try {
      await alertsApi.createRule(app, env, rule);
      setErrors({});
      setFormKey((k) => k + 1);
      notify.ok(`Created the alert rule ${rule.name}.`);
      await client.invalidateQueries({ queryKey: key });
    } catch (err) {
      const fe = err instanceof ApiError ? fieldErrors(err.problem, FIELDS) : {};
      setErrors(Object.keys(fe).length > 0 ? fe : { '': err instanceof Error ? err.message : String(err) });
      const first = FIELDS.find((f) => fe[f]);
      if (first) document.getElementById(`ar-${first}`)?.focus();
    } finally {
      setBusy(false);
    }
  }

  async function run(action: () => Promise<unknown>, done: string) {
    try {
      await action();
      notify.ok(done);
      await client.invalidateQueries({ queryKey: key });
    } catch (err) {
      notify.error(err);
    }
  }

  const invalid = (f: string) => (errors[f] ? { 'aria-invalid': true as const, 'aria-describedby': `ar-${f}-error` } : {});
  const fieldError = (f: string) => errors[f] && <span id={`ar-${f}-error`} className="field-error">{errors[f]}</span>;

  return (
    <section className="card" aria-labelledby="alert-rules-title" data-testid="alert-rules">
      <h2 id="alert-rules-title">Alert rules</h2>
      {rules.isPending ? (
        <Loading />
      ) : rules.isError ? (
        <ErrorState error={rules.error} retry={() => void rules.refetch()} />
      ) : (
        <>
          {rules.data.items.length === 0 ? (
            <p className="muted">No rules over metrics yet.</p>
          ) : (
            <table className="table" data-testid="alert-rule-list">
              <thead>
                <tr>
                  <th scope="col">Rule</th>
                  <th scope="col">Condition</th>
                  <th scope="col">Severity</th>
                  <th scope="col">State</th>
                  <th scope="col">Actions</th>
                </tr>
              </thead>
              <tbody>
                {rules.data.items.map((r) => (
                  <tr key={r.id}>
                    <td data-label="Rule">{r.name}</td>
                    <td data-label="Condition">{describeRule(r)}</td>
                    <td data-label="Severity">{r.severity}</td>
                    <td data-label="State" title={r.status.detail ?? undefined}>{r.status.state}</td>
                    <td data-label="Actions">
                      <button type="button" className="btn btn-small btn-danger" aria-label={`Delete alert rule ${r.name}`}
                        onClick={() => void run(() => alertsApi.deleteRule(app, env, r.id), `Deleted the alert rule ${r.name}.`)}>
                        Delete
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}

          <h3>Built-in rules</h3>
          <ul className="builtin-rules">
            {rules.data.builtin.map((b) => (
              <li key={b.kind}>
                <label className="check">
                  <input type="checkbox" checked={b.enabled}
                    onChange={(e) => void run(() => alertsApi.switchBuiltin(app, env, b.kind, e.target.checked),
                      `${b.name} is ${e.target.checked ? 'on' : 'off'} for ${env}.`)} />
                  {b.name} <span className="muted">({b.severity}{b.firing ? ', firing' : ''})</span>
                </label>
                <span className="help">{b.description}</span>
              </li>
            ))}
          </ul>

          <h3 id="new-rule-title">New rule</h3>
          <form className="settings-form" onSubmit={(e) => void create(e)} noValidate aria-labelledby="new-rule-title" key={formKey}>
            {errors[''] && <p className="form-error" role="alert">{errors['']}</p>}
            <div className="field">
              <label htmlFor="ar-name">Name</label>
              <input id="ar-name" name="name" maxLength={100} required {...invalid('name')} />
              {fieldError('name')}
            </div>
            <div className="field">
              <label htmlFor="ar-metric">Metric</label>
              <select id="ar-metric" name="metric" defaultValue="cpu_percent" {...invalid('metric')}>
                {METRICS.map((m) => <option key={m} value={m}>{m}</option>)}
              </select>
              {fieldError('metric')}
            </div>
            <div className="field">
              <label htmlFor="ar-comparison">Comparison</label>
              <select id="ar-comparison" name="comparison" defaultValue=">" {...invalid('comparison')}>
                {['>', '>=', '<', '<='].map((c) => <option key={c} value={c}>{c}</option>)}
              </select>
              {fieldError('comparison')}
            </div>
            <div className="field">
              <label htmlFor="ar-threshold">Threshold</label>
              <input id="ar-threshold" name="threshold" type="number" step="any" required {...invalid('threshold')} />
              {fieldError('threshold')}
            </div>
            <div className="field">
              <label htmlFor="ar-for">For</label>
              <input id="ar-for" name="for" placeholder="30s" aria-describedby="ar-for-help" {...invalid('for')} />
              <span id="ar-for-help" className="help">How long the condition must hold before the alert fires (30s, 5m).</span>
              {fieldError('for')}
            </div>
            <div className="field">
              <label htmlFor="ar-resolveThreshold">Resolve threshold</label>
              <input id="ar-resolveThreshold" name="resolveThreshold" type="number" step="any" aria-describedby="ar-resolve-help" {...invalid('resolveThreshold')} />
              <span id="ar-resolve-help" className="help">The alert resolves only once the value is past this (default: the threshold).</span>
              {fieldError('resolveThreshold')}
            </div>
            <div className="field">
              <label htmlFor="ar-severity">Severity</label>
              <select id="ar-severity" name="severity" defaultValue="warning" {...invalid('severity')}>
                <option value="info">info</option>
                <option value="warning">warning</option>
                <option value="critical">critical</option>
              </select>
              {fieldError('severity')}
            </div>
            <fieldset className="field">
              <legend>Channels</legend>
              {channels.data?.items.length ? (
                channels.data.items.map((c) => (
                  <label className="check" key={c.id}>
                    <input type="checkbox" name="channels" value={c.id} /> {c.name} <span className="muted">({c.type}{c.global ? ', global' : ''})</span>
                  </label>
                ))
              ) : (
                <span className="help">No channels yet: alerts show in the dashboard only (add channels with the API or CLI).</span>
              )}
              {fieldError('channels')}
            </fieldset>
            <div className="field-actions">
              <button type="submit" className="btn btn-primary" disabled={busy}>
                Create rule
              </button>
            </div>
          </form>
        </>
      )}
    </section>
  );
}
