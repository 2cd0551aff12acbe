/** Health and deployment-timeline logic shared by the environment and deployment pages (pure, tested). */
import type { Deployment, Instance, PhaseTime, Problem } from '../api/types';
import { TERMINAL_STATUSES } from '../api/types';

export type EnvHealth = 'healthy' | 'degraded' | 'unhealthy';

export interface EnvHealthSummary {
  health: EnvHealth;
  healthy: number;
  total: number;
}

/**
 * An environment's health from its web instances (draining/stopped ones left out): healthy when every
 * one is healthy, unhealthy when none is, degraded in between; null when it has no web instances.
 */
export function envHealth(instances: Instance[] | undefined): EnvHealthSummary | null {
  const web = (instances ?? []).filter((i) => (i.processType ?? 'web') === 'web' && i.state !== 'stopping' && i.state !== 'stopped');
  if (web.length === 0) return null;
  const healthy = web.filter((i) => i.state === 'healthy').length;
  const health: EnvHealth = healthy === web.length ? 'healthy' : healthy === 0 ? 'unhealthy' : 'degraded';
  return { health, healthy, total: web.length };
}

/** How an instance last ended, in words. */
export function lastExit(i: Pick<Instance, 'lastExitCode' | 'lastSignal'>): string | null {
  if (i.lastSignal != null) return `killed by signal ${i.lastSignal}`;
  if (i.lastExitCode != null) return `exited with code ${i.lastExitCode}`;
  return null;
}

export interface TimelineStep {
  phase: string;
  at: string;
  /** How long the phase lasted (to the next phase, or to now while it runs); null for the final one. */
  seconds: number | null;
  current: boolean;
}

/** The deployment's phases with their durations; the last phase of an unfinished deployment runs until `now`. */
export function phaseTimeline(phases: PhaseTime[] | undefined, status: string, now: number = Date.now()): TimelineStep[] {
  const list = phases ?? [];
  const finished = TERMINAL_STATUSES.includes(status);
  return list.map((p, i) => {
    const start = Date.parse(p.at);
    const next = list[i + 1];
    const last = i === list.length - 1;
    let seconds: number | null = null;
    if (next) seconds = Math.max(0, (Date.parse(next.at) - start) / 1000);
    else if (!finished) seconds = Math.max(0, (now - start) / 1000);
    return { phase: p.phase, at: p.at, seconds: Number.isNaN(seconds ?? 0) ? null : seconds, current: last && !finished };
  });
}

/** Total time from the first phase to the end (or to now). */
export function totalSeconds(d: Pick<Deployment, 'phases' | 'finishedAt' | 'createdAt'>, now: number = Date.now()): number | null {
  const first = d.phases?.[0]?.at ?? d.createdAt;
  const start = Date.parse(first);
  const end = d.finishedAt ? Date.parse(d.finishedAt) : now;
  if (Number.isNaN(start) || Number.isNaN(end)) return null;
  return Math.max(0, (end - start) / 1000);
}

export const isFinished = (status: string) => TERMINAL_STATUSES.includes(status);

/** Ended without succeeding: the reason deserves a prominent place. */
export const isBadEnd = (status: string) => status === 'failed' || status === 'rolled-back' || status === 'cancelled';

/** The queue: unfinished deployments, oldest first (the running one, then those waiting in order). */
export function queueOf(deployments: Deployment[] | undefined): Deployment[] {
  return (deployments ?? []).filter((d) => !isFinished(d.status)).sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt));
}

/** problem+json `errors[]` as field → messages; messages for unknown fields go under `''`. */
export function fieldErrors(problem: Problem | undefined, fields: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of problem?.errors ?? []) {
    const key = fields.includes(e.field) ? e.field : '';
    out[key] = out[key] ? `${out[key]}; ${e.message}` : e.message;
  }
  return out;
}
