import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, enc } from '../api/client';
import { DataTable } from '../components/DataTable';
import { QueryItems } from '../components/QueryItems';
import { timeAgo } from '../components/format';
import { notify } from '../stores/toasts';
import type { InvitationView, Membership } from './types';
import { FormError, useSubmit } from './useSubmit';

const invitationsKey = ['invitations'] as const;

/** "shop, blog:viewer" → memberships (developer unless a role follows a colon). */
export function parseMemberships(text: string): Membership[] {
  return text
    .split(/[,\s]+/)
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => {
      const [app = '', role] = s.split(':');
      return { app, role: role || 'developer' };
    });
}

export function InvitationsSection() {
  const client = useQueryClient();
  const q = useQuery({ queryKey: invitationsKey, queryFn: () => api.get<{ items: InvitationView[] }>('/api/v1/invitations') });
  const [created, setCreated] = useState<InvitationView | null>(null);
  const { busy, error, onSubmit } = useSubmit(async (f) => {
    const invitation = await api.post<InvitationView>('/api/v1/invitations', {
      email: String(f.get('email')).trim(),
      role: String(f.get('role')),
      memberships: parseMemberships(String(f.get('apps') ?? '')),
    });
    setCreated(invitation);
    await client.invalidateQueries({ queryKey: invitationsKey });
  });

  async function revoke(i: InvitationView) {
    try {
      await api.request('DELETE', `/api/v1/invitations/${enc(i.id)}`);
      notify.ok(`Invitation of ${i.email} revoked.`);
      await client.invalidateQueries({ queryKey: invitationsKey });
    } catch (e) {
      notify.error(e);
    }
  }

  return (
    <section aria-labelledby="invitations-title">
      <h2 id="invitations-title">Invitations</h2>
      <form className="inline-form" onSubmit={onSubmit} aria-label="Invite someone">
        <label htmlFor="invite-email">E-mail to invite</label>
        <input id="invite-email" name="email" type="email" required maxLength={254} />
        <label htmlFor="invite-role">Invited role</label>
        <select id="invite-role" name="role" defaultValue="developer">
          <option>viewer</option>
          <option>developer</option>
          <option>operator</option>
          <option>admin</option>
        </select>
        <label htmlFor="invite-apps">Apps</label>
        <input id="invite-apps" name="apps" placeholder="shop, blog:viewer" aria-describedby="invite-apps-help" />
        <button type="submit" className="btn btn-primary" disabled={busy}>
          Send invitation
        </button>
        <span id="invite-apps-help" className="help">
          Apps the invitee joins, comma-separated; add :viewer for read-only membership.
        </span>
        <FormError error={error} />
      </form>
      {created && (
        <div className="callout" role="status" data-testid="new-invitation">
          <p>
            {created.emailSent ? `An e-mail with the link went to ${created.email}.` : `No e-mail was sent (${created.emailError}).`} The link works once, until{' '}
            {new Date(created.expiresAt).toLocaleString()}:
          </p>
          <code className="secret-once" data-testid="invitation-link">{created.link}</code>
          <p>
            <button type="button" className="btn btn-small btn-quiet" onClick={() => setCreated(null)}>
              Done
            </button>
          </p>
        </div>
      )}
      <QueryItems query={q} empty="No invitations.">
        {(invitations) => (
          <DataTable testId="invitations" rows={invitations} rowKey={(i) => i.id} columns={[
            { label: 'E-mail', cell: (i) => i.email },
            { label: 'Role', cell: (i) => i.role },
            { label: 'Apps', cell: (i) => i.memberships.map((m) => `${m.app} (${m.role})`).join(', ') || '—' },
            { label: 'Status', cell: (i) => i.status },
            { label: 'Invited', cell: (i) => <>{timeAgo(i.createdAt)} by {i.createdBy}</> },
            { label: 'Actions', hideLabel: true, cell: (i) => i.status === 'pending' && (
              <button type="button" className="btn btn-small btn-danger" onClick={() => void revoke(i)} aria-label={`Revoke invitation of ${i.email}`}>
                Revoke
              </button>
            ) },
          ]} />
        )}
      </QueryItems>
    </section>
  );
}
