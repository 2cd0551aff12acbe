import type { Instance } from '../api/types';
import { StatusBadge } from './StatusBadge';
import { envHealth, lastExit } from './health';

/** An instance's state badge, a crash-loop badge, and a disclosure with its health history. */
export function InstanceHealth({ instance: i }: { instance: Instance }) {
  const history = i.history ?? [];
  const exit = lastExit(i);
  return (
    <div className="health">
      <div className="health-badges">
        <StatusBadge status={i.state} />
        {i.crashLoop && (
          <span className="badge badge-bad" data-testid="crash-loop">
            <span className="badge-dot" aria-hidden="true" />
            crash loop
          </span>
        )}
      </div>
      {i.reason && <p className="health-reason">{i.reason}</p>}
      <details className="health-details">
        <summary>
          History<span className="visually-hidden"> of {i.id}</span>
        </summary>
        <dl className="facts">
          <dt>Restarts</dt>
          <dd>{i.restarts ?? 0}</dd>
          <dt>Last exit</dt>
          <dd>{exit ?? '—'}</dd>
          {i.reason && (
            <>
              <dt>Last failure</dt>
              <dd>{i.reason}</dd>
            </>
          )}
        </dl>
        {history.length === 0 ? (
          <p className="muted">No state changes recorded.</p>
        ) : (
          <ol className="history" aria-label={`State changes of ${i.id}, newest first`}>
            {[...history].reverse().map((h, n) => (
              <li key={`${h.time}-${n}`}>
                <time dateTime={h.time}>{formatTime(h.time)}</time>{' '}
                <span>
                  {h.from ?? '—'} → <strong>{h.to}</strong>
                </span>
                {h.reason && <span className="muted"> · {h.reason}</span>}
              </li>
            ))}
          </ol>
        )}
      </details>
    </div>
  );
}

/** healthy / degraded / unhealthy for the environment, from its web instances; nothing when there are none. */
export function EnvHealthBadge({ instances }: { instances: Instance[] | undefined }) {
  const h = envHealth(instances);
  if (!h) return null;
  const t = h.health === 'healthy' ? 'ok' : h.health === 'degraded' ? 'busy' : 'bad';
  return (
    <span className={`badge badge-${t} badge-static`} data-testid="env-health" title={`${h.healthy} of ${h.total} web instances healthy`}>
      <span className="badge-dot" aria-hidden="true" />
      {h.health}
      <span className="visually-hidden"> ({h.healthy} of {h.total} web instances healthy)</span>
    </span>
  );
}

export function formatTime(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'medium' });
}
