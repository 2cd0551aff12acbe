import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { api, enc } from '../api/client';
import type { Deployment } from '../api/types';
import { ConfirmDialog } from './ConfirmDialog';
import { isFinished } from './health';
import { notify } from '../stores/toasts';

/** "Cancel" for an unfinished deployment, after a confirmation; nothing once it has finished. */
export function CancelDeployment({ deployment: d, small }: { deployment: Deployment; small?: boolean }) {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const client = useQueryClient();
  if (isFinished(d.status)) return null;
  const queued = d.status === 'queued';

  async function cancel() {
    setOpen(false);
    setBusy(true);
    try {
      await api.post(`/api/v1/deployments/${enc(d.id)}/cancel`);
      notify.ok(queued ? `Cancelled ${d.id}.` : `Cancelling ${d.id}: the previous release is being restored.`);
      await Promise.all([
        client.invalidateQueries({ queryKey: ['deployment', d.id] }),
        client.invalidateQueries({ queryKey: ['env', d.app, d.env] }),
      ]);
    } catch (e) {
      notify.error(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <button type="button" className={`btn btn-danger${small ? ' btn-small' : ''}`} disabled={busy} onClick={() => setOpen(true)}
        aria-label={small ? `Cancel deployment ${d.id}` : undefined}>
        Cancel{small ? '' : ' deployment'}
      </button>
      <ConfirmDialog open={open} title={`Cancel deployment ${d.id}?`} confirmLabel="Cancel deployment" cancelLabel="Keep it" danger onCancel={() => setOpen(false)} onConfirm={() => void cancel()}>
        <p>
          {queued
            ? 'It has not started yet; it leaves the queue at once.'
            : 'It stops at its next step and the previous release keeps (or goes back to) serving.'}
        </p>
      </ConfirmDialog>
    </>
  );
}
