import { useState, type FormEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { notify } from '../stores/toasts';
import { alertKeys, alertsApi } from './api';
import { useFormErrors } from './formErrors';
import { CHANNEL_TYPES, type ChannelType, type CreatedChannel, type NewChannel } from './types';

const FIELDS = ['name', 'type', 'url', 'secret', 'routingKey', 'to'] as const;

export const CHANNEL_TYPE_LABELS: Record<ChannelType, string> = { webhook: 'Webhook', slack: 'Slack', pagerduty: 'PagerDuty', email: 'Email' };

/** Reads the channel form into the body its type takes; optional fields left empty are left out. */
export function readChannel(form: HTMLFormElement): NewChannel {
  const data = new FormData(form);
  const text = (k: string) => String(data.get(k) ?? '').trim();
  const name = text('name');
  switch (text('type')) {
    case 'slack':
      return { name, type: 'slack', url: text('url') };
    case 'pagerduty':
      return { name, type: 'pagerduty', routingKey: text('routingKey'), ...(text('url') ? { url: text('url') } : {}) };
    case 'email':
      return { name, type: 'email', to: text('to').split(/[\s,;]+/).filter(Boolean) };
    default: {
      // A secret is sent exactly as typed; none means the server generates one.
      const secret = String(data.get('secret') ?? '');
      return { name, type: 'webhook', url: text('url'), ...(secret ? { secret } : {}) };
    }
  }
}

/**
 * A form to add one of the app's channels or, for admins and operators, a global one (for every app); its fields
 * follow the chosen type.
 */
export function ChannelForm({ app, mayAddApp = true, mayAddGlobal = false }: { app: string; mayAddApp?: boolean; mayAddGlobal?: boolean }) {
  const client = useQueryClient();
  const { fail, clear, invalid, fieldError, formError } = useFormErrors('ch', FIELDS);
  const [type, setType] = useState<ChannelType>('webhook');
  const [busy, setBusy] = useState(false);
  const [formKey, setFormKey] = useState(0);
  const [created, setCreated] = useState<CreatedChannel | null>(null);

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const body = readChannel(e.currentTarget);
    const global = mayAddGlobal && (!mayAddApp || new FormData(e.currentTarget).get('global') === 'on');
    setBusy(true);
    try {
      const channel = global ? await alertsApi.createGlobalChannel(body) : await alertsApi.createChannel(app, body);
      clear();
      setCreated(channel.secret ? channel : null);
      setType('webhook');
      setFormKey((k) => k + 1);
      notify.ok(`Added the channel ${channel.name}.`);
      // The rule form's channel checkboxes read the same list; a global channel is in every app's.
      await client.invalidateQueries({ queryKey: global ? alertKeys.allChannels : alertKeys.channels(app) });
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  }

  function help(id: string, text: string) {
    return <span id={id} className="help">{text}</span>;
  }

  return (
    <>
      <h3 id="channel-form-title">New channel</h3>
      {created?.secret && (
        <div className="callout" role="status" data-testid="channel-secret">
          <p>
            Channel <strong>{created.name}</strong> signs its requests with this generated secret. Copy it now: it will not be shown again.
          </p>
          <code className="secret-once">{created.secret}</code>
          <p>
            <button type="button" className="btn btn-small btn-quiet" onClick={() => setCreated(null)}>
              Done
            </button>
          </p>
        </div>
      )}
      <form key={formKey} className="settings-form" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="channel-form-title"
        data-testid="channel-form">
        {formError}
        <div className="field">
          <label htmlFor="ch-name">Channel name</label>
          <input id="ch-name" name="name" maxLength={100} required {...invalid('name')} />
          {fieldError('name')}
        </div>
        <div className="field">
          <label htmlFor="ch-type">Type</label>
          <select id="ch-type" name="type" value={type} {...invalid('type')}
            onChange={(e) => {
              setType(e.target.value as ChannelType);
              clear();
            }}>
            {CHANNEL_TYPES.map((t) => <option key={t} value={t}>{CHANNEL_TYPE_LABELS[t]}</option>)}
          </select>
          {fieldError('type')}
        </div>
        {(type === 'webhook' || type === 'slack') && (
          <div className="field">
            <label htmlFor="ch-url">{type === 'slack' ? 'Slack webhook URL' : 'Webhook URL'}</label>
            <input id="ch-url" name="url" type="url" required autoComplete="off" aria-describedby="ch-url-help" {...invalid('url', 'ch-url-help')} />
            {help('ch-url-help', type === 'slack'
              ? 'An incoming-webhook URL (https://hooks.slack.com/services/…). Afterwards only its host is shown.'
              : 'Receives each notification as a signed JSON POST. Afterwards only its host is shown.')}
            {fieldError('url')}
          </div>
        )}
        {type === 'webhook' && (
          <div className="field">
            <label htmlFor="ch-secret">Signing secret</label>
            <input id="ch-secret" name="secret" type="password" autoComplete="new-password" minLength={16} maxLength={200}
              aria-describedby="ch-secret-help" {...invalid('secret', 'ch-secret-help')} />
            {help('ch-secret-help', '16–200 characters, to sign each request (X-CodeRunner-Signature). Leave it empty to get a generated one, shown once.')}
            {fieldError('secret')}
          </div>
        )}
        {type === 'pagerduty' && (
          <>
            <div className="field">
              <label htmlFor="ch-routingKey">Routing key</label>
              <input id="ch-routingKey" name="routingKey" type="password" autoComplete="off" required maxLength={100}
                aria-describedby="ch-routingKey-help" {...invalid('routingKey', 'ch-routingKey-help')} />
              {help('ch-routingKey-help', 'The integration key of a PagerDuty service (Events API v2). It is never shown again.')}
              {fieldError('routingKey')}
            </div>
            <div className="field">
              <label htmlFor="ch-url">Events API URL</label>
              <input id="ch-url" name="url" type="url" autoComplete="off" aria-describedby="ch-url-help" {...invalid('url', 'ch-url-help')} />
              {help('ch-url-help', 'Optional: leave it empty for PagerDuty’s own.')}
              {fieldError('url')}
            </div>
          </>
        )}
        {type === 'email' && (
          <div className="field">
            <label htmlFor="ch-to">Recipients</label>
            <input id="ch-to" name="to" required placeholder="ops@example.com, oncall@example.com" aria-describedby="ch-to-help" {...invalid('to', 'ch-to-help')} />
            {help('ch-to-help', '1–20 addresses, separated by commas or spaces. Email needs a mail server (CODERUNNER_SMTP_HOST).')}
            {fieldError('to')}
          </div>
        )}
        {mayAddGlobal && mayAddApp && (
          <div className="field">
            <label>
              <input type="checkbox" name="global" aria-describedby="ch-global-help" /> Global channel
            </label>
            {help('ch-global-help', `For every app’s alerts and rules, not only ${app}’s.`)}
          </div>
        )}
        {mayAddGlobal && !mayAddApp && <p className="help">You may add global channels (for every app), not channels of {app} only.</p>}
        <div className="field-actions">
          <button type="submit" className="btn btn-primary" disabled={busy}>
            Add channel
          </button>
        </div>
      </form>
    </>
  );
}
