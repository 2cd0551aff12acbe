import { useAuth } from '../stores/auth';
import type { FullProfile } from './types';

/** What a request does to an app, least to most powerful (as the server's access rules name them). */
export type AppAction = 'read' | 'operate' | 'deploy' | 'configure' | 'manage';

const DEVELOPER: AppAction[] = ['read', 'operate', 'deploy', 'configure'];

/**
 * Whether the dashboard should offer `action` on `app`: the same model the server enforces (it refuses
 * anyway): admin everything; operator operates every app and deploys/configures where a developer member;
 * developer acts where a developer member; viewer only reads. A token scope only narrows.
 */
export function can(profile: FullProfile | null | undefined, action: AppAction, app?: string): boolean {
  if (!profile) return false;
  if (action === 'read') return true;
  if (profile.scope === 'read') return false;
  const role = profile.role;
  if (role === 'admin') return true;
  if (action === 'manage') return false;
  // Without membership data (an older server) a developer may act on every app, as that server allows.
  const membership = profile.memberships === undefined ? 'developer' : profile.memberships.find((m) => m.app === app)?.role;
  const rights: AppAction[] = [];
  if (role === 'operator') rights.push('read', 'operate');
  if ((role === 'operator' || role === 'developer') && membership === 'developer') rights.push(...DEVELOPER);
  return rights.includes(action);
}

export function isAdmin(profile: FullProfile | null | undefined): boolean {
  return !!profile && profile.role === 'admin' && (!profile.scope || profile.scope === 'admin');
}

export function canReadAudit(profile: FullProfile | null | undefined): boolean {
  return !!profile && (profile.role === 'admin' || profile.role === 'operator');
}

export function useProfile(): FullProfile | null {
  return useAuth((s) => s.profile) as FullProfile | null;
}

/** Renders its children only when the logged-in user may do `action` on `app`. */
export function Can({ action, app, children }: { action: AppAction; app?: string; children: React.ReactNode }) {
  const profile = useProfile();
  return can(profile, action, app) ? <>{children}</> : null;
}
