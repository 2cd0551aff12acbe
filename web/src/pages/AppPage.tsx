import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, enc } from '../api/client';
import type { AppSummary } from '../api/types';
import { Crumbs } from '../components/Layout';
import { StatusBadge } from '../components/StatusBadge';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { DeployDropZone } from '../components/DeployDropZone';
import { Can } from '../identity/permissions';
import { AppMembers } from '../identity/AppMembers';
import { Empty, ErrorState, Loading } from '../components/States';
import { timeAgo } from '../components/format';
import { useChannels } from '../realtime/live';
import { notify } from '../stores/toasts';
import { appsKey } from './AppListPage';

export function AppPage() {
  const { app = '' } = useParams();
  const client = useQueryClient();
  const navigate = useNavigate();
  const [confirmDelete, setConfirmDelete] = useState(false);
  const q = useQuery({ queryKey: ['app', app], queryFn: () => api.get<AppSummary>(`/api/v1/apps/${enc(app)}`) });
  const envs = q.data?.environments ?? [];
  useChannels(
    ['apps', ...envs.flatMap((e) => [`deployments:${app}/${e.name}`, `instances:${app}/${e.name}`])],
    () => void client.invalidateQueries({ queryKey: ['app', app] }),
  );

  async function remove() {
    setConfirmDelete(false);
    try {
      await api.request('DELETE', `/api/v1/apps/${enc(app)}`);
      notify.ok(`App ${app} deleted.`);
      await client.invalidateQueries({ queryKey: appsKey });
      navigate('/');
    } catch (e) {
      notify.error(e);
    }
  }

  return (
    <div className="page">
      <Crumbs items={[{ label: 'Apps', to: '/' }, { label: app }]} />
      <div className="page-head">
        <h1>{app}</h1>
        {q.data && (
          <Can action="manage" app={app}>
            <button type="button" className="btn btn-danger" onClick={() => setConfirmDelete(true)}>
              Delete app
            </button>
          </Can>
        )}
      </div>
      {q.isPending ? (
        <Loading />
      ) : q.isError ? (
        <ErrorState error={q.error} retry={() => void q.refetch()} />
      ) : (
        <>
          <p className="muted">
            Created {timeAgo(q.data.createdAt)} by {q.data.createdBy}.
          </p>
          <h2>Environments</h2>
          {envs.length === 0 ? (
            <Empty title="No environments." />
          ) : (
            <ul className="env-cards">
              {envs.map((e) => (
                <li key={e.name} className="card">
                  <h3>
                    <Link to={`/apps/${app}/envs/${e.name}`}>{e.name}</Link>
                  </h3>
                  <StatusBadge status={e.status} />
                  <p>
                    {e.instances} instance{e.instances === 1 ? '' : 's'}
                    {e.currentRelease ? ` · v${e.currentRelease}` : ''}
                  </p>
                  {e.url && (
                    <p>
                      <a href={e.url} target="_blank" rel="noreferrer">
                        {e.url}
                      </a>
                    </p>
                  )}
                </li>
              ))}
            </ul>
          )}
          <Can action="deploy" app={app}>
            <DeployDropZone app={app} env={envs.find((e) => e.name === 'production') ? 'production' : (envs[0]?.name ?? 'production')} />
          </Can>
          <AppMembers app={app} />
        </>
      )}
      <ConfirmDialog
        open={confirmDelete}
        title={`Delete ${app}?`}
        confirmLabel="Delete app"
        danger
        onConfirm={() => void remove()}
        onCancel={() => setConfirmDelete(false)}
      >
        <p>This stops every instance and deletes all environments, releases and deployments of {app}. It cannot be undone.</p>
      </ConfirmDialog>
    </div>
  );
}
