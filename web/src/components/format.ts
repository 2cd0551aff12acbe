/** Small display helpers shared by pages. */

export function timeAgo(iso: string | null | undefined, now: number = Date.now()): string {
  if (!iso) return '—';
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return '—';
  const s = Math.max(0, Math.round((now - t) / 1000));
  if (s < 45) return 'just now';
  if (s < 3600) return `${Math.round(s / 60)} min ago`;
  if (s < 86400) return `${Math.round(s / 3600)} h ago`;
  return `${Math.round(s / 86400)} d ago`;
}

export function duration(seconds: number | null | undefined): string {
  if (seconds == null) return '—';
  const s = Math.floor(seconds);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m ${s % 60}s`;
  if (s < 86400) return `${Math.floor(s / 3600)}h ${Math.floor((s % 3600) / 60)}m`;
  return `${Math.floor(s / 86400)}d ${Math.floor((s % 86400) / 3600)}h`;
}

export function bytes(n: number | null | undefined): string {
  if (n == null) return '—';
  const units = ['B', 'KB', 'MB', 'GB'];
  let v = n;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(v < 10 && i > 0 ? 1 : 0)} ${units[i]}`;
}

/** Badge tone for any status word the API uses (environment, deployment or instance). */
export function tone(status: string): 'ok' | 'busy' | 'bad' | 'idle' {
  switch (status) {
    case 'running':
    case 'healthy':
    case 'succeeded':
      return 'ok';
    case 'deploying':
    case 'queued':
    case 'building':
    case 'starting':
    case 'health-checking':
    case 'switching':
    case 'awaiting-approval':
    case 'stopping':
      return 'busy';
    case 'crashed':
    case 'failed':
    case 'unhealthy':
    case 'rolled-back':
      return 'bad';
    default:
      return 'idle';
  }
}
