import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { notify } from '../stores/toasts';
import { alertKeys, alertsApi } from './api';
import { useFormErrors } from './formErrors';
import { METRICS, type AlertRule, type NewRule } from './types';

const FIELDS = ['name', 'metric', 'comparison', 'threshold', 'for', 'resolveThreshold', 'severity', 'channels'] as const;

/** Reads the rule form; an empty resolve threshold is left out (the server then uses the threshold). */
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

interface Props {
  app: string;
  env: string;
  /** The rule to edit; without it the form creates a new one. */
  rule?: AlertRule;
  /** Called once the rule is saved, or when an edit is cancelled (nothing sent). */
  onDone: () => void;
}

/**
 * The form of one rule: empty for a new rule, or prefilled to edit one (saved with a `PUT` of the whole rule,
 * its on/off state kept). The server's field errors show next to their fields.
 */
export function RuleForm({ app, env, rule, onDone }: Props) {
  const client = useQueryClient();
  const channels = useQuery({ queryKey: alertKeys.channels(app), queryFn: () => alertsApi.channels(app) });
  const { fail, clear, invalid, fieldError, formError } = useFormErrors('ar', FIELDS);
  const [busy, setBusy] = useState(false);
  const name = useRef<HTMLInputElement>(null);
  const editing = rule !== undefined;

  useEffect(() => {
    if (editing) name.current?.focus();
  }, [editing]);

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const body = readRule(e.currentTarget);
    if (rule) body.enabled = rule.enabled;
    setBusy(true);
    try {
      if (rule) await alertsApi.updateRule(app, env, rule.id, body);
      else await alertsApi.createRule(app, env, body);
      clear();
      notify.ok(`${rule ? 'Saved' : 'Created'} the alert rule ${body.name}.`);
      await client.invalidateQueries({ queryKey: alertKeys.rules(app, env) });
      onDone();
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  }

  const metrics: readonly string[] = rule && !(METRICS as readonly string[]).includes(rule.metric) ? [...METRICS, rule.metric] : METRICS;
  // A resolve threshold equal to the threshold is the default: left empty, it follows a changed threshold.
  const resolve = rule && rule.resolveThreshold !== rule.threshold ? String(rule.resolveThreshold) : '';

  return (
    <>
      <h3 id="rule-form-title">{rule ? `Edit rule ${rule.name}` : 'New rule'}</h3>
      <form className="settings-form" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="rule-form-title" data-testid="rule-form">
        {formError}
        <div className="field">
          <label htmlFor="ar-name">Name</label>
          <input id="ar-name" ref={name} name="name" maxLength={100} required defaultValue={rule?.name} {...invalid('name')} />
          {fieldError('name')}
        </div>
        <div className="field">
          <label htmlFor="ar-metric">Metric</label>
          <select id="ar-metric" name="metric" defaultValue={rule?.metric ?? 'cpu_percent'} {...invalid('metric')}>
            {metrics.map((m) => <option key={m} value={m}>{m}</option>)}
          </select>
          {fieldError('metric')}
        </div>
        <div className="field">
          <label htmlFor="ar-comparison">Comparison</label>
          <select id="ar-comparison" name="comparison" defaultValue={rule?.comparison ?? '>'} {...invalid('comparison')}>
            {['>', '>=', '<', '<='].map((c) => <option key={c} value={c}>{c}</option>)}
          </select>
          {fieldError('comparison')}
        </div>
        <div className="field">
          <label htmlFor="ar-threshold">Threshold</label>
          <input id="ar-threshold" name="threshold" type="number" step="any" required defaultValue={rule?.threshold} {...invalid('threshold')} />
          {fieldError('threshold')}
        </div>
        <div className="field">
          <label htmlFor="ar-for">For</label>
          <input id="ar-for" name="for" placeholder="30s" defaultValue={rule?.for} aria-describedby="ar-for-help" {...invalid('for', 'ar-for-help')} />
          <span id="ar-for-help" className="help">How long the condition must hold before the alert fires (30s, 5m).</span>
          {fieldError('for')}
        </div>
        <div className="field">
          <label htmlFor="ar-resolveThreshold">Resolve threshold</label>
          <input id="ar-resolveThreshold" name="resolveThreshold" type="number" step="any" defaultValue={resolve}
            aria-describedby="ar-resolve-help" {...invalid('resolveThreshold', 'ar-resolve-help')} />
          <span id="ar-resolve-help" className="help">The alert resolves only once the value is past this (default: the threshold).</span>
          {fieldError('resolveThreshold')}
        </div>
        <div className="field">
          <label htmlFor="ar-severity">Severity</label>
          <select id="ar-severity" name="severity" defaultValue={rule?.severity ?? 'warning'} {...invalid('severity')}>
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
                <input type="checkbox" name="channels" value={c.id} defaultChecked={rule?.channels.includes(c.id)} /> {c.name}{' '}
                <span className="muted">({c.type}{c.global ? ', global' : ''})</span>
              </label>
            ))
          ) : (
            <span className="help">No channels yet: alerts show in the dashboard only.</span>
          )}
          {fieldError('channels')}
        </fieldset>
        <div className="field-actions button-row">
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {rule ? 'Save rule' : 'Create rule'}
          </button>
          {rule && (
            <button type="button" className="btn" disabled={busy} onClick={onDone}>
              Cancel
            </button>
          )}
        </div>
      </form>
    </>
  );
}
