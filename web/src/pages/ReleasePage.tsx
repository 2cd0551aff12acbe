import { Link, useParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { api, envPath } from '../api/client';
import type { Page, Release } from '../api/types';
import { ApiError } from '../api/client';
import { Crumbs } from '../components/Layout';
import { ErrorState, Loading } from '../components/States';
import { timeAgo } from '../components/format';

export function ReleasePage() {
  const { app = '', env = '', version = '' } = useParams();
  const q = useQuery({
    queryKey: ['env', app, env, 'releases'],
    queryFn: () => api.get<Page<Release>>(`${envPath(app, env)}/releases`),
  });
  const r = q.data?.items.find((x) => String(x.version) === version);
  return (
    <div className="page">
      <Crumbs items={[{ label: 'Apps', to: '/' }, { label: app, to: `/apps/${app}` }, { label: env, to: `/apps/${app}/envs/${env}` }, { label: `v${version}` }]} />
      <h1>Release v{version}</h1>
      {q.isPending ? (
        <Loading />
      ) : q.isError ? (
        <ErrorState error={q.error} retry={() => void q.refetch()} />
      ) : !r ? (
        <ErrorState error={new ApiError(404, { detail: `${app}/${env} has no release v${version}.` })} />
      ) : (
        <dl className="facts card">
          <dt>Status</dt>
          <dd>{r.current ? 'current' : 'previous'}</dd>
          <dt>Description</dt>
          <dd>{r.description ?? '—'}</dd>
          <dt>Created</dt>
          <dd>
            {timeAgo(r.createdAt)} {r.createdBy ? `by ${r.createdBy}` : ''}
          </dd>
          <dt>Stack</dt>
          <dd>{r.stack ?? '—'}</dd>
          <dt>Processes</dt>
          <dd>{r.processes ? (Array.isArray(r.processes) ? r.processes.join(', ') : Object.keys(r.processes).join(', ')) : '—'}</dd>
          <dt>Deployment</dt>
          <dd>{r.deploymentId ? <Link to={`/apps/${app}/envs/${env}/deployments/${r.deploymentId}`}>{r.deploymentId}</Link> : '—'}</dd>
        </dl>
      )}
    </div>
  );
}
