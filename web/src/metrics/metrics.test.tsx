import { describe, expect, it } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { formats, indexAt, latest, linePath, niceTicks, timeLabel, type Box } from './chart';
import { appendSample, sortFleet } from './series';
import type { FleetEntry, LiveSample, MetricsSeries } from './types';
import { LineChart } from '../components/LineChart';
import { chartsOf } from '../pages/MetricsPanel';
import { FleetPage } from '../pages/FleetPage';
import { api } from '../api/client';
import { vi } from 'vitest';

const box: Box = { width: 110, height: 60, left: 10, right: 0, top: 0, bottom: 10 };

function series(times: number[], over: Partial<MetricsSeries> = {}): MetricsSeries {
  const n = times.length;
  return {
    app: 'shop', env: 'production', range: '5m', step: 5, from: '', to: '', epochSeconds: times,
    environment: { requests_per_second: new Array(n).fill(null), cpu_percent: new Array(n).fill(null) },
    instances: [{ instance: 'web.1', processType: 'web', values: { cpu_percent: new Array(n).fill(null), memory_bytes: new Array(n).fill(null) } }],
    current: {},
    ...over,
  };
}

function sample(time: number, rps: number, cpu: number, instance = 'web.1'): LiveSample {
  return {
    time: new Date(time * 1000).toISOString(), step: 5,
    environment: { requests_per_second: rps, cpu_percent: cpu },
    instances: [{ instance, processType: 'web', cpu_percent: cpu, memory_bytes: 1000 }],
  };
}

describe('chart helpers', () => {
  it('picks round ticks that cover the maximum', () => {
    expect(niceTicks(90)).toEqual([0, 25, 50, 75, 100]);
    expect(niceTicks(3.2)).toEqual([0, 1, 2, 3, 4]);
    expect(niceTicks(0)).toEqual([0, 1]);
    expect(niceTicks(120e6).at(-1)).toBeGreaterThanOrEqual(120e6);
  });

  it('draws a line through values, breaks it at gaps and marks a lone point as a dot', () => {
    expect(linePath([0, 50, 100], box, 100)).toBe('M10.0 50.0 L60.0 25.0 L110.0 0.0');
    expect(linePath([0, null, 100], box, 100)).toBe('M10.0 50.0 h0.01 M110.0 0.0 h0.01');
    expect(linePath([null, null], box, 100)).toBe('');
  });

  it('maps a pointer position to the nearest slot, and finds the latest value', () => {
    expect(indexAt(10, box, 3)).toBe(0);
    expect(indexAt(64, box, 3)).toBe(1);
    expect(indexAt(500, box, 3)).toBe(2);
    expect(latest([1, 2, null])).toBe(2);
    expect(latest([null])).toBeNull();
  });

  it('formats figures for people', () => {
    expect(formats.percent(49.6)).toBe('50%');
    expect(formats.percent(4.25)).toBe('4.3%');
    expect(formats.bytes(104857600)).toBe('100 MB');
    expect(formats.rate(0.5)).toBe('0.50/s');
    expect(formats.ms(1500)).toBe('1.50 s');
    expect(formats.ratio(0.25)).toBe('25.0%');
    expect(timeLabel(0, 300)).toMatch(/^\d\d:\d\d:\d\d$/);
    expect(timeLabel(0, 7 * 86400)).toMatch(/^\d+\/\d+ \d\d:\d\d$/);
  });
});

describe('live samples', () => {
  it('fills the newest slot and moves the grid forward, dropping the oldest', () => {
    const data = series([100, 105, 110]);
    const next = appendSample(data, sample(115, 7, 40))!;
    expect(next.epochSeconds).toEqual([105, 110, 115]);
    expect(next.environment.requests_per_second).toEqual([null, null, 7]);
    expect(next.instances[0]!.values.cpu_percent).toEqual([null, null, 40]);
    expect(next.current.requests_per_second).toBe(7);
    expect(next.currentInstances?.[0]?.memory_bytes).toBe(1000);

    const later = appendSample(next, sample(130, 3, 20))!;
    expect(later.epochSeconds).toEqual([120, 125, 130]);
    expect(later.environment.requests_per_second).toEqual([null, null, 3]);
  });

  it('adds an instance it has not seen and ignores samples of another resolution or from before the grid', () => {
    const data = series([100, 105, 110]);
    const next = appendSample(data, sample(110, 1, 10, 'web.2'))!;
    expect(next.instances.map((i) => i.instance)).toEqual(['web.1', 'web.2']);
    expect(next.instances[1]!.values.cpu_percent).toEqual([null, null, 10]);
    expect(appendSample(data, { ...sample(115, 1, 1), step: 60 })).toBe(data);
    expect(appendSample(data, sample(50, 1, 1))).toBe(data);
  });

  it('keeps a figure that a new instance\'s first sample left out (CPU comes a sample after memory)', () => {
    const empty = series([100, 105, 110], { instances: [] });
    const first: LiveSample = { ...sample(115, 1, 0), instances: [{ instance: 'web.1', processType: 'web', memory_bytes: 1000 }] };
    const next = appendSample(appendSample(empty, first)!, sample(120, 1, 25))!;
    expect(next.instances[0]!.values.cpu_percent).toEqual([null, null, 25]);
    expect(next.instances[0]!.values.memory_bytes).toEqual([null, 1000, 1000]);
  });
});

describe('LineChart', () => {
  it('renders one line per series, a legend with the latest values and a description', () => {
    render(<LineChart title="CPU" times={[100, 105, 110]} format={formats.percent}
      series={[{ label: 'web.1', values: [10, 20, 30] }, { label: 'web.2', values: [5, null, 15] }]} testId="chart-cpu" />);
    const figure = screen.getByTestId('chart-cpu');
    expect(figure.querySelectorAll('path.chart-line')).toHaveLength(2);
    expect(figure.getAttribute('data-points')).toBe('5');
    expect(screen.getByRole('img', { name: 'CPU' })).toBeTruthy();
    expect(figure.querySelector('.chart-legend')?.textContent).toBe('web.1: 30%web.2: 15%');
    expect(figure.querySelector('desc')?.textContent).toBe('Latest: web.1 30%, web.2 15%');
  });

  it('says so when the range has no data', () => {
    render(<LineChart title="Latency" times={[1, 2]} format={formats.ms} series={[{ label: 'p95', values: [null, null] }]} />);
    expect(screen.getByText('No data in this range yet')).toBeTruthy();
  });
});

describe('metrics panel charts', () => {
  it('breaks CPU and memory down per instance and shows the environment figures for traffic', () => {
    const charts = chartsOf(series([1, 2]));
    expect(charts.map((c) => c.id)).toEqual(['cpu', 'memory', 'requests', 'latency', 'errors']);
    expect(charts[0]!.series.map((s) => s.label)).toEqual(['web.1']);
    expect(charts[3]!.series.map((s) => s.label)).toEqual(['p50', 'p95', 'p99']);
    expect(chartsOf(series([1], { instances: [] }))[0]!.series[0]!.label).toBe('mean');
  });
});

const fleet: FleetEntry[] = [
  { app: 'b', env: 'production', health: 'healthy', instances: 2, unhealthy: 0, restarts: 0, cpuPercent: 80, memoryBytes: 1, requestsPerSecond: 5, errorRate: 0, latencyP95Ms: 10 },
  { app: 'a', env: 'production', health: 'degraded', instances: 3, unhealthy: 1, restarts: 4, cpuPercent: 10, memoryBytes: 2, requestsPerSecond: null, errorRate: 0.5, latencyP95Ms: null },
  { app: 'c', env: 'staging', health: 'crash-loop', instances: 1, unhealthy: 1, restarts: 9, cpuPercent: null, memoryBytes: null, requestsPerSecond: null, errorRate: null, latencyP95Ms: null },
];

describe('fleet', () => {
  it('sorts worst health first, by figures either way, with missing figures last', () => {
    expect(sortFleet(fleet, 'health', false).map((e) => e.app)).toEqual(['c', 'a', 'b']);
    expect(sortFleet(fleet, 'cpuPercent', true).map((e) => e.app)).toEqual(['b', 'a', 'c']);
    expect(sortFleet(fleet, 'cpuPercent', false).map((e) => e.app)).toEqual(['a', 'b', 'c']);
    expect(sortFleet(fleet, 'name', false).map((e) => e.app)).toEqual(['a', 'b', 'c']);
  });

  it('lists every environment and re-sorts when a column header is pressed', async () => {
    vi.spyOn(api, 'get').mockResolvedValue({ items: fleet });
    render(
      <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
        <MemoryRouter>
          <FleetPage />
        </MemoryRouter>
      </QueryClientProvider>,
    );
    const rows = await screen.findAllByTestId('fleet-row');
    expect(rows.map((r) => r.textContent?.slice(0, 1))).toEqual(['c', 'a', 'b']);
    fireEvent.click(screen.getByRole('button', { name: /Restarts/ }));
    expect(screen.getAllByTestId('fleet-row').map((r) => r.textContent?.slice(0, 1))).toEqual(['c', 'a', 'b']);
    expect(screen.getByRole('columnheader', { name: /Restarts/ }).getAttribute('aria-sort')).toBe('descending');
    fireEvent.click(screen.getByRole('button', { name: /Restarts/ }));
    expect(screen.getAllByTestId('fleet-row').map((r) => r.textContent?.slice(0, 1))).toEqual(['b', 'a', 'c']);
  });
});
