/** Fixtures shared by the alerts tests: a rendering wrapper, who is signed in, and the API's answers. */
import type { ReactNode } from 'react';
import { render } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { FullProfile } from '../identity/types';
import { useAuth } from '../stores/auth';
import type { AlertChannel, AlertRule, RulesResponse } from './types';

export function wrap(ui: ReactNode) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <MemoryRouter>{ui}</MemoryRouter>
    </QueryClientProvider>,
  );
}

/** Signs in as `role` (admin by default); `over` narrows, e.g. a read-scoped token or an app membership. */
export function signIn(role = 'admin', over: Partial<FullProfile> = {}) {
  const profile: FullProfile = { id: 'usr_1', username: role, role, ...over };
  useAuth.setState({ status: 'authenticated', profile });
}

export const highCpu: AlertRule = {
  id: 'alr_1', name: 'High CPU', metric: 'cpu_percent', comparison: '>', threshold: 80, for: '30s', resolveThreshold: 60,
  severity: 'critical', channels: [], enabled: true, status: { state: 'no-data', detail: 'metrics are not collected on this server' },
};

export const rulesAnswer: RulesResponse = {
  items: [highCpu],
  builtin: [{ kind: 'crash-loop', name: 'Crash loop', description: 'An instance keeps crashing.', severity: 'critical', enabled: true, firing: false }],
};

export const opsSlack: AlertChannel = {
  id: 'chn_1', app: 'shop', name: 'ops', type: 'slack', global: false, target: 'https://hooks.slack.com/…', sent: 3, failed: 1,
  lastError: 'answered 500',
};

export const globalPager: AlertChannel = { id: 'chn_g', app: null, name: 'on-call', type: 'pagerduty', global: true, target: 'https://events.pagerduty.com/…' };
