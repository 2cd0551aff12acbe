import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { DataTable } from '../components/DataTable';
import { QueryItems } from '../components/QueryItems';
import { can, useProfile } from '../identity/permissions';
import type { FullProfile } from '../identity/types';
import { notify } from '../stores/toasts';
import { alertKeys, alertsApi } from './api';
import { CHANNEL_TYPE_LABELS, ChannelForm } from './ChannelForm';
import type { AlertChannel, ChannelType } from './types';

/**
 * Whether the caller may test or delete a channel, as the server decides: an app's channel takes `configure`
 * on the app; a global one belongs to admins and operators.
 */
export function canChange(profile: FullProfile | null, c: AlertChannel, app: string): boolean {
  return c.global ? mayChangeGlobal(profile) : can(profile, 'configure', app);
}

/** Global channels (for every app) are added, tested and deleted by admins and operators. */
export function mayChangeGlobal(profile: FullProfile | null): boolean {
  return !!profile && (profile.role === 'admin' || profile.role === 'operator') && profile.scope !== 'read';
}

function deliveries(c: AlertChannel): string {
  const counts = `${c.sent ?? 0} sent, ${c.failed ?? 0} failed`;
  return c.lastError ? `${counts}; last error: ${c.lastError}` : counts;
}

/** The app's notification channels (its own and the global ones): test them, delete them, add one. */
export function ChannelsPanel({ app }: { app: string }) {
  const client = useQueryClient();
  const profile = useProfile();
  const key = alertKeys.channels(app);
  const channels = useQuery({ queryKey: key, queryFn: () => alertsApi.channels(app) });
  const write = can(profile, 'configure', app);
  const [testing, setTesting] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<AlertChannel | null>(null);

  async function test(c: AlertChannel) {
    setTesting(c.id);
    try {
      const result = await alertsApi.testChannel(c.id);
      if (result.delivered) notify.ok(`Sent a test notification to ${c.name}.`);
      else notify.error(`The test notification to ${c.name} failed: ${result.error ?? 'no reason given'}.`);
    } catch (err) {
      notify.error(err);
    } finally {
      setTesting(null);
      await client.invalidateQueries({ queryKey: key });   // its delivery counts changed
    }
  }

  async function remove(c: AlertChannel) {
    setDeleting(null);
    try {
      await alertsApi.deleteChannel(c.id);
      notify.ok(`Deleted the channel ${c.name}.`);
      await client.invalidateQueries({ queryKey: key });
    } catch (err) {
      notify.error(err);
    }
  }

  const actions = (channels.data?.items ?? []).some((c) => canChange(profile, c, app));

  return (
    <section className="card" aria-labelledby="alert-channels-title" data-testid="alert-channels">
      <h2 id="alert-channels-title">Notification channels</h2>
      <p className="muted">
        Where {app}’s alerts can be sent; each rule picks its channels. Global channels, set up by admins and operators, serve every app.
      </p>
      <QueryItems query={channels} empty="No channels yet: alerts show in the dashboard only.">
        {(rows) => (
          <DataTable testId="alert-channel-list" rows={rows} rowKey={(c) => c.id} columns={[
            { label: 'Channel', cell: (c) => <>{c.name} {c.global && <span className="muted">(global)</span>}</> },
            { label: 'Type', cell: (c) => CHANNEL_TYPE_LABELS[c.type as ChannelType] ?? c.type },
            { label: 'Target', cell: (c) => c.target ?? '—' },
            { label: 'Deliveries', cell: deliveries },
            actions && { label: 'Actions', cell: (c) => canChange(profile, c, app) && (
              <div className="button-row">
                <button type="button" className="btn btn-small" disabled={testing === c.id} aria-label={`Send test to channel ${c.name}`}
                  onClick={() => void test(c)}>
                  {testing === c.id ? 'Sending…' : 'Send test'}
                </button>
                <button type="button" className="btn btn-small btn-danger" aria-label={`Delete channel ${c.name}`} onClick={() => setDeleting(c)}>
                  Delete
                </button>
              </div>
            ) },
          ]} />
        )}
      </QueryItems>
      {(write || mayChangeGlobal(profile)) && <ChannelForm app={app} mayAddApp={write} mayAddGlobal={mayChangeGlobal(profile)} />}
      <ConfirmDialog open={deleting !== null} title={`Delete channel ${deleting?.name ?? ''}?`} confirmLabel="Delete channel" danger
        onCancel={() => setDeleting(null)} onConfirm={() => deleting && void remove(deleting)}>
        <p>Alerts stop going to it. While a rule still sends to it, it cannot be deleted: change those rules first.</p>
      </ConfirmDialog>
    </section>
  );
}
