import { useEffect, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, enc } from '../api/client';
import { PHASES, TERMINAL_STATUSES, type Deployment } from '../api/types';
import { Crumbs } from '../components/Layout';
import { StatusBadge } from '../components/StatusBadge';
import { ErrorState, Loading } from '../components/States';
import { timeAgo } from '../components/format';
import { isBadEnd } from '../components/health';
import { PhaseTimeline } from '../components/PhaseTimeline';
import { CancelDeployment } from '../components/CancelDeployment';
import { useChannels } from '../realtime/live';

/** Which phases are done, current or failed, for the phase strip. */
export function phaseSteps(status: string, reached: string[] = []): { phase: string; state: 'done' | 'current' | 'todo' | 'failed' }[] {
  const failed = status === 'failed' || status === 'rolled-back' || status === 'cancelled';
  const idx = PHASES.indexOf(status as (typeof PHASES)[number]);
  return PHASES.filter((p) => p !== 'awaiting-approval' || status === 'awaiting-approval').map((phase) => {
    const i = PHASES.indexOf(phase);
    if (status === 'succeeded') return { phase, state: 'done' as const };
    // A bad end takes the place of "succeeded", under its own name.
    if (failed) return phase === 'succeeded' ? { phase: status, state: 'failed' as const } : { phase, state: reached.includes(phase) ? ('done' as const) : ('todo' as const) };
    return { phase, state: i < idx ? ('done' as const) : i === idx ? ('current' as const) : ('todo' as const) };
  });
}

const END_TITLE: Record<string, string> = {
  'rolled-back': 'Rolled back automatically',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

export function DeploymentPage() {
  const { app = '', env = '', id = '' } = useParams();
  const client = useQueryClient();
  const key = ['deployment', id];
  const q = useQuery({ queryKey: key, queryFn: () => api.get<Deployment>(`/api/v1/deployments/${enc(id)}`) });
  const [lines, setLines] = useState<string[] | null>(null);
  const [follow, setFollow] = useState(true);
  const logRef = useRef<HTMLPreElement>(null);
  const finished = q.data ? TERMINAL_STATUSES.includes(q.data.status) : false;

  // A running deployment's log comes from the WebSocket, which replays its buffer first; a finished one
  // (or one whose buffer no longer reaches the start: a gap) is read in full over REST.
  const [needFullLog, setNeedFullLog] = useState(false);
  const log = useQuery({
    queryKey: ['deployment-log', id],
    queryFn: () => api.request<string>('GET', `/api/v1/deployments/${enc(id)}/log`, undefined, 'text/plain'),
    enabled: q.isSuccess && (finished || needFullLog),
  });
  useEffect(() => {
    if (log.data !== undefined) setLines(log.data === '' ? [] : log.data.replace(/\n$/, '').split('\n'));
  }, [log.data]);
  useEffect(() => {
    if (q.isSuccess && !finished && !needFullLog) setLines((old) => old ?? []);
  }, [q.isSuccess, finished, needFullLog]);

  useChannels(q.isSuccess && !finished ? [`deployment:${id}`] : [], (m) => {
    if (m.type === 'gap') {
      setNeedFullLog(true);
      void log.refetch();
      return;
    }
    if (m.kind === 'log') {
      const line = String((m.data as { line?: string })?.line ?? '');
      setLines((old) => [...(old ?? []), line]);
    } else if (m.kind === 'phase' || m.kind === 'deployment') {
      const data = m.data as Partial<Deployment> & { status?: string; phase?: string };
      const status = data.status ?? data.phase;
      client.setQueryData<Deployment>(key, (old) => (old && status ? { ...old, ...data, status } : old));
      void client.invalidateQueries({ queryKey: key });
    }
  });

  useEffect(() => {
    if (follow && logRef.current) logRef.current.scrollTop = logRef.current.scrollHeight;
  }, [lines, follow]);

  return (
    <div className="page">
      <Crumbs items={[{ label: 'Apps', to: '/' }, { label: app, to: `/apps/${app}` }, { label: env, to: `/apps/${app}/envs/${env}` }, { label: id }]} />
      <div className="page-head">
        <h1>Deployment {id}</h1>
        {q.data && <StatusBadge status={q.data.status} />}
        {q.data && <CancelDeployment deployment={q.data} />}
      </div>
      {q.isPending ? (
        <Loading />
      ) : q.isError ? (
        <ErrorState error={q.error} retry={() => void q.refetch()} />
      ) : (
        <>
          <ol className="phases" aria-label="Deployment phases">
            {phaseSteps(q.data.status, q.data.phases?.map((p) => p.phase)).map((s) => (
              <li key={s.phase} className={`phase phase-${s.state}`} aria-current={s.state === 'current' ? 'step' : undefined}>
                {s.phase}
                <span className="visually-hidden"> ({s.state})</span>
              </li>
            ))}
          </ol>
          {isBadEnd(q.data.status) && (
            <div className={`callout callout-${q.data.status === 'cancelled' ? 'idle' : 'bad'}`} data-testid="deployment-reason">
              <h2>{END_TITLE[q.data.status] ?? q.data.status}</h2>
              <p>{q.data.reason ?? 'No reason was recorded.'}</p>
            </div>
          )}
          <p className="muted">
            {q.data.kind ?? 'deploy'} started {timeAgo(q.data.createdAt)}
            {q.data.createdBy ? ` by ${q.data.createdBy}` : ''}
            {q.data.release ? ` · release v${q.data.release}` : ''}
            {` · strategy: ${q.data.strategy ?? 'environment default'}`}
            {q.data.release ? (
              <>
                {' '}
                (<Link to={`/apps/${app}/envs/${env}/releases/${q.data.release}`}>view</Link>)
              </>
            ) : null}
          </p>
          {q.data.reason && !isBadEnd(q.data.status) && <p className="muted">{q.data.reason}</p>}
          <PhaseTimeline deployment={q.data} />
          <div className="log-head">
            <h2 id="log-title">Build log</h2>
            <label className="check">
              <input type="checkbox" checked={follow} onChange={(e) => setFollow(e.target.checked)} /> Follow
            </label>
          </div>
          {lines === null ? (
            log.isError ? <ErrorState error={log.error} retry={() => void log.refetch()} /> : <Loading label="Loading log…" />
          ) : (
            <pre ref={logRef} className="log" data-testid="build-log" tabIndex={0} aria-labelledby="log-title" aria-live={finished ? 'off' : 'polite'}>
              {lines.length === 0 ? 'No output yet.' : lines.join('\n')}
            </pre>
          )}
        </>
      )}
    </div>
  );
}
