import { create } from 'zustand';
import { api } from '../api/client';
import type { Profile } from '../api/types';
import { realtime } from '../realtime/live';

export type AuthStatus = 'unknown' | 'anonymous' | 'authenticated';

interface AuthState {
  status: AuthStatus;
  profile: Profile | null;
  /** Restores a session from the refresh cookie on page load. */
  restore: () => Promise<void>;
  login: (username: string, password: string) => Promise<void>;
  logout: () => Promise<void>;
  sessionEnded: () => void;
}

async function loadProfile(): Promise<Profile | null> {
  try {
    return await api.get<Profile>('/api/v1/auth/profile');
  } catch {
    return null;
  }
}

export const useAuth = create<AuthState>((set, get) => ({
  status: 'unknown',
  profile: null,
  restore: async () => {
    const ok = await api.refresh().catch(() => false);
    if (!ok) {
      set({ status: 'anonymous', profile: null });
      return;
    }
    realtime.start();
    // Authenticated as soon as the token is back: the page's own requests start now, in parallel
    // with the profile (only the top bar needs it).
    set({ status: 'authenticated' });
    const profile = await loadProfile();
    if (get().status === 'authenticated') set({ profile });
  },
  login: async (username, password) => {
    await api.login(username, password);
    realtime.start();
    set({ status: 'authenticated' });
    const profile = await loadProfile();
    if (get().status === 'authenticated') set({ profile });
  },
  logout: async () => {
    realtime.stop();
    await api.logout().catch(() => undefined);
    set({ status: 'anonymous', profile: null });
  },
  sessionEnded: () => {
    realtime.stop();
    set({ status: 'anonymous', profile: null });
  },
}));

api.onSessionEnded = () => useAuth.getState().sessionEnded();
