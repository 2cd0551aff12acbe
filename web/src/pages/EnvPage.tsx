import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api, envPath } from '../api/client';
import type { Deployment, Environment, Instance, Page, Release } from '../api/types';
import { Crumbs } from '../components/Layout';
import { StatusBadge } from '../components/StatusBadge';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { DeployDropZone } from '../components/DeployDropZone';
import { Can, can, useProfile } from '../identity/permissions';
import { ErrorState, Loading } from '../components/States';
import { DataTable } from '../components/DataTable';
import { QueryItems } from '../components/QueryItems';
import { bytes, duration, timeAgo } from '../components/format';
import { EnvHealthBadge, InstanceHealth } from '../components/InstanceHealth';
import { CancelDeployment } from '../components/CancelDeployment';
import { DeploySettingsForm } from '../components/DeploySettingsForm';
import { AlertRulesPanel } from '../alerts/AlertRulesPanel';
import { isBadEnd, queueOf } from '../components/health';
import { useChannels } from '../realtime/live';
import type { ChannelMessage } from '../realtime/socket';
import { notify } from '../stores/toasts';
import { MetricsPanel } from './MetricsPanel';
import type { LiveInstance } from '../metrics/types';

/** CPU of an instance: from the instance itself when it says, else from the newest metrics sample. */
function cpuOf(i: Instance, usage: Record<string, LiveInstance>): string {
  const cpu = i.cpuPercent ?? numberOr(usage[i.id]?.cpu_percent);
  return cpu != null ? `${cpu.toFixed(0)}%` : '—';
}

function numberOr(v: unknown): number | null {
  return typeof v === 'number' ? v : null;
}

type Pending = { title: string; body: string; label: string; run: () => Promise<unknown>; done: string } | null;

/** Applies live events straight into the cached lists (no refetch for the common case). */
export function applyEnvEvent(client: QueryClient, app: string, env: string, m: ChannelMessage): void {
  const keys = envKeys(app, env);
  if (m.type === 'gap') {
    void client.invalidateQueries({ queryKey: ['env', app, env] });
    return;
  }
  if (m.kind === 'instance' && m.data && typeof m.data === 'object') {
    const inst = m.data as Instance;
    client.setQueryData<Page<Instance>>(keys.instances, (old) => upsert(old, inst, (i) => i.id === inst.id, inst.state === 'stopped'));
  }
  if (m.kind === 'deployment' && m.data && typeof m.data === 'object') {
    const dep = m.data as Deployment;
    client.setQueryData<Page<Deployment>>(keys.deployments, (old) => upsert(old, dep, (d) => d.id === dep.id, false, true));
    void client.invalidateQueries({ queryKey: keys.releases });
  }
  void client.invalidateQueries({ queryKey: keys.env });
}

function upsert<T>(old: Page<T> | undefined, item: T, same: (t: T) => boolean, remove: boolean, prepend = false): Page<T> | undefined {
  if (!old) return old;
  const rest = old.items.filter((t) => !same(t));
  const found = rest.length !== old.items.length;
  if (remove) return { ...old, items: rest };
  if (found) return { ...old, items: old.items.map((t) => (same(t) ? item : t)) };
  return { ...old, items: prepend ? [item, ...old.items] : [...old.items, item] };
}

export function envKeys(app: string, env: string) {
  return {
    env: ['env', app, env, 'summary'],
    instances: ['env', app, env, 'instances'],
    releases: ['env', app, env, 'releases'],
    deployments: ['env', app, env, 'deployments'],
  };
}

export function EnvPage() {
  const { app = '', env = '' } = useParams();
  const base = envPath(app, env);
  const keys = envKeys(app, env);
  const client = useQueryClient();
  const profile = useProfile();
  const navigate = useNavigate();
  const [pending, setPending] = useState<Pending>(null);
  const [busy, setBusy] = useState(false);
  const [usage, setUsage] = useState<Record<string, LiveInstance>>({});

  const summary = useQuery({ queryKey: keys.env, queryFn: () => api.get<Environment>(base) });
  const instances = useQuery({ queryKey: keys.instances, queryFn: () => api.get<Page<Instance>>(`${base}/instances`) });
  const releases = useQuery({ queryKey: keys.releases, queryFn: () => api.get<Page<Release>>(`${base}/releases`) });
  const deployments = useQuery({ queryKey: keys.deployments, queryFn: () => api.get<Page<Deployment>>(`${base}/deployments?limit=50`) });

  useChannels([`deployments:${app}/${env}`, `instances:${app}/${env}`], (m) => applyEnvEvent(client, app, env, m));

  async function run(action: () => Promise<unknown>, done: string) {
    setBusy(true);
    try {
      const result = await action();
      notify.ok(done);
      await client.invalidateQueries({ queryKey: ['env', app, env] });
      const dep = result as Deployment | undefined;
      if (dep && typeof dep === 'object' && 'id' in dep && String(dep.id).length > 0 && 'status' in dep) {
        navigate(`/apps/${app}/envs/${env}/deployments/${dep.id}`);
      }
    } catch (e) {
      notify.error(e);
    } finally {
      setBusy(false);
    }
  }

  const queue = queueOf(deployments.data?.items);
  const confirmThen = (p: NonNullable<Pending>) => setPending(p);
  const webCount = summary.data?.formation?.web ?? instances.data?.items.filter((i) => (i.processType ?? 'web') === 'web').length ?? 0;

  function scale(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const n = Number(new FormData(e.currentTarget).get('web'));
    const go = () => api.put(`${base}/scale`, { web: n });
    if (n < webCount) {
      confirmThen({ title: `Scale ${env} down to ${n}?`, body: `${webCount - n} web instance(s) will be stopped.`, label: 'Scale down', run: go, done: `Scaled web to ${n}.` });
    } else {
      void run(go, `Scaled web to ${n}.`);
    }
  }

  return (
    <div className="page">
      <Crumbs items={[{ label: 'Apps', to: '/' }, { label: app, to: `/apps/${app}` }, { label: env }]} />
      <div className="page-head">
        <h1>
          {app} <span className="muted">/ {env}</span>
        </h1>
        {summary.data && <StatusBadge status={summary.data.status} />}
        {instances.data && (
          <span className="health-rollup">
            <span className="muted">Health:</span> <EnvHealthBadge instances={instances.data.items} />
          </span>
        )}
        <Link className="btn btn-small" to={`/apps/${app}/envs/${env}/logs`} data-testid="env-logs-link">Logs</Link>
      </div>
      {summary.isPending ? (
        <Loading />
      ) : summary.isError ? (
        <ErrorState error={summary.error} retry={() => void summary.refetch()} />
      ) : (
        <>
          <p className="env-meta">
            {summary.data.url && (
              <a href={summary.data.url} target="_blank" rel="noreferrer" data-testid="env-url">
                {summary.data.url}
              </a>
            )}
            {summary.data.currentRelease ? <span> · release v{summary.data.currentRelease}</span> : <span> · not deployed yet</span>}
            {' · '}<Link to={`/apps/${app}/envs/${env}/config`} data-testid="config-link">Config vars and secrets</Link>
          </p>
          <Can action="operate" app={app}>
          <section className="card controls" aria-labelledby="controls-title">
            <h2 id="controls-title">Controls</h2>
            <div className="button-row">
              <button type="button" className="btn" disabled={busy} onClick={() => void run(() => api.post(`${base}/actions/start`), `Started ${env}.`)}>
                Start
              </button>
              <button type="button" className="btn" disabled={busy}
                onClick={() => confirmThen({ title: `Restart ${app}/${env}?`, body: 'Every instance is replaced, one at a time.', label: 'Restart', run: () => api.post(`${base}/actions/restart`), done: `Restarted ${env}.` })}>
                Restart
              </button>
              <button type="button" className="btn btn-danger" disabled={busy}
                onClick={() => confirmThen({ title: `Stop ${app}/${env}?`, body: 'All instances stop and the app stops answering requests until you start it again.', label: 'Stop', run: () => api.post(`${base}/actions/stop`), done: `Stopped ${env}.` })}>
                Stop
              </button>
            </div>
            <form className="inline-form" onSubmit={scale} aria-label="Scale">
              <label htmlFor="scale-web">Web instances</label>
              <input id="scale-web" name="web" type="number" min={0} max={100} required defaultValue={webCount} key={webCount} />
              <button type="submit" className="btn btn-primary" disabled={busy}>
                Scale
              </button>
            </form>
          </section>
          </Can>
        </>
      )}

      <section aria-labelledby="instances-title">
        <h2 id="instances-title">Instances</h2>
        <QueryItems query={instances} empty="No instances running.">
          {(list) => (
            <DataTable testId="instances" rows={list} rowKey={(i) => i.id} columns={[
              { label: 'Instance', cell: (i) => <>{i.id}{i.release ? <span className="muted"> v{i.release}</span> : null}</> },
              { label: 'State', cell: (i) => <InstanceHealth instance={i} /> },
              { label: 'PID / port', cell: (i) => <>{i.pid ?? '—'} / {i.port ?? '—'}</> },
              { label: 'Restarts', cell: (i) => i.restarts ?? 0 },
              { label: 'Uptime', cell: (i) => duration(i.uptimeSeconds) },
              { label: 'CPU / memory', cell: (i) => <>{cpuOf(i, usage)} / {bytes(i.memoryBytes ?? numberOr(usage[i.id]?.memory_bytes))}</> },
            ]} />
          )}
        </QueryItems>
      </section>

      <MetricsPanel app={app} env={env} onInstances={(list) => setUsage(Object.fromEntries(list.map((u) => [u.instance, u])))} />

      {queue.length > 0 && (
        <section aria-labelledby="queue-title">
          <h2 id="queue-title">Deploy queue</h2>
          <ol className="queue" data-testid="queue">
            {queue.map((d, n) => (
              <li key={d.id} className="card queue-item">
                <span className="queue-pos">{d.status === 'queued' ? `Waiting #${n + 1 - queue.filter((x) => x.status !== 'queued').length}` : 'Running'}</span>
                <Link to={`/apps/${app}/envs/${env}/deployments/${d.id}`}>{d.kind ?? 'deploy'} {d.id}</Link>
                <StatusBadge status={d.status} />
                <span className="muted">{timeAgo(d.createdAt)}{d.createdBy ? ` by ${d.createdBy}` : ''}</span>
                <CancelDeployment deployment={d} small />
              </li>
            ))}
          </ol>
        </section>
      )}

      <Can action="deploy" app={app}>
        <DeployDropZone app={app} env={env} />
      </Can>

      <Can action="configure" app={app}>
        <DeploySettingsForm app={app} env={env} />
      </Can>
      <AlertRulesPanel app={app} env={env} />

      <section aria-labelledby="releases-title">
        <h2 id="releases-title">Releases</h2>
        <QueryItems query={releases} empty="No releases yet.">
          {(list) => (
            <DataTable testId="releases" rows={list} rowKey={(r) => r.version} columns={[
              { label: 'Version', cell: (r) => (
                <>
                  <Link to={`/apps/${app}/envs/${env}/releases/${r.version}`}>v{r.version}</Link>
                  {r.current && <span className="badge badge-ok">current</span>}
                </>
              ) },
              { label: 'Description', cell: (r) => r.description ?? '' },
              { label: 'Created', cell: (r) => <>{timeAgo(r.createdAt)}{r.createdBy ? ` by ${r.createdBy}` : ''}</> },
              { label: 'Actions', hideLabel: true, cell: (r) => !r.current && can(profile, 'operate', app) && (
                <button type="button" className="btn btn-small" disabled={busy}
                  onClick={() => confirmThen({ title: `Roll back to v${r.version}?`, body: `${app}/${env} will run release v${r.version} again, with the config it had then.`, label: `Roll back to v${r.version}`, run: () => api.post(`${base}/rollback`, { release: r.version }), done: `Rolling back to v${r.version}.` })}>
                  Roll back
                </button>
              ) },
            ]} />
          )}
        </QueryItems>
      </section>

      <section aria-labelledby="deployments-title">
        <h2 id="deployments-title">Deployments</h2>
        <QueryItems query={deployments} empty="No deployments yet.">
          {(list) => (
            <DataTable testId="deployments" rows={list} rowKey={(d) => d.id} columns={[
              { label: 'Deployment', cell: (d) => <Link to={`/apps/${app}/envs/${env}/deployments/${d.id}`}>{d.kind ?? 'deploy'} {d.id}</Link> },
              { label: 'Status', cell: (d) => (
                <div className="health">
                  <StatusBadge status={d.status} />
                  {d.reason && isBadEnd(d.status) && <p className="health-reason" data-testid="deployment-row-reason">{d.reason}</p>}
                </div>
              ) },
              { label: 'Release', cell: (d) => (d.release ? `v${d.release}` : '—') },
              { label: 'Strategy', cell: (d) => d.strategy ?? 'default' },
              { label: 'Started', cell: (d) => <>{timeAgo(d.createdAt)}{d.createdBy ? ` by ${d.createdBy}` : ''}</> },
              { label: 'Actions', hideLabel: true, cell: (d) => <CancelDeployment deployment={d} small /> },
            ]} />
          )}
        </QueryItems>
      </section>

      <ConfirmDialog
        open={pending !== null}
        title={pending?.title ?? ''}
        confirmLabel={pending?.label ?? 'OK'}
        danger
        onCancel={() => setPending(null)}
        onConfirm={() => {
          const p = pending;
          setPending(null);
          if (p) void run(p.run, p.done);
        }}
      >
        <p>{pending?.body}</p>
      </ConfirmDialog>
    </div>
  );
}
