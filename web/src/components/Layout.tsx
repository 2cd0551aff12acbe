import { Link, Outlet } from 'react-router';
import { LogOut, Moon, Sun } from 'lucide-react';
import { useAuth } from '../stores/auth';
import { useTheme, systemPrefersDark } from '../stores/theme';
import { useConnectionState } from '../realtime/live';
import { Toasts } from './Toasts';
import { useRollbackNotifications } from '../realtime/notifications';
import { IdentityNav } from '../identity/IdentityNav';
import { AlertBell } from '../alerts/AlertBell';

const CONNECTION_LABEL = {
  idle: 'Offline',
  connecting: 'Connecting…',
  open: 'Live',
  reconnecting: 'Reconnecting…',
  closed: 'Offline',
} as const;

export function ThemeToggle() {
  const { choice, toggle } = useTheme();
  const dark = choice === 'dark' || (choice === 'system' && systemPrefersDark());
  return (
    <button type="button" className="icon-btn" onClick={toggle} aria-label={dark ? 'Switch to light theme' : 'Switch to dark theme'}>
      {dark ? <Sun size={18} aria-hidden="true" /> : <Moon size={18} aria-hidden="true" />}
    </button>
  );
}

/** The page frame; `pending` stands in for the page while the session is being checked. */
export function Layout({ pending }: { pending?: React.ReactNode } = {}) {
  const { logout } = useAuth();
  const conn = useConnectionState();
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <Link to="/" className="brand">
          CodeRunner
        </Link>
        <Link to="/fleet" className="nav-link">
          Fleet
        </Link>
        <span className={`conn conn-${conn}`} role="status" title="Real-time connection">
          <span className="badge-dot" aria-hidden="true" />
          {CONNECTION_LABEL[conn]}
        </span>
        <div className="topbar-right">
          <IdentityNav />
          {!pending && <AlertBell />}
          <ThemeToggle />
          <button type="button" className="btn btn-quiet" onClick={() => void logout()}>
            <LogOut size={16} aria-hidden="true" /> Log out
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {pending ?? <Outlet />}
      </main>
      {!pending && <RollbackNotifications />}
      <Toasts />
    </>
  );
}

/** Subscribes to `notifications` only once logged in (not while the session is being checked). */
function RollbackNotifications() {
  useRollbackNotifications();
  return null;
}

/** Breadcrumbs: every level is a deep link. */
export function Crumbs({ items }: { items: { label: string; to?: string }[] }) {
  return (
    <nav aria-label="Breadcrumb" className="crumbs">
      <ol>
        {items.map((c, i) => (
          <li key={i}>
            {c.to ? <Link to={c.to}>{c.label}</Link> : <span aria-current="page">{c.label}</span>}
          </li>
        ))}
      </ol>
    </nav>
  );
}
