import { useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api, enc } from '../api/client';
import type { Page } from '../api/types';
import { DataTable, type Column } from '../components/DataTable';
import { QueryItems } from '../components/QueryItems';
import { timeAgo } from '../components/format';
import { notify } from '../stores/toasts';
import { InvitationsSection } from './InvitationsSection';
import { useProfile } from './permissions';
import type { UserView } from './types';
import { FormError, useSubmit } from './useSubmit';

export const ROLES = ['viewer', 'developer', 'operator', 'admin'] as const;
const usersKey = ['users'] as const;

function CreateUserForm() {
  const client = useQueryClient();
  const { busy, error, onSubmit } = useSubmit(async (f) => {
    const username = String(f.get('username')).trim();
    const email = String(f.get('email') ?? '').trim();
    await api.post('/api/v1/users', { username, email: email || undefined, password: String(f.get('password')), role: String(f.get('role')) });
    notify.ok(`User ${username} created.`);
    await client.invalidateQueries({ queryKey: usersKey });
  });
  return (
    <form className="inline-form" onSubmit={onSubmit} aria-label="Create a user">
      <label htmlFor="new-username">Username</label>
      <input id="new-username" name="username" required maxLength={40} pattern="[a-z0-9][a-z0-9._\-]*" />
      <label htmlFor="new-email">E-mail</label>
      <input id="new-email" name="email" type="email" maxLength={254} />
      <label htmlFor="new-user-password">Password</label>
      <input id="new-user-password" name="password" type="password" autoComplete="new-password" minLength={8} required />
      <label htmlFor="new-role">Role</label>
      <select id="new-role" name="role" defaultValue="developer">
        {ROLES.map((r) => (
          <option key={r}>{r}</option>
        ))}
      </select>
      <button type="submit" className="btn btn-primary" disabled={busy}>
        Create user
      </button>
      <FormError error={error} />
    </form>
  );
}

async function patch(client: QueryClient, user: UserView, body: object, done: string) {
  try {
    await api.request('PATCH', `/api/v1/users/${enc(user.id)}`, body);
    notify.ok(done);
    await client.invalidateQueries({ queryKey: usersKey });
  } catch (e) {
    notify.error(e);
  }
}

async function resetPassword(user: UserView) {
  const password = window.prompt(`New password for ${user.username} (8 characters or more):`);
  if (!password) return;
  try {
    await api.post(`/api/v1/users/${enc(user.id)}/password`, { password });
    notify.ok(`Password of ${user.username} set.`);
  } catch (e) {
    notify.error(e);
  }
}

/** On the signed-in user's own row, role and activation are locked so that an admin cannot lock themselves out. */
function userColumns(client: QueryClient, self: (u: UserView) => boolean): Column<UserView>[] {
  return [
    { label: 'Username', cell: (u) => u.username },
    { label: 'E-mail', cell: (u) => u.email ?? '—' },
    { label: 'Role', cell: (u) => (
      <>
        <label className="visually-hidden" htmlFor={`role-${u.id}`}>
          Role of {u.username}
        </label>
        <select id={`role-${u.id}`} value={u.role} disabled={self(u)}
          onChange={(e) => void patch(client, u, { role: e.target.value }, `${u.username} is now ${e.target.value}.`)}>
          {ROLES.map((r) => (
            <option key={r}>{r}</option>
          ))}
        </select>
      </>
    ) },
    { label: 'Status', cell: (u) => (u.active ? 'active' : 'deactivated') },
    { label: 'Last login', cell: (u) => (u.lastLoginAt ? timeAgo(u.lastLoginAt) : 'never') },
    { label: 'Actions', hideLabel: true, cell: (u) => (
      <>
        {!self(u) && (
          <button type="button" className="btn btn-small" onClick={() => void patch(client, u, { active: !u.active }, `${u.username} ${u.active ? 'deactivated' : 'activated'}.`)}>
            {u.active ? 'Deactivate' : 'Activate'}
          </button>
        )}{' '}
        <button type="button" className="btn btn-small btn-quiet" onClick={() => void resetPassword(u)}>
          Reset password
        </button>
      </>
    ) },
  ];
}

export function UsersPage() {
  const client = useQueryClient();
  const profile = useProfile();
  const q = useQuery({ queryKey: usersKey, queryFn: () => api.get<Page<UserView>>('/api/v1/users?limit=200') });
  return (
    <div className="page">
      <div className="page-head">
        <h1>Users</h1>
      </div>
      <CreateUserForm />
      <QueryItems query={q} empty="No users.">
        {(users) => (
          <DataTable testId="users" rows={users} rowKey={(u) => u.id} rowData={(u) => ({ 'data-testid': `user-${u.username}` })}
            columns={userColumns(client, (u) => u.id === profile?.id)} />
        )}
      </QueryItems>
      <InvitationsSection />
    </div>
  );
}
