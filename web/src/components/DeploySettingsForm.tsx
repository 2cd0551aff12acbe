import { useState, type FormEvent } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, api, envPath } from '../api/client';
import type { DeploySettings } from '../api/types';
import { ErrorState, Loading } from './States';
import { fieldErrors } from './health';
import { notify } from '../stores/toasts';

const FIELDS = ['strategy', 'maxSurge', 'maxUnavailable', 'keepWarmSeconds', 'readyTimeoutSeconds'] as const;
type Field = (typeof FIELDS)[number];

const NUMBERS: { name: Exclude<Field, 'strategy'>; label: string; help: string; min: number; max: number }[] = [
  { name: 'maxSurge', label: 'Max surge', help: 'Extra instances allowed during a rolling deploy.', min: 0, max: 20 },
  { name: 'maxUnavailable', label: 'Max unavailable', help: 'Instances that may be missing during a rolling deploy.', min: 0, max: 20 },
  { name: 'keepWarmSeconds', label: 'Keep warm (seconds)', help: 'Blue-green: how long the old set keeps running unrouted.', min: 0, max: 86400 },
  { name: 'readyTimeoutSeconds', label: 'Ready timeout (seconds)', help: 'How long new instances get to become healthy before the deploy rolls back.', min: 1, max: 3600 },
];

/** Reads the form; numbers stay numbers (an empty field becomes NaN, which the server refuses by name). */
export function readSettings(form: HTMLFormElement): DeploySettings {
  const data = new FormData(form);
  const num = (k: string) => {
    const v = String(data.get(k) ?? '').trim();
    return v === '' ? Number.NaN : Number(v);
  };
  return {
    strategy: String(data.get('strategy')) as DeploySettings['strategy'],
    maxSurge: num('maxSurge'),
    maxUnavailable: num('maxUnavailable'),
    keepWarmSeconds: num('keepWarmSeconds'),
    readyTimeoutSeconds: num('readyTimeoutSeconds'),
  };
}

/** What the browser can tell before asking the server: every number must be a whole number. */
export function localErrors(s: DeploySettings): Record<string, string> {
  const out: Record<string, string> = {};
  for (const n of NUMBERS) if (!Number.isInteger(s[n.name])) out[n.name] = 'must be a whole number';
  return out;
}

/** The environment's rollout settings; the server's field errors (problem+json `errors[]`) show next to each field. */
export function DeploySettingsForm({ app, env }: { app: string; env: string }) {
  const path = `${envPath(app, env)}/deploy-settings`;
  const key = ['env', app, env, 'deploy-settings'];
  const client = useQueryClient();
  const q = useQuery({ queryKey: key, queryFn: () => api.get<DeploySettings>(path) });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  async function save(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const body = readSettings(e.currentTarget);
    const local = localErrors(body);
    if (Object.keys(local).length > 0) {
      setErrors(local);
      document.getElementById(`ds-${FIELDS.find((f) => local[f])}`)?.focus();
      return;
    }
    setBusy(true);
    try {
      const saved = await api.put<DeploySettings>(path, body);
      setErrors({});
      if (saved && typeof saved === 'object') client.setQueryData(key, saved);
      notify.ok(`Saved the deploy settings of ${env}.`);
    } catch (err) {
      const fe = err instanceof ApiError ? fieldErrors(err.problem, FIELDS) : {};
      if (Object.keys(fe).length > 0) {
        setErrors(fe);
        const first = FIELDS.find((f) => fe[f]);
        if (first) document.getElementById(`ds-${first}`)?.focus();
      } else {
        setErrors({ '': err instanceof Error ? err.message : String(err) });
      }
    } finally {
      setBusy(false);
    }
  }

  const invalid = (f: Field) => (errors[f] ? { 'aria-invalid': true as const, 'aria-describedby': `ds-${f}-error ds-${f}-help` } : { 'aria-describedby': `ds-${f}-help` });

  return (
    <section className="card" aria-labelledby="deploy-settings-title">
      <h2 id="deploy-settings-title">Deploy settings</h2>
      {q.isPending ? (
        <Loading />
      ) : q.isError ? (
        <ErrorState error={q.error} retry={() => void q.refetch()} />
      ) : (
        <form className="settings-form" onSubmit={(e) => void save(e)} noValidate aria-labelledby="deploy-settings-title" key={JSON.stringify(q.data)}>
          {errors[''] && (
            <p className="form-error" role="alert">
              {errors['']}
            </p>
          )}
          <div className="field">
            <label htmlFor="ds-strategy">Strategy</label>
            <select id="ds-strategy" name="strategy" defaultValue={q.data.strategy} {...invalid('strategy')}>
              <option value="rolling">rolling</option>
              <option value="blue-green">blue-green</option>
            </select>
            <span id="ds-strategy-help" className="help">Rolling replaces instances in batches; blue-green switches all traffic at once.</span>
            {errors.strategy && <span id="ds-strategy-error" className="field-error">{errors.strategy}</span>}
          </div>
          {NUMBERS.map((n) => (
            <div className="field" key={n.name}>
              <label htmlFor={`ds-${n.name}`}>{n.label}</label>
              <input id={`ds-${n.name}`} name={n.name} type="number" inputMode="numeric" min={n.min} max={n.max} defaultValue={q.data[n.name]} {...invalid(n.name)} />
              <span id={`ds-${n.name}-help`} className="help">{n.help}</span>
              {errors[n.name] && <span id={`ds-${n.name}-error`} className="field-error">{errors[n.name]}</span>}
            </div>
          ))}
          <div className="field-actions">
            <button type="submit" className="btn btn-primary" disabled={busy}>
              Save settings
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
