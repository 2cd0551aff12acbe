import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, enc } from '../api/client';
import { Empty, ErrorState, Loading } from '../components/States';
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
      {q.isPending ? (
        <Loading />
      ) : q.isError ? (
        <ErrorState error={q.error} retry={() => void q.refetch()} />
      ) : q.data.items.length === 0 ? (
        <Empty title="No members: only admins and operators see this app." />
      ) : (
        <table className="table" data-testid="members">
          <thead>
            <tr>
              <th scope="col">User</th>
              <th scope="col">App role</th>
              <th scope="col">Global role</th>
              {manage && <th scope="col"><span className="visually-hidden">Actions</span></th>}
            </tr>
          </thead>
          <tbody>
            {q.data.items.map((m) => (
              <tr key={m.userId}>
                <td data-label="User">{m.username}</td>
                <td data-label="App role">
                  {manage ? (
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
                  )}
                </td>
                <td data-label="Global role">{m.globalRole ?? ''}</td>
                {manage && (
                  <td data-label="Actions">
                    <button type="button" className="btn btn-small btn-danger" onClick={() => void change(m, null)} aria-label={`Remove ${m.username} from ${app}`}>
                      Remove
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
