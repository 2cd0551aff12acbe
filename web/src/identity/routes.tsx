import { Navigate, Route } from 'react-router';
import { AcceptInvitationPage } from './AcceptInvitationPage';
import { AuditPage } from './AuditPage';
import { DevicePage } from './DevicePage';
import { ProfilePage } from './ProfilePage';
import { UsersPage } from './UsersPage';
import { canReadAudit, isAdmin, useProfile } from './permissions';

/** Pages that only some roles may open; others are sent home (the API refuses them anyway). */
function Only({ allowed, children }: { allowed: (p: ReturnType<typeof useProfile>) => boolean; children: React.ReactNode }) {
  const profile = useProfile();
  if (!profile) return null; // still loading
  return allowed(profile) ? <>{children}</> : <Navigate to="/" replace />;
}

/** Identity pages inside the logged-in frame. Called as a function so <Routes> sees plain <Route> elements. */
export function IdentityRoutes() {
  return [
    <Route key="profile" path="profile" element={<ProfilePage />} />,
    <Route key="device" path="device" element={<DevicePage />} />,
    <Route key="users" path="users" element={<Only allowed={isAdmin}><UsersPage /></Only>} />,
    <Route key="audit" path="audit" element={<Only allowed={canReadAudit}><AuditPage /></Only>} />,
  ];
}

/** Pages for people who are not logged in yet. */
export function PublicIdentityRoutes() {
  return [<Route key="invite" path="/invite" element={<AcceptInvitationPage />} />];
}
