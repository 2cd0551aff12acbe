import { useLocation } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import type { RolledBackEvent } from '../api/types';
import { useToasts } from '../stores/toasts';
import { useChannels } from './live';
import type { ChannelMessage } from './socket';
import { alertEvent, alertToast, useUnread } from '../alerts/unread';

/** The app the current page is about (`/apps/<app>/…`), or null. */
export function appInPath(pathname: string): string | null {
  const m = /^\/apps\/([^/]+)/.exec(pathname);
  return m?.[1] ? decodeURIComponent(m[1]) : null;
}

/** The toast text for an automatic rollback, or null when it is not about the app being looked at. */
export function rollbackToast(m: ChannelMessage, viewing: string | null): string | null {
  if (m.type !== 'event' || m.kind !== 'deploy-rolled-back' || !viewing) return null;
  const e = m.data as RolledBackEvent | null;
  if (!e || e.app !== viewing) return null;
  const what = e.release != null ? `v${e.release}` : e.deployment;
  const back = e.restored != null ? `; v${e.restored} is serving again` : '';
  return `${e.app}/${e.env}: ${what} was rolled back${e.reason ? ` (${e.reason})` : ''}${back}.`;
}

/**
 * The `notifications` channel: a notice when a deploy of the app on screen rolls back on its own, and for every
 * alert that fires or resolves (counted by the bell, see alerts/unread.ts).
 */
export function useRollbackNotifications(): void {
  const { pathname } = useLocation();
  const client = useQueryClient();
  const viewing = appInPath(pathname);
  useChannels(['notifications'], (m) => {
    const alert = alertEvent(m);
    if (alert) {
      if (alert.kind === 'firing') useUnread.getState().add(alert.alert);
      const toast = alertToast(alert, viewing);
      if (toast) useToasts.getState().show(toast.tone, toast.text);
      void client.invalidateQueries({ queryKey: ['alerts'] });
      return;
    }
    const text = rollbackToast(m, viewing);
    if (!text) return;
    useToasts.getState().show('warning', text);
    const e = (m as { data: RolledBackEvent }).data;
    void client.invalidateQueries({ queryKey: ['env', e.app, e.env] });
    void client.invalidateQueries({ queryKey: ['deployment', e.deployment] });
  });
}
