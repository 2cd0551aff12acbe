import { useEffect, useRef, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, envPath } from '../api/client';
import { DataTable } from '../components/DataTable';
import { ErrorState, Loading } from '../components/States';
import { LineChart, type ChartSeries } from '../components/LineChart';
import { duration } from '../components/format';
import { formats } from '../metrics/chart';
import { appendSample } from '../metrics/series';
import { RANGES, type LiveInstance, type LiveSample, type MetricsRange, type MetricsSeries } from '../metrics/types';
import { useChannels } from '../realtime/live';
import '../metrics/metrics.css';

export const metricsKey = (app: string, env: string, range: MetricsRange) => ['metrics', app, env, range] as const;

/** The figures the charts draw; the per-instance table uses the newest sample, which has all of them. */
export const CHART_FIGURES = ['cpu_percent', 'memory_bytes', 'requests_per_second', 'status_2xx_per_second', 'status_4xx_per_second',
  'status_5xx_per_second', 'latency_p50_ms', 'latency_p95_ms', 'latency_p99_ms'];

const RANGE_LABEL: Record<MetricsRange, string> = { '5m': '5 min', '1h': '1 hour', '24h': '24 hours', '7d': '7 days' };

/** The charts a panel shows, built from the API's series: per-instance lines where the figure is per instance. */
export function chartsOf(data: MetricsSeries) {
  const perInstance = (figure: string): ChartSeries[] =>
    data.instances.length > 0
      ? data.instances.map((i) => ({ label: i.instance, values: i.values[figure] ?? [] }))
      : [{ label: 'mean', values: data.environment[figure] ?? [] }];
  const env = (figure: string, label: string): ChartSeries => ({ label, values: data.environment[figure] ?? [] });
  return [
    { id: 'cpu', title: 'CPU (% of one core)', series: perInstance('cpu_percent'), format: formats.percent },
    { id: 'memory', title: 'Memory (resident)', series: perInstance('memory_bytes'), format: formats.bytes },
    { id: 'requests', title: 'Requests per second', series: [env('requests_per_second', 'all'), env('status_2xx_per_second', '2xx')], format: formats.rate },
    { id: 'latency', title: 'Latency', series: [env('latency_p50_ms', 'p50'), env('latency_p95_ms', 'p95'), env('latency_p99_ms', 'p99')], format: formats.ms },
    { id: 'errors', title: 'Errors per second', series: [env('status_5xx_per_second', '5xx'), env('status_4xx_per_second', '4xx')], format: formats.rate },
  ];
}

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <li>
      <span className="figure-label">{label}</span>
      <span className="figure-value">{value}</span>
    </li>
  );
}

const show = (v: number | null | undefined, f: (v: number) => string) => (v == null ? '—' : f(v));

/** Live charts of one environment with a range picker and a per-instance breakdown. */
export function MetricsPanel({ app, env, onInstances }: { app: string; env: string; onInstances?: (instances: LiveInstance[]) => void }) {
  const [range, setRange] = useState<MetricsRange>('1h');
  const client = useQueryClient();
  const key = metricsKey(app, env, range);
  const q = useQuery({
    queryKey: key,
    queryFn: () => api.get<MetricsSeries>(`${envPath(app, env)}/metrics?range=${range}&figures=${CHART_FIGURES.join(',')}`),
    // 5 m and 1 h are kept live by the channel; roll-ups only change once a minute.
    refetchInterval: range === '24h' || range === '7d' ? 60_000 : false,
  });

  useChannels([`metrics:${app}/${env}`], (m) => {
    if (m.type === 'gap') {
      void client.invalidateQueries({ queryKey: ['metrics', app, env] });
    } else if (m.kind === 'sample' && m.data && typeof m.data === 'object') {
      client.setQueryData<MetricsSeries>(key, (old) => appendSample(old, m.data as LiveSample));
    }
  });

  const data = q.data;
  const c = data?.current ?? {};
  const newest = data?.currentInstances;
  // A ref, so a new callback on every parent render does not re-run the effect (and loop).
  const report = useRef(onInstances);
  report.current = onInstances;
  useEffect(() => {
    if (newest) report.current?.(newest);
  }, [newest]);
  return (
    <section className="metrics" aria-labelledby="metrics-title" data-testid="metrics-panel">
      <div className="metrics-head">
        <h2 id="metrics-title">Metrics</h2>
        <div className="range-picker" role="group" aria-label="Time range">
          {RANGES.map((r) => (
            <button key={r} type="button" className="btn btn-small" aria-pressed={r === range} onClick={() => setRange(r)}
              aria-label={`Show the last ${RANGE_LABEL[r]}`}>
              {r}
            </button>
          ))}
        </div>
      </div>
      {q.isPending ? (
        <Loading label="Loading metrics…" />
      ) : q.isError ? (
        <ErrorState error={q.error} retry={() => void q.refetch()} />
      ) : data ? (
        <>
          <ul className="figures" aria-label="Current figures">
            <Figure label="CPU per instance" value={show(c.cpu_percent, formats.percent)} />
            <Figure label="Memory per instance" value={show(c.memory_bytes, formats.bytes)} />
            <Figure label="Requests" value={show(c.requests_per_second, formats.rate)} />
            <Figure label="Error rate (5xx)" value={show(c.error_rate, formats.ratio)} />
            <Figure label="Latency p95" value={show(c.latency_p95_ms, formats.ms)} />
            <Figure label="Instances" value={c.instances == null ? '—' : `${c.instances}${c.instances_unhealthy ? ` (${c.instances_unhealthy} unhealthy)` : ''}`} />
          </ul>
          <div className="charts">
            {chartsOf(data).map((chart) => (
              <LineChart key={chart.id} testId={`chart-${chart.id}`} title={chart.title} times={data.epochSeconds} series={chart.series} format={chart.format} />
            ))}
          </div>
          <InstanceBreakdown data={data} />
        </>
      ) : null}
    </section>
  );
}

function InstanceBreakdown({ data }: { data: MetricsSeries }) {
  const rows = data.currentInstances ?? [];
  if (rows.length === 0) return null;
  const last = (i: LiveInstance, figure: string) => {
    const v = i[figure];
    return typeof v === 'number' ? v : null;
  };
  return (
    <DataTable testId="instance-metrics" caption="Latest figures per instance" rows={rows} rowKey={(i) => i.instance} columns={[
      { label: 'Instance', cell: (i) => i.instance },
      { label: 'CPU', className: 'num', cell: (i) => show(last(i, 'cpu_percent'), formats.percent) },
      { label: 'Memory', className: 'num', cell: (i) => show(last(i, 'memory_bytes'), formats.bytes) },
      { label: 'Threads', className: 'num', cell: (i) => show(last(i, 'threads'), formats.count) },
      { label: 'Open files', className: 'num', cell: (i) => show(last(i, 'open_files'), formats.count) },
      { label: 'Restarts', className: 'num', cell: (i) => show(last(i, 'restarts'), formats.count) },
      { label: 'Uptime', className: 'num', cell: (i) => duration(last(i, 'uptime_seconds')) },
    ]} />
  );
}
