import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, enc } from '../api/client';
import { DataTable } from '../components/DataTable';
import { QueryItems } from '../components/QueryItems';
import { timeAgo } from '../components/format';
import { notify } from '../stores/toasts';
import { useProfile } from './permissions';
import type { ApiTokenView } from './types';
import { FormError, useSubmit } from './useSubmit';

const tokensKey = ['auth', 'tokens'] as const;

function PasswordForm() {
  const { busy, error, onSubmit } = useSubmit(async (f) => {
    if (f.get('newPassword') !== f.get('repeat')) throw new Error('The two new passwords differ.');
    await api.post('/api/v1/auth/password', { currentPassword: String(f.get('currentPassword')), newPassword: String(f.get('newPassword')) });
    notify.ok('Password changed.');
  });
  return (
    <section className="card" aria-labelledby="password-title">
      <h2 id="password-title">Password</h2>
      <form className="settings-form" onSubmit={onSubmit}>
        <div className="field">
          <label htmlFor="current-password">Current password</label>
          <input id="current-password" name="currentPassword" type="password" autoComplete="current-password" required />
        </div>
        <div className="field">
          <label htmlFor="new-password">New password</label>
          <input id="new-password" name="newPassword" type="password" autoComplete="new-password" minLength={8} required />
        </div>
        <div className="field">
          <label htmlFor="repeat-password">New password again</label>
          <input id="repeat-password" name="repeat" type="password" autoComplete="new-password" minLength={8} required />
        </div>
        <div className="field-actions">
          <button type="submit" className="btn btn-primary" disabled={busy}>
            Change password
          </button>
        </div>
        <FormError error={error} />
      </form>
    </section>
  );
}

function Tokens() {
  const client = useQueryClient();
  const q = useQuery({ queryKey: tokensKey, queryFn: () => api.get<{ items: ApiTokenView[] }>('/api/v1/auth/tokens') });
  const [created, setCreated] = useState<ApiTokenView | null>(null);
  const { busy, error, onSubmit } = useSubmit(async (f) => {
    const days = String(f.get('expiresInDays') ?? '');
    const token = await api.post<ApiTokenView>('/api/v1/auth/tokens', {
      name: String(f.get('name')).trim(),
      scope: String(f.get('scope')),
      expiresInDays: days ? Number(days) : undefined,
    });
    setCreated(token);
    await client.invalidateQueries({ queryKey: tokensKey });
  });

  async function revoke(t: ApiTokenView) {
    try {
      await api.request('DELETE', `/api/v1/auth/tokens/${enc(t.id)}`);
      notify.ok(`Token ${t.name} revoked.`);
      await client.invalidateQueries({ queryKey: tokensKey });
    } catch (e) {
      notify.error(e);
    }
  }

  return (
    <section className="card" aria-labelledby="tokens-title">
      <h2 id="tokens-title">API tokens</h2>
      <p className="muted">For the CLI (<code>coderunner login --token cr_…</code>) and CI. A token is shown once, when it is created.</p>
      <form className="inline-form" onSubmit={onSubmit} aria-label="Create an API token">
        <label htmlFor="token-name">Token name</label>
        <input id="token-name" name="name" required maxLength={100} placeholder="ci" />
        <label htmlFor="token-scope">Scope</label>
        <select id="token-scope" name="scope" defaultValue="deploy">
          <option value="read">read</option>
          <option value="deploy">deploy</option>
          <option value="admin">admin</option>
        </select>
        <label htmlFor="token-days">Expires in days</label>
        <input id="token-days" name="expiresInDays" type="number" min={1} max={3650} placeholder="never" />
        <button type="submit" className="btn btn-primary" disabled={busy}>
          Create token
        </button>
        <FormError error={error} />
      </form>
      {created?.token && (
        <div className="callout" role="status" data-testid="new-token">
          <p>
            Token <strong>{created.name}</strong> created. Copy it now: it will not be shown again.
          </p>
          <code className="secret-once">{created.token}</code>
          <p>
            <button type="button" className="btn btn-small" onClick={() => void navigator.clipboard?.writeText(created.token ?? '')}>
              Copy
            </button>{' '}
            <button type="button" className="btn btn-small btn-quiet" onClick={() => setCreated(null)}>
              Done
            </button>
          </p>
        </div>
      )}
      <QueryItems query={q} empty="No API tokens.">
        {(tokens) => (
          <DataTable testId="tokens" rows={tokens} rowKey={(t) => t.id} columns={[
            { label: 'Name', cell: (t) => t.name },
            { label: 'Scope', cell: (t) => t.scope },
            { label: 'Created', cell: (t) => timeAgo(t.createdAt) },
            { label: 'Expires', cell: (t) => (t.expiresAt ? new Date(t.expiresAt).toLocaleDateString() : 'never') },
            { label: 'Last used', cell: (t) => (t.lastUsedAt ? timeAgo(t.lastUsedAt) : 'never') },
            { label: 'Actions', hideLabel: true, cell: (t) => (
              <button type="button" className="btn btn-small btn-danger" onClick={() => void revoke(t)} aria-label={`Revoke token ${t.name}`}>
                Revoke
              </button>
            ) },
          ]} />
        )}
      </QueryItems>
    </section>
  );
}

export function ProfilePage() {
  const profile = useProfile();
  return (
    <div className="page">
      <div className="page-head">
        <h1>Profile</h1>
      </div>
      {profile && (
        <dl className="facts card" data-testid="profile-facts">
          <dt>Username</dt>
          <dd>{profile.username}</dd>
          <dt>Role</dt>
          <dd data-testid="profile-role">{profile.role}</dd>
          {profile.email && (
            <>
              <dt>E-mail</dt>
              <dd>{profile.email}</dd>
            </>
          )}
          {profile.memberships && profile.memberships.length > 0 && (
            <>
              <dt>Apps</dt>
              <dd>{profile.memberships.map((m) => `${m.app} (${m.role})`).join(', ')}</dd>
            </>
          )}
        </dl>
      )}
      <PasswordForm />
      <Tokens />
    </div>
  );
}
