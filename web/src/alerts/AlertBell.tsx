import { useEffect } from 'react';
import { Link } from 'react-router';
import { Bell } from 'lucide-react';
import { alertsApi } from './api';
import { useUnread } from './unread';

/** The header's bell: how many alerts fired since it was last opened; opens the Alerts page. */
export function AlertBell() {
  const { ids, merge, markSeen } = useUnread();
  // After a reload, alerts that fired while the page was closed still count.
  useEffect(() => {
    alertsApi.list('firing').then((p) => merge(p.items), () => {});
  }, [merge]);
  const count = ids.length;
  const label = count === 0 ? 'Alerts, none new' : `Alerts, ${count} new`;
  return (
    <Link to="/alerts" className="icon-btn bell" aria-label={label} title={label} onClick={markSeen} data-testid="alert-bell">
      <Bell size={18} aria-hidden="true" />
      {count > 0 && (
        <span className="bell-count" aria-hidden="true" data-testid="alert-count">
          {count > 9 ? '9+' : count}
        </span>
      )}
    </Link>
  );
}
