import { useId, useState, type FormEvent } from 'react';
import { useInfiniteQuery, type InfiniteData } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api, envPath } from '../../api/client';
import { DataTable } from '../DataTable';
import { QueryItems } from '../QueryItems';
import { ErrorState, Loading } from '../States';
import { timeAgo } from '../format';
import { ChangeList } from './ChangeList';
import { configKeys } from './keys';
import type { ConfigChange, ConfigDiff, ConfigHistoryEntry } from './types';

const CURRENT = 'current';
const SIGN = { added: '+', changed: '~', removed: '−' } as const;

type HistoryPage = { items: ConfigHistoryEntry[]; nextCursor?: string | null };

/** The releases of every page loaded so far, newest first. */
const entriesOf = (data: InfiniteData<HistoryPage>) => data.pages.flatMap((p) => p.items);

/** The environment's releases with who changed which names, and a diff between any two of them (server-side, masked). */
export function ConfigHistory({ app, env }: { app: string; env: string }) {
  const base = `${envPath(app, env)}/config`;
  const id = useId();
  const history = useInfiniteQuery({
    queryKey: configKeys(app, env).history,
    queryFn: ({ pageParam }) =>
      api.get<HistoryPage>(`${base}/history?limit=20${pageParam ? `&cursor=${pageParam}` : ''}`),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [diff, setDiff] = useState<{ diff?: ConfigDiff; error?: unknown; busy: boolean } | null>(null);

  const entries = history.data ? entriesOf(history.data) : [];
  const fromValue = from || String(entries[1]?.version ?? entries[0]?.version ?? '');
  const toValue = to || String(entries[0]?.version ?? CURRENT);

  async function compare(a: string, b: string) {
    setDiff({ busy: true });
    try {
      const query = `from=${encodeURIComponent(a)}${b === CURRENT ? '' : `&to=${encodeURIComponent(b)}`}`;
      setDiff({ busy: false, diff: await api.get<ConfigDiff>(`${base}/diff?${query}`) });
    } catch (error) {
      setDiff({ busy: false, error });
    }
  }

  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    void compare(fromValue, toValue);
  }

  return (
    <section className="card" aria-labelledby="config-history-title">
      <h2 id="config-history-title">History</h2>
      <QueryItems query={history} select={entriesOf} loading="Loading the history…" empty="No releases yet."
        emptyDetail={<p>Config changes made before the first deploy apply to that deploy.</p>}>
        {(entries) => (
          <>
            <DataTable testId="config-history" caption="Releases and the config names each one changed" rows={entries} rowKey={(e) => e.version}
              rowData={(e) => ({ 'data-testid': `config-history-v${e.version}` })} columns={[
                { label: 'Release', cell: (e) => (
                  <>
                    <Link to={`/apps/${app}/envs/${env}/releases/${e.version}`}>v{e.version}</Link>
                    {e.current && <span className="badge badge-ok">current</span>}
                  </>
                ) },
                { label: 'When', cell: (e) => <time dateTime={e.createdAt} title={e.createdAt}>{timeAgo(e.createdAt)}</time> },
                { label: 'Who', cell: (e) => e.createdBy ?? '—' },
                { label: 'Config changes', cell: (e) => (
                  <div className="config-history-changes">
                    <Names changes={e.changes} />
                    {e.description && <span className="help config-description">{e.description}</span>}
                  </div>
                ) },
                { label: 'Actions', hideLabel: true, cell: (e, i) => entries[i + 1] && (
                  <button type="button" className="btn btn-small" onClick={() => {
                    const older = String(entries[i + 1]!.version);
                    setFrom(older);
                    setTo(String(e.version));
                    void compare(older, String(e.version));
                  }}>
                    Diff with v{entries[i + 1]!.version}
                  </button>
                ) },
              ]} />
            {history.hasNextPage && (
              <button type="button" className="btn" disabled={history.isFetchingNextPage} onClick={() => void history.fetchNextPage()}>
                {history.isFetchingNextPage ? 'Loading…' : 'Older releases'}
              </button>
            )}

            <form className="inline-form config-compare" onSubmit={submit} aria-labelledby={`${id}-title`}>
              <h3 id={`${id}-title`}>Compare two releases</h3>
              <label htmlFor={`${id}-from`}>From</label>
              <select id={`${id}-from`} value={fromValue} onChange={(e) => setFrom(e.target.value)}>
                {entries.map((e) => <option key={e.version} value={e.version}>v{e.version}</option>)}
              </select>
              <label htmlFor={`${id}-to`}>To</label>
              <select id={`${id}-to`} value={toValue} onChange={(e) => setTo(e.target.value)}>
                <option value={CURRENT}>current config</option>
                {entries.map((e) => <option key={e.version} value={e.version}>v{e.version}</option>)}
              </select>
              <button type="submit" className="btn btn-primary" disabled={diff?.busy}>Show diff</button>
            </form>
            <div aria-live="polite">
              {diff?.busy && <Loading label="Comparing…" />}
              {diff?.error !== undefined && <ErrorState error={diff.error} />}
              {diff?.diff && (
                <>
                  <h3 data-testid="config-diff-title">{diff.diff.from} → {diff.diff.to}</h3>
                  <ChangeList changes={diff.diff.changes} caption={`Config differences from ${diff.diff.from} to ${diff.diff.to}`} testId="config-diff" />
                </>
              )}
            </div>
          </>
        )}
      </QueryItems>
    </section>
  );
}

/** The names a release changed, each with its kind of change in words for screen readers. */
function Names({ changes }: { changes: ConfigChange[] }) {
  if (changes.length === 0) return <span className="muted">no config change</span>;
  return (
    <ul className="config-names">
      {changes.map((c) => (
        <li key={c.name} className={`config-name-${c.change}`}>
          <span aria-hidden="true">{SIGN[c.change]}</span>
          <code>{c.name}</code>
          <span className="visually-hidden"> {c.change}</span>
        </li>
      ))}
    </ul>
  );
}
