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
  /** Absent means on; an edit sends the rule's own value so that saving does not switch it back on. */
  enabled?: boolean;
}

/** A channel as the API shows it: where it points, masked (a URL's host, never a key or secret), and its delivery counts. */
export interface AlertChannel {
  id: string;
  app?: string | null;
  global: boolean;
  name: string;
  type: ChannelType | string;
  target?: string | null;
  sent?: number;
  failed?: number;
  lastError?: string | null;
  lastErrorAt?: string | null;
  createdAt?: string;
  createdBy?: string | null;
}

export const CHANNEL_TYPES = ['webhook', 'slack', 'pagerduty', 'email'] as const;
export type ChannelType = (typeof CHANNEL_TYPES)[number];

/** The body of `POST …/alerts/channels`: each type has its own fields (docs/alerts.md, Channels). */
export type NewChannel =
  | { name: string; type: 'webhook'; url: string; secret?: string }
  | { name: string; type: 'slack'; url: string }
  | { name: string; type: 'pagerduty'; routingKey: string; url?: string }
  | { name: string; type: 'email'; to: string[] };

/** The answer to a new channel: a webhook's generated signing secret is in it, this once. */
export interface CreatedChannel extends AlertChannel {
  secret?: string | null;
}

/** `POST /alerts/channels/{id}/test`: whether the receiver took the sample notification. */
export interface ChannelTest {
  delivered: boolean;
  error?: string | null;
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
