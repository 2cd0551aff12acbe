import { NavLink } from 'react-router';
import { canReadAudit, isAdmin, useProfile } from './permissions';

/** The top bar's links to the identity pages, by role; the username leads to the profile. */
export function IdentityNav() {
  const profile = useProfile();
  if (!profile) return null;
  return (
    <nav aria-label="Account" className="identity-nav">
      {isAdmin(profile) && <NavLink to="/users">Users</NavLink>}
      {canReadAudit(profile) && <NavLink to="/audit">Audit</NavLink>}
      <NavLink to="/profile" className="user" title="Profile, password and API tokens">
        {profile.username}
      </NavLink>
    </nav>
  );
}
