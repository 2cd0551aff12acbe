/** Shapes of the identity API: profile, users, tokens, invitations, audit, device login, single sign-on. */

export interface Membership {
  app: string;
  role: 'developer' | 'viewer' | string;
}

/** `GET /api/v1/auth/profile`. Memberships come from the access capability; older servers leave them out. */
export interface FullProfile {
  id: string;
  username: string;
  email?: string | null;
  role: 'admin' | 'operator' | 'developer' | 'viewer' | string;
  scope?: string | null;
  canCreateApps?: boolean;
  admin?: boolean;
  memberships?: Membership[];
}

export interface ApiTokenView {
  id: string;
  name: string;
  scope: string;
  createdAt: string;
  expiresAt?: string | null;
  lastUsedAt?: string | null;
  /** Only in the answer that created it. */
  token?: string | null;
}

export interface UserView {
  id: string;
  username: string;
  email?: string | null;
  role: string;
  active: boolean;
  createdAt?: string;
  lastLoginAt?: string | null;
  hasPassword?: boolean;
}

export interface InvitationView {
  id: string;
  email: string;
  role: string;
  memberships: Membership[];
  status: 'pending' | 'accepted' | 'revoked' | 'expired' | string;
  createdBy: string;
  createdAt: string;
  expiresAt: string;
  acceptedAt?: string | null;
  link?: string | null;
  emailSent?: boolean | null;
  emailError?: string | null;
}

export interface InvitationLookup {
  email: string;
  role: string;
  memberships: Membership[];
  invitedBy: string;
  expiresAt: string;
}

export interface Member {
  userId: string;
  username: string;
  role: string;
  globalRole?: string;
  active?: boolean;
  since?: string;
}

export interface AuditEntry {
  id: number;
  time: string;
  actor: string;
  action: string;
  target: string;
  app?: string | null;
  ip?: string | null;
  status?: number | null;
  detail?: Record<string, unknown>;
}

export interface SsoProvider {
  id: string;
  name: string;
  loginUrl: string;
}

export interface DeviceRequest {
  userCode: string;
  clientName: string;
  clientIp?: string | null;
  createdAt: string;
  expiresAt: string;
}
