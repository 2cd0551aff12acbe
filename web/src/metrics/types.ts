/** Shapes of the metrics API (docs/metrics.md). Figures are keyed by their wire name; null = not measured. */

export type MetricsRange = '5m' | '1h' | '24h' | '7d';
export const RANGES: MetricsRange[] = ['5m', '1h', '24h', '7d'];

export type Figures = Record<string, number | null>;

export interface InstanceSeries {
  instance: string;
  processType: string | null;
  values: Record<string, (number | null)[]>;
}

/** GET …/metrics?range= : one regular time grid shared by the environment and its instances. */
export interface MetricsSeries {
  app: string;
  env: string;
  range: MetricsRange;
  step: number;
  from: string;
  to: string;
  epochSeconds: number[];
  environment: Record<string, (number | null)[]>;
  instances: InstanceSeries[];
  current: Figures;
  /** The newest sample of each running instance (all figures). */
  currentInstances?: LiveInstance[];
}

export type LiveInstance = { [figure: string]: number | string | null; instance: string; processType: string | null };

/** One message of the `metrics:<app>/<env>` channel. */
export interface LiveSample {
  time: string;
  step: number;
  environment: Figures;
  instances: LiveInstance[];
}

/** GET /api/v1/fleet items. */
export interface FleetEntry {
  app: string;
  env: string;
  health: 'healthy' | 'degraded' | 'unhealthy' | 'starting' | 'crash-loop' | 'stopped' | string;
  instances: number;
  unhealthy: number;
  restarts: number;
  cpuPercent: number | null;
  memoryBytes: number | null;
  requestsPerSecond: number | null;
  errorRate: number | null;
  latencyP95Ms: number | null;
}
