import { api, enc, envPath } from '../api/client';
import type { Page } from '../api/types';
import type { Alert, AlertChannel, AlertRule, BuiltinRule, ChannelTest, CreatedChannel, NewChannel, NewRule, RulesResponse } from './types';

/** The alerts routes of the REST API, in one place for the pages and the bell. */
export const alertsApi = {
  list: (state?: 'firing' | 'resolved', limit = 50) =>
    api.get<Page<Alert>>(`/api/v1/alerts?${state ? `state=${state}&` : ''}limit=${limit}`),
  ack: (id: string) => api.post<Alert>(`/api/v1/alerts/${enc(id)}/ack`, {}),
  silence: (id: string, duration: string) => api.post<Alert>(`/api/v1/alerts/${enc(id)}/silence`, { for: duration }),
  rules: (app: string, env: string) => api.get<RulesResponse>(`${envPath(app, env)}/alerts/rules`),
  createRule: (app: string, env: string, rule: NewRule) => api.post<AlertRule>(`${envPath(app, env)}/alerts/rules`, rule),
  /** Replaces the rule: the body has every field, as for a new one. */
  updateRule: (app: string, env: string, id: string, rule: NewRule) =>
    api.put<AlertRule>(`${envPath(app, env)}/alerts/rules/${enc(id)}`, rule),
  deleteRule: (app: string, env: string, id: string) => api.request<void>('DELETE', `${envPath(app, env)}/alerts/rules/${enc(id)}`),
  switchBuiltin: (app: string, env: string, kind: string, enabled: boolean) =>
    api.put<BuiltinRule>(`${envPath(app, env)}/alerts/builtin/${enc(kind)}`, { enabled }),
  /** The app's channels and the global ones. */
  channels: (app: string) => api.get<Page<AlertChannel>>(`/api/v1/apps/${enc(app)}/alerts/channels`),
  createChannel: (app: string, channel: NewChannel) => api.post<CreatedChannel>(`/api/v1/apps/${enc(app)}/alerts/channels`, channel),
  /** A channel for every app (admins and operators). */
  createGlobalChannel: (channel: NewChannel) => api.post<CreatedChannel>('/api/v1/alerts/channels', channel),
  testChannel: (id: string) => api.post<ChannelTest>(`/api/v1/alerts/channels/${enc(id)}/test`, {}),
  deleteChannel: (id: string) => api.request<void>('DELETE', `/api/v1/alerts/channels/${enc(id)}`),
};

export const alertKeys = {
  all: ['alerts'] as const,
  list: (state: string) => ['alerts', 'list', state] as const,
  rules: (app: string, env: string) => ['alerts', 'rules', app, env] as const,
  channels: (app: string) => ['alerts', 'channels', app] as const,
  /** Every app's channel list (a global channel is in all of them). */
  allChannels: ['alerts', 'channels'] as const,
};
