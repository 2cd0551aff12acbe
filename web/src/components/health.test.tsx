import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { envHealth, fieldErrors, lastExit, phaseTimeline, queueOf, totalSeconds } from './health';
import { EnvHealthBadge, InstanceHealth } from './InstanceHealth';
import { DeploySettingsForm } from './DeploySettingsForm';
import { ApiError, api } from '../api/client';
import type { Deployment, Instance } from '../api/types';
import { appInPath, rollbackToast } from '../realtime/notifications';

const inst = (id: string, state: string, extra: Partial<Instance> = {}): Instance => ({ id, state, processType: 'web', ...extra });

describe('environment health roll-up', () => {
  it('is healthy, degraded or unhealthy from the web instances only', () => {
    expect(envHealth([inst('web.1', 'healthy'), inst('web.2', 'healthy')])).toEqual({ health: 'healthy', healthy: 2, total: 2 });
    expect(envHealth([inst('web.1', 'healthy'), inst('web.2', 'unhealthy')])?.health).toBe('degraded');
    expect(envHealth([inst('web.1', 'crashed'), inst('web.2', 'starting')])?.health).toBe('unhealthy');
    // Workers and draining instances do not count.
    expect(envHealth([inst('web.1', 'healthy'), inst('worker.1', 'crashed', { processType: 'worker' }), inst('web.2', 'stopping')])?.health).toBe('healthy');
    expect(envHealth([inst('worker.1', 'healthy', { processType: 'worker' })])).toBeNull();
    expect(envHealth(undefined)).toBeNull();
  });

  it('shows the roll-up as words, not colour alone', () => {
    render(<EnvHealthBadge instances={[inst('web.1', 'healthy'), inst('web.2', 'crashed')]} />);
    const badge = screen.getByTestId('env-health');
    expect(badge.textContent).toContain('degraded');
    expect(badge.textContent).toContain('1 of 2 web instances healthy');
    expect(badge.className).toContain('badge-busy');
  });
});

describe('instance health', () => {
  it('describes how an instance last ended', () => {
    expect(lastExit({ lastExitCode: 7 })).toBe('exited with code 7');
    expect(lastExit({ lastExitCode: null, lastSignal: 9 })).toBe('killed by signal 9');
    expect(lastExit({})).toBeNull();
  });

  it('shows the crash-loop badge, the reason and the history newest first in a disclosure', () => {
    render(
      <InstanceHealth
        instance={inst('web.1', 'crashed', {
          crashLoop: true, restarts: 5, lastExitCode: 7, reason: 'exited with code 7',
          history: [
            { time: '2026-01-01T10:00:00Z', from: 'starting', to: 'healthy' },
            { time: '2026-01-01T10:01:00Z', from: 'healthy', to: 'crashed', reason: 'exited with code 7' },
          ],
        })}
      />,
    );
    expect(screen.getByTestId('crash-loop').textContent).toBe('crash loop');
    const summary = screen.getByText('History', { exact: false });
    expect(summary.tagName).toBe('SUMMARY');
    expect(summary.textContent).toBe('History of web.1');
    const items = screen.getByRole('list', { name: /State changes of web.1/, hidden: true }).querySelectorAll('li');
    expect(items[0]?.textContent).toContain('healthy → crashed');
    expect(items[0]?.textContent).toContain('exited with code 7');
    expect(items[1]?.textContent).toContain('starting → healthy');
  });
});

describe('deployment timeline', () => {
  const phases = [
    { phase: 'queued', at: '2026-01-01T10:00:00Z' },
    { phase: 'building', at: '2026-01-01T10:00:02Z' },
    { phase: 'starting', at: '2026-01-01T10:01:32Z' },
    { phase: 'rolled-back', at: '2026-01-01T10:02:00Z' },
  ];

  it('measures each phase up to the next one; the final phase has no duration', () => {
    const steps = phaseTimeline(phases, 'rolled-back');
    expect(steps.map((s) => s.seconds)).toEqual([2, 90, 28, null]);
    expect(steps.some((s) => s.current)).toBe(false);
  });

  it('counts the running phase up to now', () => {
    const now = Date.parse('2026-01-01T10:01:42Z');
    const steps = phaseTimeline(phases.slice(0, 3), 'starting', now);
    expect(steps.at(-1)).toMatchObject({ phase: 'starting', seconds: 10, current: true });
    expect(totalSeconds({ phases: phases.slice(0, 3), createdAt: phases[0]!.at, finishedAt: null }, now)).toBe(102);
    expect(totalSeconds({ phases, createdAt: phases[0]!.at, finishedAt: '2026-01-01T10:02:00Z' })).toBe(120);
    expect(phaseTimeline(undefined, 'queued')).toEqual([]);
  });

  it('lists the queue oldest first, without finished deployments', () => {
    const d = (id: string, status: string, createdAt: string): Deployment => ({ id, app: 'a', env: 'e', status, createdAt });
    const q = queueOf([d('dep_3', 'queued', '2026-01-01T10:03:00Z'), d('dep_2', 'queued', '2026-01-01T10:02:00Z'),
      d('dep_1', 'building', '2026-01-01T10:01:00Z'), d('dep_0', 'succeeded', '2026-01-01T10:00:00Z')]);
    expect(q.map((x) => x.id)).toEqual(['dep_1', 'dep_2', 'dep_3']);
  });
});

describe('deploy settings form', () => {
  const wrap = (children: ReactNode) => <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>{children}</QueryClientProvider>;
  const settings = { strategy: 'rolling', maxSurge: 1, maxUnavailable: 0, keepWarmSeconds: 0, readyTimeoutSeconds: 90 };

  it('maps problem+json errors[] to fields', () => {
    const fe = fieldErrors({ errors: [{ field: 'maxSurge', message: 'must be 0 to 20' }, { field: 'maxSurge', message: 'cannot both be 0' }, { field: 'other', message: 'x' }] }, ['maxSurge']);
    expect(fe).toEqual({ maxSurge: 'must be 0 to 20; cannot both be 0', '': 'x' });
  });

  it('shows the server field errors next to their fields, marked invalid, and focuses the first', async () => {
    vi.spyOn(api, 'get').mockResolvedValue(settings);
    const put = vi.spyOn(api, 'put').mockRejectedValue(new ApiError(400, {
      type: 'invalid-deploy-settings', detail: 'Some deploy settings are not valid.',
      errors: [{ field: 'readyTimeoutSeconds', message: 'must be between 1 and 3600' }, { field: 'maxSurge', message: 'maxSurge and maxUnavailable cannot both be 0: nothing could move' }],
    }));
    render(wrap(<DeploySettingsForm app="shop" env="production" />));
    const surge = await screen.findByLabelText('Max surge');
    fireEvent.change(surge, { target: { value: '0' } });
    fireEvent.change(screen.getByLabelText('Ready timeout (seconds)'), { target: { value: '0' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    await waitFor(() => expect(surge.getAttribute('aria-invalid')).toBe('true'));
    expect(put).toHaveBeenCalledWith('/api/v1/apps/shop/envs/production/deploy-settings', { ...settings, maxSurge: 0, readyTimeoutSeconds: 0 });
    expect(surge.getAttribute('aria-describedby')).toContain('ds-maxSurge-error');
    expect(document.getElementById('ds-maxSurge-error')?.textContent).toContain('cannot both be 0');
    expect(document.getElementById('ds-readyTimeoutSeconds-error')?.textContent).toBe('must be between 1 and 3600');
    expect(screen.getByLabelText('Strategy').getAttribute('aria-invalid')).toBeNull();
    expect(document.activeElement).toBe(surge);
  });

  it('refuses a non-number before asking the server, and saves good values', async () => {
    vi.spyOn(api, 'get').mockResolvedValue(settings);
    const put = vi.spyOn(api, 'put').mockResolvedValue({ ...settings, strategy: 'blue-green', keepWarmSeconds: 300 });
    render(wrap(<DeploySettingsForm app="shop" env="production" />));
    const keep = await screen.findByLabelText('Keep warm (seconds)');
    fireEvent.change(keep, { target: { value: '' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    await waitFor(() => expect(document.getElementById('ds-keepWarmSeconds-error')?.textContent).toBe('must be a whole number'));
    expect(put).not.toHaveBeenCalled();
    fireEvent.change(keep, { target: { value: '300' } });
    fireEvent.change(screen.getByLabelText('Strategy'), { target: { value: 'blue-green' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    await waitFor(() => expect(put).toHaveBeenCalledWith('/api/v1/apps/shop/envs/production/deploy-settings', { ...settings, strategy: 'blue-green', keepWarmSeconds: 300 }));
  });
});

describe('rollback notifications', () => {
  const ev = (data: unknown, kind = 'deploy-rolled-back') => ({ type: 'event' as const, channel: 'notifications', seq: 1, kind, data });
  const data = { app: 'shop', env: 'production', deployment: 'dep_1', release: 3, restored: 2, reason: 'web.1 failed its health check' };

  it('toasts only for the app on screen', () => {
    expect(appInPath('/apps/shop/envs/production')).toBe('shop');
    expect(appInPath('/')).toBeNull();
    expect(rollbackToast(ev(data), 'shop')).toBe('shop/production: v3 was rolled back (web.1 failed its health check); v2 is serving again.');
    expect(rollbackToast(ev(data), 'blog')).toBeNull();
    expect(rollbackToast(ev(data), null)).toBeNull();
    expect(rollbackToast(ev(data, 'something-else'), 'shop')).toBeNull();
    expect(rollbackToast({ type: 'gap', channel: 'notifications', missed: 1 }, 'shop')).toBeNull();
  });
});
