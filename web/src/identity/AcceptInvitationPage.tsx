import { useQuery } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { api } from '../api/client';
import { ThemeToggle } from '../components/Layout';
import { useAuth } from '../stores/auth';
import { SsoButtons } from './SsoButtons';
import type { InvitationLookup } from './types';
import { FormError, useSubmit } from './useSubmit';

/** The token is in the link's fragment (`/invite#token=…`), which browsers never send to a server. */
function tokenFromHash(): string {
  return new URLSearchParams(window.location.hash.replace(/^#/, '')).get('token') ?? '';
}

export function AcceptInvitationPage() {
  const token = tokenFromHash();
  const navigate = useNavigate();
  const restore = useAuth((s) => s.restore);
  const q = useQuery({
    queryKey: ['invitation', token],
    queryFn: () => api.post<InvitationLookup>('/api/v1/invitations/lookup', { token }),
    enabled: token.length > 0,
    retry: false,
  });
  const { busy, error, onSubmit } = useSubmit(async (f) => {
    if (f.get('password') !== f.get('repeat')) throw new Error('The two passwords differ.');
    await api.post('/api/v1/invitations/accept', { token, username: String(f.get('username')).trim(), password: String(f.get('password')) });
    await restore(); // the answer set the session cookie
    navigate('/', { replace: true });
  });

  return (
    <main id="main" className="login">
      <div className="login-theme">
        <ThemeToggle />
      </div>
      <div className="card login-card">
        <h1>Join CodeRunner</h1>
        {!token ? (
          <p className="form-error" role="alert">This page needs the whole link from the invitation e-mail.</p>
        ) : q.isPending ? (
          <p role="status">Checking the invitation…</p>
        ) : q.isError ? (
          <p className="form-error" role="alert" data-testid="invitation-error">
            {q.error.message}
          </p>
        ) : (
          <>
            <p data-testid="invitation-summary">
              {q.data.invitedBy} invited <strong>{q.data.email}</strong> as <strong>{q.data.role}</strong>
              {q.data.memberships.length > 0 && <> on {q.data.memberships.map((m) => m.app).join(', ')}</>}.
            </p>
            <form className="login-card" onSubmit={onSubmit} aria-label="Create your account">
              <label htmlFor="invite-username">Choose a username</label>
              <input id="invite-username" name="username" required maxLength={40} pattern="[a-z0-9][a-z0-9._\-]*" autoComplete="username"
                defaultValue={(q.data.email.split('@')[0] ?? '').toLowerCase().replace(/[^a-z0-9._-]/g, '-')} />
              <label htmlFor="invite-password">Choose a password</label>
              <input id="invite-password" name="password" type="password" minLength={8} required autoComplete="new-password" />
              <label htmlFor="invite-repeat">Password again</label>
              <input id="invite-repeat" name="repeat" type="password" minLength={8} required autoComplete="new-password" />
              <FormError error={error} />
              <button type="submit" className="btn btn-primary" disabled={busy}>
                Create account
              </button>
            </form>
            <SsoButtons invitation={token} />
          </>
        )}
      </div>
    </main>
  );
}
