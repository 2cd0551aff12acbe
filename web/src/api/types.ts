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
