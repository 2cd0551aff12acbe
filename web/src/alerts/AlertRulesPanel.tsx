import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { DataTable } from '../components/DataTable';
import { ErrorState, Loading } from '../components/States';
import { can, useProfile } from '../identity/permissions';
import { notify } from '../stores/toasts';
import { alertKeys, alertsApi } from './api';
import { ChannelsPanel } from './ChannelsPanel';
import { RuleForm } from './RuleForm';
import type { AlertRule } from './types';

/** One line per rule: `cpu_percent > 80 for 30s, resolves below 60`. */
export function describeRule(r: Pick<AlertRule, 'metric' | 'comparison' | 'threshold' | 'for' | 'resolveThreshold'>): string {
  const upward = r.comparison.startsWith('>');
  const resolve = r.resolveThreshold !== r.threshold ? `, resolves ${upward ? 'below' : 'above'} ${r.resolveThreshold}` : '';
  return `${r.metric} ${r.comparison} ${r.threshold} for ${r.for}${resolve}`;
}

/**
 * An environment's alert rules: its custom rules with their state, a form for a new one or to edit one, the
 * built-in rules' switches, and the app's notification channels. Changing any of it takes `configure` on the app
 * (as the server checks); others see the lists only.
 */
export function AlertRulesPanel({ app, env }: { app: string; env: string }) {
  const client = useQueryClient();
  const key = alertKeys.rules(app, env);
  const rules = useQuery({ queryKey: key, queryFn: () => alertsApi.rules(app, env) });
  const write = can(useProfile(), 'configure', app);
  const [editing, setEditing] = useState<string | null>(null);
  const [formKey, setFormKey] = useState(0);
  const edited = rules.data?.items.find((r) => r.id === editing);

  async function run(action: () => Promise<unknown>, done: string) {
    try {
      await action();
      notify.ok(done);
      await client.invalidateQueries({ queryKey: key });
    } catch (err) {
      notify.error(err);
    }
  }

  function doneEditing(id: string) {
    setEditing(null);
    // Back to where the edit started, for keyboard users.
    requestAnimationFrame(() => document.getElementById(`ar-edit-${id}`)?.focus());
  }

  return (
    <>
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
              <DataTable testId="alert-rule-list" rows={rules.data.items} rowKey={(r) => r.id} columns={[
                { label: 'Rule', cell: (r) => r.name },
                { label: 'Condition', cell: describeRule },
                { label: 'Severity', cell: (r) => r.severity },
                { label: 'State', cell: (r) => r.status.state, title: (r) => r.status.detail ?? undefined },
                write && { label: 'Actions', cell: (r) => (
                  <div className="button-row">
                    <button type="button" id={`ar-edit-${r.id}`} className="btn btn-small" aria-label={`Edit alert rule ${r.name}`}
                      onClick={() => setEditing(r.id)}>
                      Edit
                    </button>
                    <button type="button" className="btn btn-small btn-danger" aria-label={`Delete alert rule ${r.name}`}
                      onClick={() => void run(() => alertsApi.deleteRule(app, env, r.id), `Deleted the alert rule ${r.name}.`)}>
                      Delete
                    </button>
                  </div>
                ) },
              ]} />
            )}

            <h3>Built-in rules</h3>
            <ul className="builtin-rules">
              {rules.data.builtin.map((b) => (
                <li key={b.kind}>
                  {write ? (
                    <label className="check">
                      <input type="checkbox" checked={b.enabled}
                        onChange={(e) => void run(() => alertsApi.switchBuiltin(app, env, b.kind, e.target.checked),
                          `${b.name} is ${e.target.checked ? 'on' : 'off'} for ${env}.`)} />
                      {b.name} <span className="muted">({b.severity}{b.firing ? ', firing' : ''})</span>
                    </label>
                  ) : (
                    <span>
                      {b.name} <span className="muted">({b.enabled ? 'on' : 'off'}, {b.severity}{b.firing ? ', firing' : ''})</span>
                    </span>
                  )}
                  <span className="help">{b.description}</span>
                </li>
              ))}
            </ul>

            {write &&
              (edited ? (
                <RuleForm key={`edit-${edited.id}`} app={app} env={env} rule={edited} onDone={() => doneEditing(edited.id)} />
              ) : (
                <RuleForm key={`new-${formKey}`} app={app} env={env} onDone={() => setFormKey((k) => k + 1)} />
              ))}
          </>
        )}
      </section>
      <ChannelsPanel app={app} />
    </>
  );
}
