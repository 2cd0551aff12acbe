import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import type { AppSummary, Page } from '../api/types';
import { StatusBadge } from '../components/StatusBadge';
import { DataTable } from '../components/DataTable';
import { QueryItems } from '../components/QueryItems';
import { timeAgo } from '../components/format';
import { useChannels } from '../realtime/live';
import { notify } from '../stores/toasts';

export const appsKey = ['apps'] as const;

function CreateAppForm() {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const client = useQueryClient();
  const navigate = useNavigate();

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const formEl = e.currentTarget;
    const name = String(new FormData(formEl).get('name')).trim();
    setBusy(true);
    setError(null);
    try {
      await api.post('/api/v1/apps', { name });
      notify.ok(`App ${name} created.`);
      formEl.reset();
      await client.invalidateQueries({ queryKey: appsKey });
      navigate(`/apps/${name}`);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="inline-form" onSubmit={submit} aria-label="Create an app">
      <label htmlFor="new-app">New app name</label>
      <input id="new-app" name="name" required pattern="[a-z0-9\-]{1,40}" placeholder="my-app" aria-describedby="new-app-help" />
      <button type="submit" className="btn btn-primary" disabled={busy}>
        Create app
      </button>
      <span id="new-app-help" className="help">
        1–40 characters: lowercase letters, digits and dashes.
      </span>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}

export function AppListPage() {
  const client = useQueryClient();
  const q = useQuery({ queryKey: appsKey, queryFn: () => api.get<Page<AppSummary>>('/api/v1/apps?limit=200') });
  const apps = q.data?.items ?? [];
  const channels = ['apps', ...apps.flatMap((a) => a.environments.flatMap((e) => [`deployments:${a.name}/${e.name}`, `instances:${a.name}/${e.name}`]))];
  useChannels(channels, () => void client.invalidateQueries({ queryKey: appsKey }));

  return (
    <div className="page">
      <div className="page-head">
        <h1>Apps</h1>
      </div>
      <CreateAppForm />
      <QueryItems query={q} loading="Loading apps…" empty="No apps yet."
        emptyDetail={<p>Create one above, then drop a .zip or .tar.gz of your code on its page to deploy it.</p>}>
        {(apps) => (
          <ul className="app-list" aria-label="Apps">
            {apps.map((a) => (
              <li key={a.name} className="card app-card">
                <h2>
                  <Link to={`/apps/${a.name}`}>{a.name}</Link>
                </h2>
                {a.environments.length === 0 ? (
                  <p className="muted">No environments.</p>
                ) : (
                  <DataTable className="env-table" caption={`Environments of ${a.name}`} rows={a.environments} rowKey={(e) => e.name}
                    rowData={(e) => ({ 'data-testid': `env-${a.name}-${e.name}` })} columns={[
                      { label: 'Environment', cell: (e) => <Link to={`/apps/${a.name}/envs/${e.name}`}>{e.name}</Link> },
                      { label: 'Status', cell: (e) => <StatusBadge status={e.status} /> },
                      { label: 'Instances', cell: (e) => e.instances },
                      { label: 'URL', cell: (e) => (e.url ? (
                        <a href={e.url} target="_blank" rel="noreferrer">
                          {e.url.replace(/^https?:\/\//, '').replace(/\/$/, '')}
                        </a>
                      ) : (
                        '—'
                      )) },
                      { label: 'Last deploy', cell: (e) => (e.lastDeployAt ? (
                        <time dateTime={e.lastDeployAt} title={e.lastDeployAt}>
                          {timeAgo(e.lastDeployAt)}
                          {e.lastDeployBy ? ` by ${e.lastDeployBy}` : ''}
                        </time>
                      ) : (
                        'never'
                      )) },
                    ]} />
                )}
              </li>
            ))}
          </ul>
        )}
      </QueryItems>
    </div>
  );
}
