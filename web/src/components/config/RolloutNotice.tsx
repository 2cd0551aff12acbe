import { useEffect } from 'react';
import { Link } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, enc } from '../../api/client';
import { TERMINAL_STATUSES, type Deployment } from '../../api/types';
import { StatusBadge } from '../StatusBadge';
import { useChannels } from '../../realtime/live';
import { configKeys } from './keys';

/** What a save made: its release and the rollout that started. */
export interface Saved {
  release: number | null;
  deployment: Deployment | null;
  count: number;
}

/** Says which release a save made and follows its rollout live until it ends. */
export function RolloutNotice({ app, env, saved }: { app: string; env: string; saved: Saved }) {
  const id = saved.deployment?.id ?? '';
  const key = ['deployment', id];
  const client = useQueryClient();
  const q = useQuery({
    queryKey: key,
    queryFn: () => api.get<Deployment>(`/api/v1/deployments/${enc(id)}`),
    enabled: id !== '',
    initialData: saved.deployment ?? undefined,
    // Live events drive it; a slow poll covers a dropped connection.
    refetchInterval: (query) => (query.state.data && TERMINAL_STATUSES.includes(query.state.data.status) ? false : 3000),
  });
  const status = q.data?.status ?? saved.deployment?.status ?? 'queued';
  const finished = TERMINAL_STATUSES.includes(status);
  useEffect(() => {
    // The release becomes current once the rollout succeeds: the history and release lists say so then.
    if (!finished) return;
    void client.invalidateQueries({ queryKey: configKeys(app, env).history });
    void client.invalidateQueries({ queryKey: ['env', app, env, 'releases'] });
  }, [finished, client, app, env]);
  useChannels(id && !finished ? [`deployments:${app}/${env}`] : [], (m) => {
    if (m.type === 'gap' || (m.data as Partial<Deployment> | undefined)?.id === id) void client.invalidateQueries({ queryKey: key });
  });

  if (!saved.deployment) {
    return (
      <div className="callout callout-idle" role="status" data-testid="config-saved">
        <p>Saved {saved.count} change{saved.count === 1 ? '' : 's'}. Nothing is deployed yet: the config applies to the first deploy.</p>
      </div>
    );
  }
  return (
    <div className="callout config-saved" role="status" data-testid="config-saved">
      <p>
        Saved as <strong>release v{saved.release}</strong>
        {finished ? ': ' : ' — rolling out: '}
        <StatusBadge status={status} />{' '}
        <Link to={`/apps/${app}/envs/${env}/deployments/${id}`}>follow the rollout</Link>
      </p>
    </div>
  );
}
