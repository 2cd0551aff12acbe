import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Crumbs } from '../components/Layout';
import { Empty, ErrorState, Loading } from '../components/States';
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
        {firing.isPending ? <Loading /> : firing.isError ? <ErrorState error={firing.error} retry={() => void firing.refetch()} /> : firing.data.items.length === 0 ? (
          <Empty title="Nothing is firing." />
        ) : (
          <table className="table" data-testid="firing-alerts">
            <thead>
              <tr>
                <th scope="col">Alert</th>
                <th scope="col">Severity</th>
                <th scope="col">Where</th>
                <th scope="col">Since</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {firing.data.items.map((a) => (
                <tr key={a.id} data-alert={a.id}>
                  <td data-label="Alert">
                    <strong>{a.ruleName}</strong>
                    <div className="muted">{a.summary}</div>
                  </td>
                  <td data-label="Severity"><SeverityBadge severity={a.severity} /></td>
                  <td data-label="Where"><Where a={a} /></td>
                  <td data-label="Since">{timeAgo(a.firedAt)}{a.silenced ? ' (silenced)' : ''}</td>
                  <td data-label="Actions">
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
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section aria-labelledby="history-title">
        <h2 id="history-title">History</h2>
        {history.isPending ? <Loading /> : history.isError ? <ErrorState error={history.error} retry={() => void history.refetch()} /> : history.data.items.length === 0 ? (
          <Empty title="No alerts yet." />
        ) : (
          <table className="table" data-testid="alert-history">
            <thead>
              <tr>
                <th scope="col">Alert</th>
                <th scope="col">Severity</th>
                <th scope="col">Where</th>
                <th scope="col">State</th>
                <th scope="col">Fired</th>
                <th scope="col">Resolved</th>
              </tr>
            </thead>
            <tbody>
              {history.data.items.map((a) => (
                <tr key={a.id}>
                  <td data-label="Alert">
                    {a.ruleName}
                    <div className="muted">{a.summary}</div>
                  </td>
                  <td data-label="Severity"><SeverityBadge severity={a.severity} /></td>
                  <td data-label="Where"><Where a={a} /></td>
                  <td data-label="State">
                    {a.state}
                    {a.acknowledgedBy ? ` · ack ${a.acknowledgedBy}` : ''}
                    {a.silenced ? ' · silenced' : ''}
                  </td>
                  <td data-label="Fired">{timeAgo(a.firedAt)}</td>
                  <td data-label="Resolved">{timeAgo(a.resolvedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
