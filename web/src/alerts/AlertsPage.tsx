import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Crumbs } from '../components/Layout';
import { DataTable } from '../components/DataTable';
import { QueryItems } from '../components/QueryItems';
import { timeAgo } from '../components/format';
import { notify } from '../stores/toasts';
import { alertKeys, alertsApi } from './api';
import { useUnread } from './unread';
import type { Alert } from './types';

function SeverityBadge({ severity }: { severity: string }) {
  const tone = severity === 'critical' ? 'bad' : severity === 'warning' ? 'busy' : 'ok';
  return (
    <span className={`badge badge-${tone}`}>
      <span className="badge-dot" aria-hidden="true" />
      {severity}
    </span>
  );
}

function Where({ a }: { a: Alert }) {
  return (
    <Link to={`/apps/${encodeURIComponent(a.app)}/envs/${encodeURIComponent(a.env)}`}>
      {a.app}/{a.env}
    </Link>
  );
}

/** Firing alerts with acknowledge and silence, and the history of every alert, newest first. */
export function AlertsPage() {
  const client = useQueryClient();
  const markSeen = useUnread((s) => s.markSeen);
  useEffect(() => markSeen(), [markSeen]);
  const firing = useQuery({ queryKey: alertKeys.list('firing'), queryFn: () => alertsApi.list('firing', 200) });
  const history = useQuery({ queryKey: alertKeys.list('all'), queryFn: () => alertsApi.list(undefined, 100) });
  const [busy, setBusy] = useState<string | null>(null);

  async function act(id: string, run: () => Promise<unknown>, done: string) {
    setBusy(id);
    try {
      await run();
      notify.ok(done);
      await client.invalidateQueries({ queryKey: alertKeys.all });
    } catch (e) {
      notify.error(e);
    } finally {
      setBusy(null);
    }
  }

  return (
    <div className="page">
      <Crumbs items={[{ label: 'Apps', to: '/' }, { label: 'Alerts' }]} />
      <div className="page-head">
        <h1>Alerts</h1>
      </div>

      <section aria-labelledby="firing-title">
        <h2 id="firing-title">Firing</h2>
        <QueryItems query={firing} empty="Nothing is firing.">
          {(alerts) => (
            <DataTable testId="firing-alerts" rows={alerts} rowKey={(a) => a.id} rowData={(a) => ({ 'data-alert': a.id })} columns={[
              { label: 'Alert', cell: (a) => (
                <>
                  <strong>{a.ruleName}</strong>
                  <div className="muted">{a.summary}</div>
                </>
              ) },
              { label: 'Severity', cell: (a) => <SeverityBadge severity={a.severity} /> },
              { label: 'Where', cell: (a) => <Where a={a} /> },
              { label: 'Since', cell: (a) => <>{timeAgo(a.firedAt)}{a.silenced ? ' (silenced)' : ''}</> },
              { label: 'Actions', cell: (a) => (
                <div className="button-row">
                  {a.acknowledgedBy ? (
                    <span className="muted">Acknowledged by {a.acknowledgedBy}</span>
                  ) : (
                    <button type="button" className="btn btn-small" disabled={busy === a.id}
                      aria-label={`Acknowledge ${a.ruleName} on ${a.app}/${a.env}`}
                      onClick={() => void act(a.id, () => alertsApi.ack(a.id), `Acknowledged ${a.ruleName}.`)}>
                      Acknowledge
                    </button>
                  )}
                  <button type="button" className="btn btn-small btn-quiet" disabled={busy === a.id}
                    aria-label={`Silence ${a.ruleName} on ${a.app}/${a.env} for 1 hour`}
                    onClick={() => void act(a.id, () => alertsApi.silence(a.id, '1h'), `Silenced ${a.ruleName} on ${a.app}/${a.env} for 1 hour.`)}>
                    Silence 1h
                  </button>
                </div>
              ) },
            ]} />
          )}
        </QueryItems>
      </section>

      <section aria-labelledby="history-title">
        <h2 id="history-title">History</h2>
        <QueryItems query={history} empty="No alerts yet.">
          {(alerts) => (
            <DataTable testId="alert-history" rows={alerts} rowKey={(a) => a.id} columns={[
              { label: 'Alert', cell: (a) => (
                <>
                  {a.ruleName}
                  <div className="muted">{a.summary}</div>
                </>
              ) },
              { label: 'Severity', cell: (a) => <SeverityBadge severity={a.severity} /> },
              { label: 'Where', cell: (a) => <Where a={a} /> },
              { label: 'State', cell: (a) => (
                <>
                  {a.state}
                  {a.acknowledgedBy ? ` · ack ${a.acknowledgedBy}` : ''}
                  {a.silenced ? ' · silenced' : ''}
                </>
              ) },
              { label: 'Fired', cell: (a) => timeAgo(a.firedAt) },
              { label: 'Resolved', cell: (a) => timeAgo(a.resolvedAt) },
            ]} />
          )}
        </QueryItems>
      </section>
    </div>
  );
}
