import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { api, envPath } from '../api/client';
import type { Instance, Page } from '../api/types';
import { Crumbs } from '../components/Layout';
import { ErrorState } from '../components/States';
import { LogControls } from '../components/logs/LogControls';
import { LogList } from '../components/logs/LogList';
import { MAX_ENTRIES } from '../components/logs/buffer';
import { searchPattern } from '../components/logs/highlight';
import { LEVELS, type Level, type LogFilter } from '../components/logs/model';
import { LogSession } from '../components/logs/session';
import { realtime } from '../realtime/live';
import { notify } from '../stores/toasts';
import '../components/logs/logs.css';

/** The filter in the page's URL (`?level=warn&instance=web.1&process=web&q=…&regex=1`), so views can be shared. */
export function filterFromParams(p: URLSearchParams): LogFilter {
  const level = p.get('level') as Level | null;
  return {
    level: level && (LEVELS as readonly string[]).includes(level) ? level : undefined,
    instance: p.get('instance') || undefined,
    process: p.get('process') || undefined,
    q: p.get('q') || undefined,
    regex: p.get('regex') === '1' || undefined,
  };
}

export function filterToParams(f: LogFilter): Record<string, string> {
  const out: Record<string, string> = {};
  if (f.level) out.level = f.level;
  if (f.instance) out.instance = f.instance;
  if (f.process) out.process = f.process;
  if (f.q) out.q = f.q;
  if (f.q && f.regex) out.regex = '1';
  return out;
}

/** The log viewer of one environment: `/apps/:app/envs/:env/logs`. */
export function LogsPage() {
  const { app = '', env = '' } = useParams();
  const base = envPath(app, env);
  const [params] = useSearchParams();
  const [session, setSession] = useState<LogSession | null>(null);

  useEffect(() => {
    const s = new LogSession(api, realtime, base, `logs:${app}/${env}`);
    setSession(s);
    void s.start(filterFromParams(params));
    return () => s.stop();
    // The URL's filter only seeds a new session; later changes go through the session.
  }, [base, app, env]);

  return (
    <div className="page page-wide">
      <Crumbs items={[{ label: 'Apps', to: '/' }, { label: app, to: `/apps/${app}` }, { label: env, to: `/apps/${app}/envs/${env}` }, { label: 'Logs' }]} />
      <div className="page-head">
        <h1>
          Logs <span className="muted">{app} / {env}</span>
        </h1>
      </div>
      {session && <LogViewer key={`${app}/${env}`} session={session} app={app} env={env} />}
    </div>
  );
}

function LogViewer({ session, app, env }: { session: LogSession; app: string; env: string }) {
  const state = useSyncExternalStore(session.subscribe, session.getState);
  const [, setParams] = useSearchParams();
  const [downloading, setDownloading] = useState(false);
  const [format, setFormat] = useState<'text' | 'ndjson'>('text');
  const base = envPath(app, env);
  const instances = useQuery({ queryKey: ['env', app, env, 'instances'], queryFn: () => api.get<Page<Instance>>(`${base}/instances`) });
  const pattern = useMemo(() => searchPattern(state.filter.q, state.filter.regex), [state.filter]);

  const { instanceIds, processTypes } = useMemo(() => {
    const ids = new Set<string>(['deploy']);
    const types = new Set<string>();
    for (const i of instances.data?.items ?? []) {
      ids.add(i.id);
      if (i.processType) types.add(i.processType);
    }
    if (state.filter.instance) ids.add(state.filter.instance);
    if (state.filter.process) types.add(state.filter.process);
    return { instanceIds: [...ids].sort(), processTypes: [...types].sort() };
  }, [instances.data, state.filter.instance, state.filter.process]);

  function filter(f: LogFilter) {
    setParams(filterToParams(f), { replace: true });
    void session.setFilter(f);
  }

  async function download() {
    setDownloading(true);
    try {
      const { body, count, complete } = await session.download(format);
      const blob = new Blob([body], { type: format === 'ndjson' ? 'application/x-ndjson' : 'text/plain' });
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = `${app}-${env}-logs.${format === 'ndjson' ? 'ndjson' : 'log'}`;
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      notify.ok(`Downloaded ${count.toLocaleString()} lines${complete ? '' : ' (the first ones: the download limit was reached)'}.`);
    } catch (e) {
      notify.error(e);
    } finally {
      setDownloading(false);
    }
  }

  const rows = session.buffer.rows;
  const entries = session.buffer.size;
  const live = state.mode === 'live';
  return (
    <>
      <LogControls filter={state.filter} tail={state.tail} instances={instanceIds} processTypes={processTypes} busy={state.loading}
        onFilter={filter} onTail={(n) => void session.setTail(n)} onJump={(t) => void session.jumpTo(t)} />
      <div className="log-status" role="status" data-testid="log-status">
        <span>
          {entries.toLocaleString()} line{entries === 1 ? '' : 's'}
          {entries >= MAX_ENTRIES ? ' (the most the viewer keeps: older ones are dropped)' : ''}
          {state.loading ? ' · loading…' : ''}
          {' · '}
          {!live ? `around ${new Date(state.around ?? '').toLocaleString()}` : state.following ? 'following' : 'paused'}
          {state.unseen > 0 ? ` · ${state.unseen.toLocaleString()} new` : ''}
        </span>
        <span className="button-row">
          {live && state.following ? (
            <button type="button" className="btn btn-small" onClick={() => session.pause()}>Pause</button>
          ) : (
            <button type="button" className="btn btn-small btn-primary" onClick={() => void session.resume()}>
              {live ? 'Resume' : 'Back to live'}{state.unseen > 0 ? ` (${state.unseen.toLocaleString()} new)` : ''}
            </button>
          )}
          <label className="check">
            <span className="visually-hidden">Download format</span>
            <select value={format} onChange={(e) => setFormat(e.target.value as 'text' | 'ndjson')}>
              <option value="text">text</option>
              <option value="ndjson">NDJSON</option>
            </select>
          </label>
          <button type="button" className="btn btn-small" disabled={downloading || entries === 0} onClick={() => void download()}>
            {downloading ? 'Downloading…' : 'Download'}
          </button>
        </span>
      </div>
      {state.error && <ErrorState error={new Error(state.error)} retry={() => void session.retry()} />}
      {state.older && (
        <button type="button" className="link-btn log-more" disabled={state.loading || session.buffer.full} onClick={() => void session.loadOlder()}>
          {session.buffer.full ? `Older lines not loaded (the viewer keeps ${MAX_ENTRIES.toLocaleString()})` : 'Load older lines'}
        </button>
      )}
      <LogList rows={rows} version={state.version} following={live && state.following} focus={state.focus} pattern={pattern}
        onScrollUp={() => session.pause()} onLoadGap={(after) => void session.loadGap(after)} />
      {!live && state.newer && (
        <button type="button" className="link-btn log-more" disabled={state.loading} onClick={() => void session.loadNewer()}>Load newer lines</button>
      )}
      {!state.loading && entries === 0 && !state.error && <p className="muted">No log lines{state.filter.q || state.filter.level || state.filter.instance || state.filter.process ? ' match these filters' : ' yet'}.</p>}
      <p className="help"><Link to={`/apps/${app}/envs/${env}`}>Back to {env}</Link></p>
    </>
  );
}
