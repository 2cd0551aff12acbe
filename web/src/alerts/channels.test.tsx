import { beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { ApiError } from '../api/client';
import { useToasts } from '../stores/toasts';
import { alertsApi } from './api';
import { AlertRulesPanel } from './AlertRulesPanel';
import { ChannelsPanel } from './ChannelsPanel';
import { globalPager, opsSlack, rulesAnswer, signIn, wrap } from './testing';
import type { AlertChannel, NewChannel } from './types';

const toasts = () => useToasts.getState().toasts.map((t) => `${t.kind}: ${t.message}`);

async function openForm() {
  wrap(<ChannelsPanel app="shop" />);
  return screen.findByRole('form', { name: 'New channel' });
}

describe('notification channels', () => {
  beforeEach(() => {
    signIn('admin');
    useToasts.setState({ toasts: [] });
    vi.spyOn(alertsApi, 'channels').mockResolvedValue({ items: [opsSlack, globalPager] });
  });

  it('lists the app’s and the global channels, masked as the API shows them, with their deliveries', async () => {
    wrap(<ChannelsPanel app="shop" />);
    const list = await screen.findByTestId('alert-channel-list');
    const ops = within(list).getByText('ops').closest('tr')!;
    expect(ops.textContent).toContain('Slack');
    expect(ops.textContent).toContain('https://hooks.slack.com/…');
    expect(ops.textContent).toContain('3 sent, 1 failed; last error: answered 500');
    expect(within(list).getByText('on-call').closest('tr')!.textContent).toContain('(global)');
  });

  it.each<[string, Record<string, string>, NewChannel]>([
    ['webhook', { 'Webhook URL': 'https://example.com/hook', 'Signing secret': 'a-secret-of-20-chars' },
      { name: 'n', type: 'webhook', url: 'https://example.com/hook', secret: 'a-secret-of-20-chars' }],
    ['webhook', { 'Webhook URL': 'https://example.com/hook' }, { name: 'n', type: 'webhook', url: 'https://example.com/hook' }],
    ['slack', { 'Slack webhook URL': 'https://hooks.slack.com/services/T/B/x' },
      { name: 'n', type: 'slack', url: 'https://hooks.slack.com/services/T/B/x' }],
    ['pagerduty', { 'Routing key': 'R0UTINGKEY' }, { name: 'n', type: 'pagerduty', routingKey: 'R0UTINGKEY' }],
    ['pagerduty', { 'Routing key': 'R0UTINGKEY', 'Events API URL': 'https://pd.example.com/v2/enqueue' },
      { name: 'n', type: 'pagerduty', routingKey: 'R0UTINGKEY', url: 'https://pd.example.com/v2/enqueue' }],
    ['email', { Recipients: 'ops@example.com, oncall@example.com\u00a0 dev@example.com' },
      { name: 'n', type: 'email', to: ['ops@example.com', 'oncall@example.com', 'dev@example.com'] }],
  ])('a %s channel sends the fields of its type', async (type, fields, body) => {
    const create = vi.spyOn(alertsApi, 'createChannel').mockResolvedValue({ id: 'chn_2', name: 'n', type, global: false });
    const form = await openForm();
    fireEvent.change(within(form).getByLabelText('Channel name'), { target: { value: 'n' } });
    fireEvent.change(within(form).getByLabelText('Type'), { target: { value: type } });
    for (const [label, value] of Object.entries(fields)) fireEvent.change(within(form).getByLabelText(label), { target: { value } });
    fireEvent.click(within(form).getByRole('button', { name: 'Add channel' }));
    await waitFor(() => expect(create).toHaveBeenCalledOnce());
    expect(create).toHaveBeenCalledWith('shop', body);
  });

  it('adds a global channel for every app when an admin ticks it, and an app channel otherwise', async () => {
    const global = vi.spyOn(alertsApi, 'createGlobalChannel').mockResolvedValue({ id: 'chn_3', name: 'pager', type: 'slack', global: true });
    const own = vi.spyOn(alertsApi, 'createChannel');
    const form = await openForm();
    fireEvent.change(within(form).getByLabelText('Channel name'), { target: { value: 'pager' } });
    fireEvent.change(within(form).getByLabelText('Type'), { target: { value: 'slack' } });
    fireEvent.change(within(form).getByLabelText('Slack webhook URL'), { target: { value: 'https://hooks.slack.com/services/T/B/x' } });
    fireEvent.click(within(form).getByRole('checkbox', { name: 'Global channel' }));
    fireEvent.click(within(form).getByRole('button', { name: 'Add channel' }));
    await waitFor(() => expect(global).toHaveBeenCalledOnce());
    expect(global).toHaveBeenCalledWith({ name: 'pager', type: 'slack', url: 'https://hooks.slack.com/services/T/B/x' });
    expect(own).not.toHaveBeenCalled();
  });

  it('offers an operator who is not a developer of the app only global channels, and a developer only the app’s', async () => {
    signIn('operator', { memberships: [] });
    const global = vi.spyOn(alertsApi, 'createGlobalChannel').mockResolvedValue({ id: 'chn_3', name: 'n', type: 'webhook', global: true });
    const form = await openForm();
    expect(within(form).queryByRole('checkbox', { name: 'Global channel' })).toBeNull();
    expect(form.textContent).toContain('You may add global channels');
    fireEvent.change(within(form).getByLabelText('Channel name'), { target: { value: 'n' } });
    fireEvent.change(within(form).getByLabelText('Webhook URL'), { target: { value: 'https://example.com/hook' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Add channel' }));
    await waitFor(() => expect(global).toHaveBeenCalledOnce());
    cleanup();

    signIn('developer', { memberships: [{ app: 'shop', role: 'developer' }] });
    const mine = await openForm();
    expect(within(mine).queryByRole('checkbox', { name: 'Global channel' })).toBeNull();
    expect(mine.textContent).not.toContain('global channels');
  });

  it('asks for secrets in password inputs and shows only a generated webhook secret, once', async () => {
    vi.spyOn(alertsApi, 'createChannel').mockResolvedValue({ id: 'chn_2', name: 'hooks', type: 'webhook', global: false, secret: 'generated-0123456789' });
    const form = await openForm();
    expect(within(form).getByLabelText('Signing secret').getAttribute('type')).toBe('password');
    fireEvent.change(within(form).getByLabelText('Type'), { target: { value: 'pagerduty' } });
    expect(within(form).getByLabelText('Routing key').getAttribute('type')).toBe('password');
    fireEvent.change(within(form).getByLabelText('Type'), { target: { value: 'webhook' } });

    fireEvent.change(within(form).getByLabelText('Channel name'), { target: { value: 'hooks' } });
    fireEvent.change(within(form).getByLabelText('Webhook URL'), { target: { value: 'https://example.com/hook' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Add channel' }));
    const shown = await screen.findByTestId('channel-secret');
    expect(shown.textContent).toContain('generated-0123456789');
    fireEvent.click(within(shown).getByRole('button', { name: 'Done' }));
    expect(screen.queryByText('generated-0123456789')).toBeNull();
  });

  it('shows the server’s field errors next to their fields', async () => {
    vi.spyOn(alertsApi, 'createChannel').mockRejectedValue(new ApiError(422, {
      type: 'invalid-alert-channel', detail: 'The channel has invalid fields.',
      errors: [{ field: 'secret', message: '16–200 characters (or leave it out to get a generated one)' }, { field: 'url', message: 'an http:// or https:// URL' }],
    }));
    const form = await openForm();
    fireEvent.change(within(form).getByLabelText('Channel name'), { target: { value: 'hooks' } });
    fireEvent.change(within(form).getByLabelText('Webhook URL'), { target: { value: 'ftp://x' } });
    fireEvent.change(within(form).getByLabelText('Signing secret'), { target: { value: 'short' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Add channel' }));
    const error = await within(form).findByText('16–200 characters (or leave it out to get a generated one)');
    const secret = within(form).getByLabelText('Signing secret');
    expect(secret.getAttribute('aria-invalid')).toBe('true');
    expect(secret.getAttribute('aria-describedby')).toBe(`ch-secret-help ${error.id}`);
    expect(within(form).getByLabelText('Webhook URL').getAttribute('aria-invalid')).toBe('true');
    expect(within(form).getByText('an http:// or https:// URL')).toBeTruthy();
    expect(document.activeElement).toBe(within(form).getByLabelText('Webhook URL'));
  });

  it('shows a problem without field errors at the top of the form', async () => {
    vi.spyOn(alertsApi, 'createChannel').mockRejectedValue(new ApiError(409, { type: 'too-many-channels', detail: 'At most 20 channels per app.' }));
    const form = await openForm();
    fireEvent.change(within(form).getByLabelText('Channel name'), { target: { value: 'x' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Add channel' }));
    expect((await within(form).findByRole('alert')).textContent).toBe('At most 20 channels per app.');
  });

  it('offers a new channel at once among the rule form’s channels', async () => {
    const hooks: AlertChannel = { id: 'chn_2', name: 'hooks', type: 'webhook', global: false, target: 'https://example.com/…' };
    let created = false;
    vi.spyOn(alertsApi, 'channels').mockImplementation(async () => ({ items: created ? [opsSlack, hooks] : [opsSlack] }));
    vi.spyOn(alertsApi, 'rules').mockResolvedValue(rulesAnswer);
    vi.spyOn(alertsApi, 'createChannel').mockImplementation(async () => {
      created = true;
      return hooks;
    });
    wrap(<AlertRulesPanel app="shop" env="production" />);
    const rules = await screen.findByRole('form', { name: 'New rule' });
    await within(rules).findByRole('checkbox', { name: /ops/ });
    expect(within(rules).queryByRole('checkbox', { name: /hooks/ })).toBeNull();

    const form = screen.getByRole('form', { name: 'New channel' });
    fireEvent.change(within(form).getByLabelText('Channel name'), { target: { value: 'hooks' } });
    fireEvent.change(within(form).getByLabelText('Webhook URL'), { target: { value: 'https://example.com/hook' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Add channel' }));
    await within(rules).findByRole('checkbox', { name: /hooks/ });
    expect(within(screen.getByTestId('alert-channel-list')).getByText('hooks')).toBeTruthy();
  });

  it('sends a test and says whether the receiver took it', async () => {
    const send = vi.spyOn(alertsApi, 'testChannel').mockResolvedValueOnce({ delivered: true })
      .mockResolvedValueOnce({ delivered: false, error: 'answered 500: down' })
      .mockRejectedValueOnce(new ApiError(404, { type: 'not-found', detail: 'No alert-channel chn_1.' }));
    wrap(<ChannelsPanel app="shop" />);
    const button = await screen.findByRole('button', { name: 'Send test to channel ops' });
    fireEvent.click(button);
    await waitFor(() => expect(toasts()).toEqual(['success: Sent a test notification to ops.']));
    fireEvent.click(button);
    await waitFor(() => expect(toasts()).toContain('error: The test notification to ops failed: answered 500: down.'));
    fireEvent.click(button);
    await waitFor(() => expect(toasts()).toContain('error: No alert-channel chn_1.'));
    expect(send).toHaveBeenCalledTimes(3);
    expect(send).toHaveBeenCalledWith('chn_1');
  });

  it('deletes a channel only once confirmed', async () => {
    const del = vi.spyOn(alertsApi, 'deleteChannel').mockResolvedValue(undefined);
    wrap(<ChannelsPanel app="shop" />);
    fireEvent.click(await screen.findByRole('button', { name: 'Delete channel ops' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Delete channel ops?' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(del).not.toHaveBeenCalled();

    fireEvent.click(screen.getByRole('button', { name: 'Delete channel ops' }));
    fireEvent.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Delete channel' }));
    await waitFor(() => expect(del).toHaveBeenCalledWith('chn_1'));
    await waitFor(() => expect(toasts()).toEqual(['success: Deleted the channel ops.']));
  });

  it('leaves global channels to admins and operators', async () => {
    signIn('developer', { memberships: [{ app: 'shop', role: 'developer' }] });
    wrap(<ChannelsPanel app="shop" />);
    expect(await screen.findByRole('button', { name: 'Send test to channel ops' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Send test to channel on-call' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Delete channel on-call' })).toBeNull();
    expect(screen.getByRole('form', { name: 'New channel' })).toBeTruthy();
  });
});
