import type { FleetEntry, LiveSample, MetricsSeries } from './types';

/**
 * Applies one live sample to chart data of the same resolution: the grid moves forward to the
 * sample's slot (slots in between stay empty) and the oldest slots drop off, so the chart keeps its
 * range. Samples of another resolution, or older than the grid, leave the data as it is.
 */
export function appendSample(data: MetricsSeries | undefined, sample: LiveSample): MetricsSeries | undefined {
  if (!data || sample.step !== data.step || data.epochSeconds.length === 0) return data;
  const t = Math.round(Date.parse(sample.time) / 1000);
  const times = data.epochSeconds;
  const n = times.length;
  const first = times[0] ?? 0;
  const last = times[n - 1] ?? 0;
  if (!Number.isFinite(t) || t < first || (t - first) % data.step !== 0) return data;
  const shift = t > last ? Math.min(n, (t - last) / data.step) : 0;
  const index = t > last ? n - 1 : (t - first) / data.step;
  const move = (values: (number | null)[]) => {
    const out = shift === 0 ? values.slice() : values.slice(shift).concat(new Array<number | null>(shift).fill(null));
    return out.length === n ? out : out.slice(-n);
  };
  const epochSeconds = shift === 0 ? times.slice() : times.map((x) => x + shift * data.step);
  const environment: MetricsSeries['environment'] = {};
  for (const [name, values] of Object.entries(data.environment)) {
    const moved = move(values);
    moved[index] = sample.environment[name] ?? null;
    environment[name] = moved;
  }
  const instances = data.instances.map((i) => ({ ...i, values: Object.fromEntries(Object.entries(i.values).map(([k, v]) => [k, move(v)])) }));
  for (const live of sample.instances) {
    let target = instances.find((i) => i.instance === live.instance);
    if (!target) {
      target = { instance: live.instance, processType: live.processType, values: {} };
      instances.push(target);
    }
    // The server leaves out figures it has no value for (CPU needs two samples): a figure the
    // grid has not seen yet gets an empty series, so its first value is not dropped.
    const figures = new Set([...Object.keys(instances[0]?.values ?? {}), ...Object.keys(target.values),
      ...Object.keys(live).filter((k) => k !== 'instance' && k !== 'processType')]);
    for (const name of figures) {
      const values = (target.values[name] ??= new Array<number | null>(n).fill(null));
      const v = live[name];
      values[index] = typeof v === 'number' ? v : null;
    }
  }
  const newest = shift > 0 || index === n - 1;
  return {
    ...data, epochSeconds, environment, instances,
    current: newest ? sample.environment : data.current,
    currentInstances: newest ? sample.instances : data.currentInstances,
  };
}

export type FleetSortKey = 'name' | 'health' | 'instances' | 'cpuPercent' | 'memoryBytes' | 'requestsPerSecond' | 'errorRate' | 'latencyP95Ms' | 'restarts';

/** Worst first: what needs attention sorts to the top when sorting by health. */
export const HEALTH_RANK: Record<string, number> = { 'crash-loop': 0, unhealthy: 1, degraded: 2, starting: 3, healthy: 4, stopped: 5 };

/** Sorts fleet lines by a column; missing figures always go last, ties fall back to app/env name. */
export function sortFleet(entries: FleetEntry[], key: FleetSortKey, descending: boolean): FleetEntry[] {
  const name = (e: FleetEntry) => `${e.app}/${e.env}`;
  const value = (e: FleetEntry): number | string | null => {
    if (key === 'name') return name(e);
    if (key === 'health') return HEALTH_RANK[e.health] ?? 6;
    return e[key];
  };
  return [...entries].sort((a, b) => {
    const va = value(a);
    const vb = value(b);
    if (va == null && vb == null) return name(a).localeCompare(name(b));
    if (va == null) return 1;
    if (vb == null) return -1;
    const c = typeof va === 'string' ? va.localeCompare(String(vb)) : va - (vb as number);
    if (c === 0) return name(a).localeCompare(name(b));
    return descending ? -c : c;
  });
}
