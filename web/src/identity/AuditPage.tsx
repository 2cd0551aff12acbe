import { useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client';
import type { Page } from '../api/types';
import { DataTable } from '../components/DataTable';
import { QueryItems } from '../components/QueryItems';
import { notify } from '../stores/toasts';
import type { AuditEntry } from './types';

const FILTERS = ['user', 'app', 'action', 'since', 'until'] as const;
type Filters = Partial<Record<(typeof FILTERS)[number], string>>;

export function auditQuery(filters: Filters, extra: Record<string, string> = {}): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...filters, ...extra })) if (v) q.set(k, v);
  return q.toString();
}

/** Downloads every matching row in `format` through the API client (so the bearer token and refresh apply). */
async function download(filters: Filters, format: 'csv' | 'json') {
  const body = await api.request<unknown>('GET', `/api/v1/audit?${auditQuery(filters, { format })}`, undefined, format === 'csv' ? 'text/csv' : 'application/json');
  const text = typeof body === 'string' ? body : JSON.stringify(body, null, 2);
  const url = URL.createObjectURL(new Blob([text], { type: format === 'csv' ? 'text/csv' : 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = `coderunner-audit.${format}`;
  document.body.append(a);
  a.click();
  a.remove();
  URL.revokeObjectURL(url);
}

export function AuditPage() {
  const [filters, setFilters] = useState<Filters>({});
  // Cursors of the pages before the current one, so "Newer" can go back.
  const [cursors, setCursors] = useState<string[]>([]);
  const cursor = cursors.at(-1);
  const q = useQuery({
    queryKey: ['audit', filters, cursor],
    queryFn: () => api.get<Page<AuditEntry>>(`/api/v1/audit?${auditQuery(filters, { limit: '50', ...(cursor ? { cursor } : {}) })}`),
  });

  function apply(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const next: Filters = {};
    for (const k of FILTERS) {
      const v = String(f.get(k) ?? '').trim();
      if (v) next[k] = v;
    }
    setFilters(next);
    setCursors([]);
  }

  return (
    <div className="page">
      <div className="page-head">
        <h1>Audit log</h1>
      </div>
      <form className="inline-form" onSubmit={apply} aria-label="Filter the audit log">
        <label htmlFor="audit-user">User</label>
        <input id="audit-user" name="user" size={10} />
        <label htmlFor="audit-app">App</label>
        <input id="audit-app" name="app" size={10} />
        <label htmlFor="audit-action">Action</label>
        <input id="audit-action" name="action" size={14} placeholder="config.reveal" />
        <label htmlFor="audit-since">Since</label>
        <input id="audit-since" name="since" size={10} placeholder="24h" />
        <label htmlFor="audit-until">Until</label>
        <input id="audit-until" name="until" size={10} placeholder="2026-11-25T12:00:00Z" />
        <button type="submit" className="btn btn-primary">
          Filter
        </button>
        <button type="button" className="btn" onClick={() => void download(filters, 'csv').catch(notify.error)}>
          Export CSV
        </button>
        <button type="button" className="btn" onClick={() => void download(filters, 'json').catch(notify.error)}>
          Export JSON
        </button>
      </form>
      <QueryItems query={q} empty="Nothing in the audit log matches.">
        {(entries, page) => (
          <>
            <DataTable testId="audit" rows={entries} rowKey={(e) => e.id} columns={[
              { label: 'Time', cell: (e) => <time dateTime={e.time}>{new Date(e.time).toLocaleString()}</time> },
              { label: 'User', cell: (e) => e.actor },
              { label: 'Action', cell: (e) => e.action },
              { label: 'Target', cell: (e) => e.target },
              { label: 'From', cell: (e) => e.ip ?? '' },
            ]} />
            <div className="button-row">
              <button type="button" className="btn" disabled={cursors.length === 0} onClick={() => setCursors(cursors.slice(0, -1))}>
                Newer
              </button>
              <button type="button" className="btn" disabled={!page.nextCursor} onClick={() => setCursors([...cursors, page.nextCursor as string])}>
                Older
              </button>
            </div>
          </>
        )}
      </QueryItems>
    </div>
  );
}
