import { useEffect, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Plus } from 'lucide-react';
import { ApiError, api, enc, envPath } from '../../api/client';
import { ConfirmDialog } from '../ConfirmDialog';
import { ErrorState, Loading } from '../States';
import { ChangeList } from './ChangeList';
import { ConfigRows, type RevealState } from './ConfigRows';
import { PasteEnv } from './PasteEnv';
import { RolloutNotice, type Saved } from './RolloutNotice';
import { changesOf, dirtyRows, mergeEnv, newRow, patchOf, problemsOf, rowsFrom, serverErrors, type Kind, type Row } from './model';
import type { ConfigView, DefaultsView } from './types';
import { configKeys } from './keys';

const NO_REVEAL: RevealState = { values: {}, errors: {}, busy: null };

/**
 * The bulk editor: edits stay in the page until "Review and save", which shows the changes (secrets masked)
 * and, once confirmed, sends them as one PATCH: one new release, rolled out at once.
 */
export function ConfigEditor({ app, env }: { app: string; env: string }) {
  const base = `${envPath(app, env)}/config`;
  const keys = configKeys(app, env);
  const client = useQueryClient();
  const config = useQuery({ queryKey: keys.config, queryFn: () => api.get<ConfigView>(base) });
  // The defaults only tell where a value comes from; the editor works without them.
  const defaults = useQuery({ queryKey: keys.defaults, queryFn: () => api.get<DefaultsView>(`/api/v1/apps/${enc(app)}/config`) });
  const [rows, setRows] = useState<Row[] | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [reviewing, setReviewing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<Saved | null>(null);
  const [reveal, setReveal] = useState<RevealState>(NO_REVEAL);

  const defaultsSettled = !defaults.isPending;
  useEffect(() => {
    // Start (or start over) from the server's config once it and the defaults are known, unless edits are pending.
    if (config.data && defaultsSettled) setRows((old) => (old && dirtyRows(old).length > 0 ? old : rowsFrom(config.data, defaults.data)));
  }, [config.data, defaults.data, defaultsSettled]);

  if (config.isPending || rows === null) return config.isError ? <ErrorState error={config.error} retry={() => void config.refetch()} /> : <Loading label="Loading the config…" />;
  if (config.isError) return <ErrorState error={config.error} retry={() => void config.refetch()} />;

  const changes = changesOf(rows);
  const edit = (key: string, change: Partial<Row>) => {
    setRows((old) => (old ?? []).map((r) => (r.key === key ? { ...r, ...change } : r)));
    setErrors(({ [key]: _dropped, ...rest }) => rest);
  };
  const add = (kind: Kind) => {
    const row = newRow('', kind);
    setRows((old) => [...(old ?? []), row]);
    // Focus the new name once it is on the page.
    requestAnimationFrame(() => document.getElementById(`${row.key}-name`)?.focus());
  };

  async function showReveal(name: string) {
    setReveal((r) => ({ ...r, busy: name, errors: { ...r.errors, [name]: '' } }));
    try {
      const view = await api.get<ConfigView>(`${base}?reveal=true&name=${enc(name)}`);
      setReveal((r) => ({ ...r, busy: null, values: { ...r.values, [name]: view.secrets[name] ?? '' } }));
    } catch (e) {
      const why = e instanceof ApiError && e.status === 403 ? `Not revealed: ${e.message}` : `Could not reveal ${name}: ${e instanceof Error ? e.message : String(e)}`;
      setReveal((r) => ({ ...r, busy: null, errors: { ...r.errors, [name]: why } }));
    }
  }

  function review() {
    setSaved(null);
    const local = problemsOf(rows ?? []);
    setErrors(local);
    if (Object.keys(local).length > 0) {
      setFormError('Some rows need attention before saving.');
      document.getElementById(`${Object.keys(local)[0]}-name`)?.focus();
      return;
    }
    setFormError(null);
    setReviewing(true);
  }

  async function save() {
    setReviewing(false);
    setBusy(true);
    const sent = rows ?? [];
    try {
      const result = await api.request<ConfigView>('PATCH', base, patchOf(sent));
      client.setQueryData(keys.config, result);
      void client.invalidateQueries({ queryKey: keys.history });
      void client.invalidateQueries({ queryKey: ['env', app, env, 'releases'] });
      setRows(rowsFrom(result, defaults.data));
      setErrors({});
      setFormError(null);
      setReveal(NO_REVEAL);
      setSaved({ release: result.release ?? null, deployment: result.deployment ?? null, count: changesOf(sent).length });
    } catch (e) {
      const problem = e instanceof ApiError ? e.problem : undefined;
      const { byRow, form } = serverErrors(problem, e instanceof Error ? e.message : String(e), sent);
      setErrors(byRow);
      setFormError(form);
      const first = Object.keys(byRow)[0];
      if (first) document.getElementById(`${first}-value`)?.focus();
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card config-editor" aria-labelledby="config-editor-title">
      <h2 id="config-editor-title">Variables and secrets</h2>
      <p className="help">
        Edit as many names as you like; nothing is sent until you review and save. One save makes one new release,
        rolled out to the running instances. Secret values stay hidden unless you reveal them (this is audited).
      </p>
      {saved && <RolloutNotice app={app} env={env} saved={saved} />}
      {formError && (
        <p className="form-error" role="alert" data-testid="config-form-error">
          {formError}
        </p>
      )}
      {rows.length === 0 ? (
        <p className="muted">No config yet: add a variable or a secret, or paste a .env file.</p>
      ) : (
        <ConfigRows rows={rows} errors={errors} reveal={reveal} onEdit={edit}
          onDrop={(key) => setRows((old) => (old ?? []).filter((r) => r.key !== key))}
          onReveal={(name) => void showReveal(name)}
          onHide={(name) => setReveal(({ values: { [name]: _hidden, ...values }, ...r }) => ({ ...r, values }))} />
      )}
      <div className="button-row config-actions">
        <button type="button" className="btn" onClick={() => add('var')}>
          <Plus size={16} aria-hidden="true" /> Add variable
        </button>
        <button type="button" className="btn" onClick={() => add('secret')}>
          <Plus size={16} aria-hidden="true" /> Add secret
        </button>
      </div>
      <PasteEnv onAdd={(parsed, allSecret) => setRows((old) => mergeEnv(old ?? [], parsed, allSecret))} />
      <div className="button-row config-save">
        <span className="muted" role="status" data-testid="config-pending">
          {changes.length === 0 ? 'No unsaved changes.' : `${changes.length} unsaved change${changes.length === 1 ? '' : 's'}.`}
        </span>
        <button type="button" className="btn" disabled={busy || changes.length === 0}
          onClick={() => {
            setRows(rowsFrom(config.data, defaults.data));
            setErrors({});
            setFormError(null);
          }}>
          Discard changes
        </button>
        <button type="button" className="btn btn-primary" disabled={busy || changes.length === 0} onClick={review}>
          {busy ? 'Saving…' : 'Review and save…'}
        </button>
      </div>
      <ConfirmDialog open={reviewing} title={`Save ${changes.length} change${changes.length === 1 ? '' : 's'} to ${app}/${env}?`}
        confirmLabel="Save as a new release" onCancel={() => setReviewing(false)} onConfirm={() => void save()}>
        <ChangeList changes={changes} caption="Changes to save" testId="review-changes" />
        <p className="muted">This makes one new release; the running instances are replaced with it.</p>
      </ConfirmDialog>
    </section>
  );
}
