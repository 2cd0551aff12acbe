import { useState } from 'react';
import { Link } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client';
import { Crumbs } from '../components/Layout';
import { QueryItems } from '../components/QueryItems';
import { formats } from '../metrics/chart';
import { sortFleet, type FleetSortKey } from '../metrics/series';
import type { FleetEntry } from '../metrics/types';
import '../metrics/metrics.css';

const HEALTH_TONE: Record<string, string> = {
  healthy: 'ok', starting: 'busy', degraded: 'busy', unhealthy: 'bad', 'crash-loop': 'bad', stopped: 'idle',
};

function HealthBadge({ health }: { health: string }) {
  return (
    <span className={`badge badge-${HEALTH_TONE[health] ?? 'idle'}`}>
      <span className="badge-dot" aria-hidden="true" />
      {health}
    </span>
  );
}

const COLUMNS: { key: FleetSortKey; label: string; numeric?: boolean; firstDescending?: boolean }[] = [
  { key: 'name', label: 'App / environment' },
  { key: 'health', label: 'Health' },
  { key: 'instances', label: 'Instances', numeric: true, firstDescending: true },
  { key: 'cpuPercent', label: 'CPU / instance', numeric: true, firstDescending: true },
  { key: 'memoryBytes', label: 'Memory / instance', numeric: true, firstDescending: true },
  { key: 'requestsPerSecond', label: 'Requests', numeric: true, firstDescending: true },
  { key: 'errorRate', label: 'Errors (5xx)', numeric: true, firstDescending: true },
  { key: 'latencyP95Ms', label: 'p95 latency', numeric: true, firstDescending: true },
  { key: 'restarts', label: 'Restarts', numeric: true, firstDescending: true },
];

const show = (v: number | null, f: (v: number) => string) => (v == null ? '—' : f(v));

/** Every app environment with its health and key figures, worst first, sortable by any column. */
export function FleetPage() {
  const [sort, setSort] = useState<{ key: FleetSortKey; descending: boolean }>({ key: 'health', descending: false });
  const q = useQuery({
    queryKey: ['fleet'],
    queryFn: () => api.get<{ items: FleetEntry[] }>('/api/v1/fleet'),
    refetchInterval: 10_000,
  });

  function sortBy(key: FleetSortKey) {
    const column = COLUMNS.find((c) => c.key === key);
    setSort((s) => (s.key === key ? { key, descending: !s.descending } : { key, descending: column?.firstDescending ?? false }));
  }

  return (
    <div className="page">
      <Crumbs items={[{ label: 'Apps', to: '/' }, { label: 'Fleet' }]} />
      <div className="page-head">
        <h1>Fleet</h1>
        <span className="muted">Every app environment, worst first. Figures are the latest 5 s sample.</span>
      </div>
      <QueryItems query={q} empty="No apps yet.">
        {(fleet) => (
          <table className="table" data-testid="fleet">
            <thead>
              <tr>
                {COLUMNS.map((c) => (
                  <th key={c.key} scope="col" className={c.numeric ? 'num' : undefined}
                    aria-sort={sort.key === c.key ? (sort.descending ? 'descending' : 'ascending') : 'none'}>
                    <button type="button" className="sort-btn" onClick={() => sortBy(c.key)}>
                      {c.label}
                      {sort.key === c.key && <span aria-hidden="true">{sort.descending ? ' ▼' : ' ▲'}</span>}
                    </button>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {sortFleet(fleet, sort.key, sort.descending).map((e) => (
                <tr key={`${e.app}/${e.env}`} data-testid="fleet-row">
                  <td data-label="App / environment"><Link to={`/apps/${e.app}/envs/${e.env}`}>{e.app} <span className="muted">/ {e.env}</span></Link></td>
                  <td data-label="Health"><HealthBadge health={e.health} /></td>
                  <td data-label="Instances" className="num">{e.instances}{e.unhealthy > 0 ? ` (${e.unhealthy} unhealthy)` : ''}</td>
                  <td data-label="CPU / instance" className="num">{show(e.cpuPercent, formats.percent)}</td>
                  <td data-label="Memory / instance" className="num">{show(e.memoryBytes, formats.bytes)}</td>
                  <td data-label="Requests" className="num">{show(e.requestsPerSecond, formats.rate)}</td>
                  <td data-label="Errors (5xx)" className="num">{show(e.errorRate, formats.ratio)}</td>
                  <td data-label="p95 latency" className="num">{show(e.latencyP95Ms, formats.ms)}</td>
                  <td data-label="Restarts" className="num">{e.restarts}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </QueryItems>
    </div>
  );
}
