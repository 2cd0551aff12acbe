/** Shapes of the CodeRunner REST API (DESIGN.md §4), as the dashboard uses them. */

export type EnvStatus = 'running' | 'deploying' | 'crashed' | 'stopped' | string;

export interface EnvironmentSummary {
  name: string;
  status: EnvStatus;
  instances: number;
  url?: string | null;
  currentRelease?: number | null;
  lastDeployAt?: string | null;
  lastDeployBy?: string | null;
}

export interface AppSummary {
  name: string;
  createdAt: string;
  createdBy: string;
  environments: EnvironmentSummary[];
}

export interface Page<T> {
  items: T[];
  nextCursor?: string | null;
}

export interface Instance {
  id: string;
  processType?: string;
  state: string;
  port?: number | null;
  pid?: number | null;
  restarts?: number;
  startedAt?: string | null;
  release?: number | null;
  uptimeSeconds?: number | null;
  cpuPercent?: number | null;
  memoryBytes?: number | null;
  /** Why it last failed ("GET /healthz answered 500", "exited with code 7"). */
  reason?: string | null;
  lastExitCode?: number | null;
  lastSignal?: number | null;
  crashLoop?: boolean;
  /** State changes, newest last (up to 20). */
  history?: HealthTransition[];
}

export interface HealthTransition {
  time: string;
  from?: string | null;
  to: string;
  reason?: string | null;
}

export interface Environment {
  app: string;
  name: string;
  url?: string | null;
  status: EnvStatus;
  currentRelease?: number | null;
  desiredState?: string;
  formation?: Record<string, number>;
  instances?: Instance[];
}

export type DeploymentStatus =
  | 'queued' | 'building' | 'awaiting-approval' | 'starting' | 'health-checking' | 'switching'
  | 'succeeded' | 'failed' | 'rolled-back' | 'cancelled';

export interface Deployment {
  id: string;
  app: string;
  env: string;
  kind?: string;
  status: DeploymentStatus | string;
  release?: number | null;
  sourceRelease?: number | null;
  reason?: string | null;
  createdAt: string;
  updatedAt?: string;
  finishedAt?: string | null;
  createdBy?: string;
  /** rolling | blue-green; null = the environment's default. */
  strategy?: DeployStrategy | null;
  /** When each phase began, in order. */
  phases?: PhaseTime[];
}

export interface PhaseTime {
  phase: string;
  at: string;
}

export type DeployStrategy = 'rolling' | 'blue-green';

export interface DeploySettings {
  strategy: DeployStrategy;
  maxSurge: number;
  maxUnavailable: number;
  keepWarmSeconds: number;
  readyTimeoutSeconds: number;
}

/** A `notifications` event: an automatic rollback. */
export interface RolledBackEvent {
  app: string;
  env: string;
  deployment: string;
  release?: number;
  restored?: number;
  reason?: string;
}

export interface Release {
  version: number;
  description?: string;
  createdAt: string;
  createdBy?: string;
  deploymentId?: string | null;
  current?: boolean;
  stack?: string;
  processes?: Record<string, unknown> | string[];
}

export interface Profile {
  id: string;
  username: string;
  role: string;
}

export interface TokenResponse {
  accessToken: string;
  tokenType: string;
  expiresIn: number;
}

export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  errors?: { field: string; message: string }[];
}

export const TERMINAL_STATUSES = ['succeeded', 'failed', 'rolled-back', 'cancelled'];
export const PHASES: DeploymentStatus[] = ['queued', 'building', 'awaiting-approval', 'starting', 'health-checking', 'switching', 'succeeded'];
