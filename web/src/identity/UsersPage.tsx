import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, enc } from '../api/client';
import type { Page } from '../api/types';
import { Empty, ErrorState, Loading } from '../components/States';
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

function UserRow({ user, self }: { user: UserView; self: boolean }) {
  const client = useQueryClient();
  async function patch(body: object, done: string) {
    try {
      await api.request('PATCH', `/api/v1/users/${enc(user.id)}`, body);
      notify.ok(done);
      await client.invalidateQueries({ queryKey: usersKey });
    } catch (e) {
      notify.error(e);
    }
  }
  async function resetPassword() {
    const password = window.prompt(`New password for ${user.username} (8 characters or more):`);
    if (!password) return;
    try {
      await api.post(`/api/v1/users/${enc(user.id)}/password`, { password });
      notify.ok(`Password of ${user.username} set.`);
    } catch (e) {
      notify.error(e);
    }
  }
  return (
    <tr data-testid={`user-${user.username}`}>
      <td data-label="Username">{user.username}</td>
      <td data-label="E-mail">{user.email ?? '—'}</td>
      <td data-label="Role">
        <label className="visually-hidden" htmlFor={`role-${user.id}`}>
          Role of {user.username}
        </label>
        <select id={`role-${user.id}`} value={user.role} disabled={self}
          onChange={(e) => void patch({ role: e.target.value }, `${user.username} is now ${e.target.value}.`)}>
          {ROLES.map((r) => (
            <option key={r}>{r}</option>
          ))}
        </select>
      </td>
      <td data-label="Status">{user.active ? 'active' : 'deactivated'}</td>
      <td data-label="Last login">{user.lastLoginAt ? timeAgo(user.lastLoginAt) : 'never'}</td>
      <td data-label="Actions">
        {!self && (
          <button type="button" className="btn btn-small" onClick={() => void patch({ active: !user.active }, `${user.username} ${user.active ? 'deactivated' : 'activated'}.`)}>
            {user.active ? 'Deactivate' : 'Activate'}
          </button>
        )}{' '}
        <button type="button" className="btn btn-small btn-quiet" onClick={() => void resetPassword()}>
          Reset password
        </button>
      </td>
    </tr>
  );
}

export function UsersPage() {
  const profile = useProfile();
  const q = useQuery({ queryKey: usersKey, queryFn: () => api.get<Page<UserView>>('/api/v1/users?limit=200') });
  return (
    <div className="page">
      <div className="page-head">
        <h1>Users</h1>
      </div>
      <CreateUserForm />
      {q.isPending ? (
        <Loading />
      ) : q.isError ? (
        <ErrorState error={q.error} retry={() => void q.refetch()} />
      ) : q.data.items.length === 0 ? (
        <Empty title="No users." />
      ) : (
        <table className="table" data-testid="users">
          <thead>
            <tr>
              <th scope="col">Username</th>
              <th scope="col">E-mail</th>
              <th scope="col">Role</th>
              <th scope="col">Status</th>
              <th scope="col">Last login</th>
              <th scope="col"><span className="visually-hidden">Actions</span></th>
            </tr>
          </thead>
          <tbody>
            {q.data.items.map((u) => (
              <UserRow key={u.id} user={u} self={u.id === profile?.id} />
            ))}
          </tbody>
        </table>
      )}
      <InvitationsSection />
    </div>
  );
}
