import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { api, ApiError } from '../api/client';
import { alertsApi } from './api';
import { AlertBell } from './AlertBell';
import { AlertRulesPanel, describeRule } from './AlertRulesPanel';
import { highCpu, opsSlack, rulesAnswer as rules, signIn, wrap } from './testing';
import { alertEvent, alertToast, useUnread } from './unread';
import type { Alert } from './types';

const alert = (over: Partial<Alert> = {}): Alert => ({
  id: 'alt_1', app: 'shop', env: 'production', rule: 'deploy-failed', ruleName: 'Deploy failed or rolled back', builtin: true,
  severity: 'warning', summary: 'Deployment dep_1 (v2) was rolled back', state: 'firing', startedAt: '2026-11-25T12:00:00Z',
  firedAt: new Date().toISOString(), silenced: false, ...over,
});

const event = (kind: string, data: unknown) => ({ type: 'event' as const, channel: 'notifications', seq: 1, kind, data });

describe('alert notifications', () => {
  it('reads alert events off the notifications channel and ignores the rest', () => {
    expect(alertEvent(event('alert-firing', alert()))?.kind).toBe('firing');
    expect(alertEvent(event('alert-resolved', alert()))?.kind).toBe('resolved');
    expect(alertEvent(event('deploy-rolled-back', { app: 'shop' }))).toBeNull();
    expect(alertEvent({ type: 'gap', channel: 'notifications', missed: 3 })).toBeNull();
    expect(alertEvent(event('alert-firing', null))).toBeNull();
  });

  it('toasts firing alerts by severity and resolutions, never silenced ones or acknowledgements', () => {
    expect(alertToast({ kind: 'firing', alert: alert({ severity: 'critical' }) })).toEqual({
      tone: 'error', text: 'Alert (critical): Deploy failed or rolled back on shop/production.',
    });
    expect(alertToast({ kind: 'firing', alert: alert() })?.tone).toBe('warning');
    expect(alertToast({ kind: 'resolved', alert: alert() })).toEqual({ tone: 'success', text: 'Resolved: Deploy failed or rolled back on shop/production.' });
    expect(alertToast({ kind: 'firing', alert: alert({ silenced: true }) })).toBeNull();
    expect(alertToast({ kind: 'acknowledged', alert: alert() })).toBeNull();
    // On the page of the app whose deploy failed, the rollback notice says it already.
    expect(alertToast({ kind: 'firing', alert: alert() }, 'shop')).toBeNull();
    expect(alertToast({ kind: 'firing', alert: alert() }, 'other')?.tone).toBe('warning');
    expect(alertToast({ kind: 'firing', alert: alert({ rule: 'crash-loop' }) }, 'shop')?.tone).toBe('warning');
  });
});

describe('the bell', () => {
  beforeEach(() => {
    localStorage.clear();
    useUnread.setState({ ids: [], seenAt: new Date(0).toISOString() });
  });

  it('counts new unsilenced alerts once each, and nothing after being opened', () => {
    const s = useUnread.getState();
    s.add(alert({ id: 'a' }));
    s.add(alert({ id: 'a' }));
    s.add(alert({ id: 'b', silenced: true }));
    s.add(alert({ id: 'c' }));
    expect(useUnread.getState().ids).toEqual(['a', 'c']);
    useUnread.getState().markSeen();
    expect(useUnread.getState().ids).toEqual([]);
    expect(localStorage.getItem('coderunner.alerts.seen')).toBe(useUnread.getState().seenAt);
    useUnread.getState().merge([alert({ id: 'old', firedAt: '2020-01-01T00:00:00Z' })]);
    expect(useUnread.getState().ids).toEqual([]);
  });

  it('shows the count, including alerts that fired while the page was closed, and clears it when opened', async () => {
    vi.spyOn(alertsApi, 'list').mockResolvedValue({ items: [alert({ id: 'x' }), alert({ id: 'y' })] });
    wrap(<AlertBell />);
    await waitFor(() => expect(screen.getByTestId('alert-count').textContent).toBe('2'));
    const bell = screen.getByRole('link', { name: 'Alerts, 2 new' });
    fireEvent.click(bell);
    expect(screen.queryByTestId('alert-count')).toBeNull();
    expect(screen.getByRole('link', { name: 'Alerts, none new' })).toBeTruthy();
  });
});

describe('the rule editor', () => {
  beforeEach(() => {
    signIn('admin');
    vi.spyOn(alertsApi, 'rules').mockResolvedValue(rules);
    vi.spyOn(alertsApi, 'channels').mockResolvedValue({ items: [opsSlack] });
  });

  it('describes conditions with their hysteresis', () => {
    expect(describeRule(rules.items[0]!)).toBe('cpu_percent > 80 for 30s, resolves below 60');
    expect(describeRule({ metric: 'requests_per_second', comparison: '<', threshold: 1, for: '0s', resolveThreshold: 1 })).toBe(
      'requests_per_second < 1 for 0s');
  });

  it('lists rules with their state and creates a new one from the form', async () => {
    const create = vi.spyOn(alertsApi, 'createRule').mockResolvedValue(rules.items[0] as never);
    wrap(<AlertRulesPanel app="shop" env="production" />);
    expect(await screen.findByText('cpu_percent > 80 for 30s, resolves below 60')).toBeTruthy();
    expect(screen.getByText('no-data')).toBeTruthy();
    expect((screen.getByRole('checkbox', { name: /Crash loop/ }) as HTMLInputElement).checked).toBe(true);

    fireEvent.change(screen.getByLabelText('Name'), { target: { value: 'Slow' } });
    fireEvent.change(screen.getByLabelText('Metric'), { target: { value: 'latency_p95_ms' } });
    fireEvent.change(screen.getByLabelText('Threshold'), { target: { value: '300' } });
    fireEvent.change(screen.getByLabelText('For'), { target: { value: '5m' } });
    fireEvent.change(screen.getByLabelText('Severity'), { target: { value: 'critical' } });
    fireEvent.click(await screen.findByRole('checkbox', { name: /ops/ }));
    fireEvent.click(screen.getByRole('button', { name: 'Create rule' }));

    await waitFor(() => expect(create).toHaveBeenCalledOnce());
    expect(create).toHaveBeenCalledWith('shop', 'production', {
      name: 'Slow', metric: 'latency_p95_ms', comparison: '>', threshold: 300, for: '5m', severity: 'critical', channels: ['chn_1'],
    });
  });

  it('shows the server’s field errors next to their fields', async () => {
    vi.spyOn(alertsApi, 'createRule').mockRejectedValue(new ApiError(422, {
      type: 'invalid-alert-rule', detail: 'The alert rule has invalid fields.',
      errors: [{ field: 'resolveThreshold', message: 'at most the threshold' }],
    }));
    wrap(<AlertRulesPanel app="shop" env="production" />);
    fireEvent.change(await screen.findByLabelText('Name'), { target: { value: 'x' } });
    fireEvent.change(screen.getByLabelText('Threshold'), { target: { value: '80' } });
    fireEvent.change(screen.getByLabelText('Resolve threshold'), { target: { value: '90' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create rule' }));
    expect(await screen.findByText('at most the threshold')).toBeTruthy();
    expect(screen.getByLabelText('Resolve threshold').getAttribute('aria-invalid')).toBe('true');
  });
  it('edits a rule in the same form, prefilled, and saves it with exactly one PUT of the changed rule', async () => {
    const request = vi.spyOn(api, 'request').mockResolvedValue({ ...highCpu, threshold: 90, channels: ['chn_1'] });
    const create = vi.spyOn(alertsApi, 'createRule');
    wrap(<AlertRulesPanel app="shop" env="production" />);
    fireEvent.click(await screen.findByRole('button', { name: 'Edit alert rule High CPU' }));

    const form = screen.getByRole('form', { name: 'Edit rule High CPU' });
    const field = (label: string) => within(form).getByLabelText(label) as HTMLInputElement;
    expect(field('Name').value).toBe('High CPU');
    expect(document.activeElement).toBe(field('Name'));
    expect(field('Threshold').value).toBe('80');
    expect(field('For').value).toBe('30s');
    expect(field('Resolve threshold').value).toBe('60');
    expect(field('Severity').value).toBe('critical');
    fireEvent.change(field('Threshold'), { target: { value: '90' } });
    fireEvent.click(await within(form).findByRole('checkbox', { name: /ops/ }));
    fireEvent.click(within(form).getByRole('button', { name: 'Save rule' }));

    await waitFor(() => expect(screen.getByRole('form', { name: 'New rule' })).toBeTruthy());
    const puts = request.mock.calls.filter(([method]) => method === 'PUT');
    expect(puts).toEqual([['PUT', '/api/v1/apps/shop/envs/production/alerts/rules/alr_1', {
      name: 'High CPU', metric: 'cpu_percent', comparison: '>', threshold: 90, for: '30s', resolveThreshold: 60, severity: 'critical',
      channels: ['chn_1'], enabled: true,
    }]]);
    expect(request.mock.calls.filter(([method]) => method !== 'PUT')).toEqual([]);
    expect(create).not.toHaveBeenCalled();
  });

  it('keeps a disabled rule disabled and a default resolve threshold following the threshold', async () => {
    vi.spyOn(alertsApi, 'rules').mockResolvedValue({ ...rules, items: [{ ...highCpu, resolveThreshold: 80, enabled: false }] });
    const update = vi.spyOn(alertsApi, 'updateRule').mockResolvedValue(highCpu);
    wrap(<AlertRulesPanel app="shop" env="production" />);
    fireEvent.click(await screen.findByRole('button', { name: 'Edit alert rule High CPU' }));
    expect((screen.getByLabelText('Resolve threshold') as HTMLInputElement).value).toBe('');
    fireEvent.change(screen.getByLabelText('Threshold'), { target: { value: '95' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save rule' }));
    await waitFor(() => expect(update).toHaveBeenCalledOnce());
    expect(update.mock.calls[0]![3]).not.toHaveProperty('resolveThreshold');
    expect(update.mock.calls[0]![3]).toMatchObject({ threshold: 95, enabled: false });
  });

  it('shows an edit’s field errors next to their fields; Cancel sends nothing and leaves the rule as it was', async () => {
    const update = vi.spyOn(alertsApi, 'updateRule').mockRejectedValue(new ApiError(422, {
      type: 'invalid-alert-rule', detail: 'The alert rule has invalid fields.', errors: [{ field: 'for', message: 'a duration from 0s to 24h' }],
    }));
    wrap(<AlertRulesPanel app="shop" env="production" />);
    fireEvent.click(await screen.findByRole('button', { name: 'Edit alert rule High CPU' }));
    fireEvent.change(screen.getByLabelText('For'), { target: { value: '2d' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save rule' }));
    const error = await screen.findByText('a duration from 0s to 24h');
    const input = screen.getByLabelText('For');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(input.getAttribute('aria-describedby')).toContain(error.id);
    expect(document.activeElement).toBe(input);
    expect(update).toHaveBeenCalledOnce();

    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.getByRole('form', { name: 'New rule' })).toBeTruthy();
    expect((screen.getByLabelText('Name') as HTMLInputElement).value).toBe('');
    expect(screen.queryByText('a duration from 0s to 24h')).toBeNull();
    expect(screen.getByText('cpu_percent > 80 for 30s, resolves below 60')).toBeTruthy();
    expect(update).toHaveBeenCalledOnce();
  });

  it.each([
    ['a viewer', () => signIn('viewer')],
    ['a read-scoped token', () => signIn('admin', { scope: 'read' })],
    ['a developer who is only a viewer member', () => signIn('developer', { memberships: [{ app: 'shop', role: 'viewer' }] })],
  ])('shows %s the rules, built-in states and channels without any control that changes them', async (_who, as) => {
    as();
    wrap(<AlertRulesPanel app="shop" env="production" />);
    expect(await screen.findByText('cpu_percent > 80 for 30s, resolves below 60')).toBeTruthy();
    expect(await screen.findByText('ops')).toBeTruthy();
    expect(screen.getByText('(on, critical)')).toBeTruthy();
    expect(screen.queryAllByRole('button')).toEqual([]);
    expect(screen.queryAllByRole('checkbox')).toEqual([]);
    expect(screen.queryAllByRole('textbox')).toEqual([]);
    expect(screen.queryByRole('form')).toBeNull();
  });
});
