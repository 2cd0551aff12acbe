/** Shapes of the alerts API (docs/alerts.md). */

export type Severity = 'info' | 'warning' | 'critical';

export interface Alert {
  id: string;
  app: string;
  env: string;
  rule: string;
  ruleName: string;
  builtin: boolean;
  severity: Severity | string;
  metric?: string | null;
  threshold?: number | null;
  value?: number | null;
  summary: string;
  state: 'firing' | 'resolved' | string;
  startedAt: string;
  firedAt: string;
  resolvedAt?: string | null;
  acknowledgedAt?: string | null;
  acknowledgedBy?: string | null;
  silenced: boolean;
  silencedUntil?: string | null;
  channels?: string[];
}

export interface RuleStatus {
  state: 'ok' | 'pending' | 'firing' | 'no-data' | 'disabled' | 'unknown' | string;
  value?: number | null;
  pendingSince?: string | null;
  evaluatedAt?: string | null;
  detail?: string | null;
}

export interface AlertRule {
  id: string;
  name: string;
  metric: string;
  comparison: string;
  threshold: number;
  for: string;
  resolveThreshold: number;
  severity: Severity | string;
  channels: string[];
  enabled: boolean;
  status: RuleStatus;
  silencedUntil?: string | null;
}

export interface BuiltinRule {
  kind: string;
  name: string;
  description: string;
  severity: string;
  enabled: boolean;
  firing: boolean;
}

export interface RulesResponse {
  items: AlertRule[];
  builtin: BuiltinRule[];
}

export interface NewRule {
  name: string;
  metric: string;
  comparison: string;
  threshold: number;
  for: string;
  resolveThreshold?: number;
  severity: string;
  channels: string[];
}

export interface AlertChannel {
  id: string;
  app?: string | null;
  global: boolean;
  name: string;
  type: string;
  target?: string | null;
}

export const METRICS = [
  'cpu_percent',
  'memory_bytes',
  'requests_per_second',
  'error_rate',
  'latency_p95_ms',
  'latency_p99_ms',
  'restarts',
  'instances_unhealthy',
] as const;
