import { useEffect, useRef, useSyncExternalStore } from 'react';
import { api } from '../api/client';
import { RealtimeClient, type ChannelMessage, type ConnectionState } from './socket';

/** The dashboard's single real-time connection, started after login and stopped at logout. */
export const realtime = new RealtimeClient({
  ticket: async () => (await api.post<{ ticket: string }>('/api/v1/auth/ws-ticket')).ticket,
});

/** Calls `onMessage` for every event or gap on each channel while the component is mounted. */
export function useChannels(channels: string[], onMessage: (m: ChannelMessage) => void): void {
  const handler = useRef(onMessage);
  handler.current = onMessage;
  const key = channels.join('|');
  useEffect(() => {
    const offs = key ? key.split('|').map((c) => realtime.subscribe(c, (m) => handler.current(m))) : [];
    return () => offs.forEach((off) => off());
  }, [key]);
}

export function useConnectionState(): ConnectionState {
  return useSyncExternalStore(
    (cb) => realtime.onState(cb),
    () => realtime.state,
  );
}
