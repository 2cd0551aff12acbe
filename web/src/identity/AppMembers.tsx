import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, enc } from '../api/client';
import { DataTable } from '../components/DataTable';
import { QueryItems } from '../components/QueryItems';
import { notify } from '../stores/toasts';
import { can, useProfile } from './permissions';
import type { Member } from './types';
import { FormError, useSubmit } from './useSubmit';

/** The app's members and their app role; admins add, change and remove them. */
export function AppMembers({ app }: { app: string }) {
  const client = useQueryClient();
  const profile = useProfile();
  const manage = can(profile, 'manage', app);
  const key = ['members', app];
  const q = useQuery({ queryKey: key, queryFn: () => api.get<{ items: Member[] }>(`/api/v1/apps/${enc(app)}/members`) });
  const add = useSubmit(async (f) => {
    const username = String(f.get('username')).trim();
    await api.put(`/api/v1/apps/${enc(app)}/members/${enc(username)}`, { role: String(f.get('role')) });
    notify.ok(`${username} is now a member of ${app}.`);
    await client.invalidateQueries({ queryKey: key });
  });

  async function change(m: Member, role: string | null) {
    try {
      if (role) await api.put(`/api/v1/apps/${enc(app)}/members/${enc(m.username)}`, { role });
      else await api.request('DELETE', `/api/v1/apps/${enc(app)}/members/${enc(m.username)}`);
      notify.ok(role ? `${m.username} is now ${role} on ${app}.` : `${m.username} removed from ${app}.`);
      await client.invalidateQueries({ queryKey: key });
    } catch (e) {
      notify.error(e);
    }
  }

  return (
    <section aria-labelledby="members-title">
      <h2 id="members-title">Members</h2>
      {manage && (
        <form className="inline-form" onSubmit={add.onSubmit} aria-label="Add a member">
          <label htmlFor="member-username">Username</label>
          <input id="member-username" name="username" required maxLength={40} />
          <label htmlFor="member-role">App role</label>
          <select id="member-role" name="role" defaultValue="developer">
            <option>developer</option>
            <option>viewer</option>
          </select>
          <button type="submit" className="btn btn-primary" disabled={add.busy}>
            Add member
          </button>
          <FormError error={add.error} />
        </form>
      )}
      <QueryItems query={q} empty="No members: only admins and operators see this app.">
        {(members) => (
          <DataTable testId="members" rows={members} rowKey={(m) => m.userId} columns={[
            { label: 'User', cell: (m) => m.username },
            { label: 'App role', cell: (m) => (manage ? (
              <>
                <label className="visually-hidden" htmlFor={`member-role-${m.userId}`}>
                  App role of {m.username}
                </label>
                <select id={`member-role-${m.userId}`} value={m.role} onChange={(e) => void change(m, e.target.value)}>
                  <option>developer</option>
                  <option>viewer</option>
                </select>
              </>
            ) : (
              m.role
            )) },
            { label: 'Global role', cell: (m) => m.globalRole ?? '' },
            manage && { label: 'Actions', hideLabel: true, cell: (m) => (
              <button type="button" className="btn btn-small btn-danger" onClick={() => void change(m, null)} aria-label={`Remove ${m.username} from ${app}`}>
                Remove
              </button>
            ) },
          ]} />
        )}
      </QueryItems>
    </section>
  );
}
