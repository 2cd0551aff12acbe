import { create } from 'zustand';
import type { ChannelMessage } from '../realtime/socket';
import type { Alert } from './types';

const KEY = 'coderunner.alerts.seen';

interface UnreadState {
  /** Ids of alerts that fired since the bell was last opened. */
  ids: string[];
  /** When the bell was last opened (ISO), kept in the browser. */
  seenAt: string;
  add: (alert: Alert) => void;
  /** Counts alerts fetched from the server that fired after `seenAt` (after a reload). */
  merge: (alerts: Alert[]) => void;
  markSeen: () => void;
}

function storedSeenAt(): string {
  try {
    return localStorage.getItem(KEY) ?? new Date(0).toISOString();
  } catch {
    return new Date(0).toISOString();
  }
}

/** The bell's unread count: new, unsilenced alerts fired since the bell was last opened. */
export const useUnread = create<UnreadState>((set, get) => ({
  ids: [],
  seenAt: storedSeenAt(),
  add: (alert) => {
    if (alert.silenced || get().ids.includes(alert.id)) return;
    set({ ids: [...get().ids, alert.id].slice(-99) });
  },
  merge: (alerts) => {
    const seen = Date.parse(get().seenAt);
    const fresh = alerts.filter((a) => !a.silenced && Date.parse(a.firedAt) > seen).map((a) => a.id);
    set({ ids: [...new Set([...get().ids, ...fresh])].slice(-99) });
  },
  markSeen: () => {
    const now = new Date().toISOString();
    try {
      localStorage.setItem(KEY, now);
    } catch {
      /* private mode: the count resets with the page */
    }
    set({ ids: [], seenAt: now });
  },
}));

/** The alert carried by a `notifications` event, with what happened to it, or null for other events. */
export function alertEvent(m: ChannelMessage): { kind: 'firing' | 'resolved' | 'acknowledged'; alert: Alert } | null {
  if (m.type !== 'event' || !m.kind.startsWith('alert-')) return null;
  const alert = m.data as Alert | null;
  if (!alert || typeof alert !== 'object' || !alert.id) return null;
  const kind = m.kind.slice('alert-'.length);
  if (kind !== 'firing' && kind !== 'resolved' && kind !== 'acknowledged') return null;
  return { kind, alert };
}

/**
 * The toast for an alert event: firing ones as errors (critical) or warnings, resolutions as successes; none when
 * silenced. A failed deploy of the app on screen is already told by the page and the rollback notice: no second toast.
 */
export function alertToast(e: { kind: string; alert: Alert }, viewing: string | null = null): { tone: 'error' | 'warning' | 'success'; text: string } | null {
  const a = e.alert;
  if (a.silenced || e.kind === 'acknowledged') return null;
  if (a.rule === 'deploy-failed' && a.app === viewing) return null;
  const where = `${a.app}/${a.env}`;
  if (e.kind === 'resolved') return { tone: 'success', text: `Resolved: ${a.ruleName} on ${where}.` };
  // The summary stays on the Alerts page: a toast is a headline (and must not repeat the rollback notice word for word).
  return { tone: a.severity === 'critical' ? 'error' : 'warning', text: `Alert (${a.severity}): ${a.ruleName} on ${where}.` };
}
