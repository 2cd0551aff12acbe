import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { api } from '../api/client';
import type { DeviceRequest } from './types';
import { FormError, useSubmit } from './useSubmit';

/** Where `coderunner login --sso` sends people: check the code the CLI shows, then approve or deny it. */
export function DevicePage() {
  const [params] = useSearchParams();
  const [request, setRequest] = useState<DeviceRequest | null>(null);
  const [outcome, setOutcome] = useState<string | null>(null);
  const lookup = useSubmit(async (f) => {
    setOutcome(null);
    setRequest(await api.post<DeviceRequest>('/api/v1/auth/device/lookup', { userCode: String(f.get('code')) }));
  });
  const [error, setError] = useState<string | null>(null);

  async function decide(approve: boolean) {
    if (!request) return;
    setError(null);
    try {
      await api.post(`/api/v1/auth/device/${approve ? 'approve' : 'deny'}`, { userCode: request.userCode });
      setOutcome(approve ? 'Approved. The CLI is logged in as you; you can close this page.' : 'Denied. The CLI is not logged in.');
      setRequest(null);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  }

  return (
    <div className="page">
      <div className="page-head">
        <h1>Log in the CLI</h1>
      </div>
      <form className="inline-form" onSubmit={lookup.onSubmit} aria-label="Find a CLI login">
        <label htmlFor="device-code">Code shown by the CLI</label>
        <input id="device-code" name="code" required defaultValue={params.get('code') ?? ''} placeholder="BCDF-GHJK" autoComplete="off" />
        <button type="submit" className="btn btn-primary" disabled={lookup.busy}>
          Continue
        </button>
        <FormError error={lookup.error} />
      </form>
      {request && (
        <section className="card" aria-labelledby="device-title" data-testid="device-request">
          <h2 id="device-title">Code {request.userCode}</h2>
          <p>
            <strong>{request.clientName}</strong>
            {request.clientIp ? ` from ${request.clientIp}` : ''} asks to act as you, with an API token you can revoke on your profile page.
            Approve only if you just ran <code>coderunner login --sso</code> and it shows this code.
          </p>
          <div className="button-row">
            <button type="button" className="btn btn-primary" onClick={() => void decide(true)}>
              Approve
            </button>
            <button type="button" className="btn btn-danger" onClick={() => void decide(false)}>
              Deny
            </button>
          </div>
          <FormError error={error} />
        </section>
      )}
      {outcome && (
        <p className="callout" role="status" data-testid="device-outcome">
          {outcome}
        </p>
      )}
    </div>
  );
}
