import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/react';
import { QueryClient } from '@tanstack/react-query';
import { ConfirmDialog } from './ConfirmDialog';
import { StatusBadge } from './StatusBadge';
import { duration, timeAgo, tone } from './format';
import { phaseSteps } from '../pages/DeploymentPage';
import { applyEnvEvent, envKeys } from '../pages/EnvPage';
import type { Instance, Page } from '../api/types';

describe('ConfirmDialog', () => {
  it('focuses Cancel, cancels on Escape and confirms on click', () => {
    const onConfirm = vi.fn();
    const onCancel = vi.fn();
    render(<ConfirmDialog open title="Stop shop/production?" confirmLabel="Stop" danger onConfirm={onConfirm} onCancel={onCancel} />);
    expect(screen.getByRole('alertdialog', { name: 'Stop shop/production?' })).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Cancel' }));
    fireEvent.keyDown(document.activeElement!, { key: 'Escape' });
    expect(onCancel).toHaveBeenCalledOnce();
    fireEvent.click(screen.getByRole('button', { name: 'Stop' }));
    expect(onConfirm).toHaveBeenCalledOnce();
  });

  it('keeps Tab inside the dialog', () => {
    render(<ConfirmDialog open title="Roll back?" confirmLabel="Roll back" onConfirm={() => {}} onCancel={() => {}} />);
    const confirm = screen.getByRole('button', { name: 'Roll back' });
    confirm.focus();
    fireEvent.keyDown(confirm, { key: 'Tab' });
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Cancel' }));
  });

  it('renders nothing when closed', () => {
    const { container } = render(<ConfirmDialog open={false} title="x" confirmLabel="y" onConfirm={() => {}} onCancel={() => {}} />);
    expect(container.innerHTML).toBe('');
  });
});

describe('status display', () => {
  it('maps every status word to a tone and shows the word itself', () => {
    expect(tone('running')).toBe('ok');
    expect(tone('deploying')).toBe('busy');
    expect(tone('crashed')).toBe('bad');
    expect(tone('stopped')).toBe('idle');
    render(<StatusBadge status="crashed" />);
    expect(screen.getByText('crashed').className).toContain('badge-bad');
  });

  it('formats durations and relative times', () => {
    expect(duration(75)).toBe('1m 15s');
    expect(duration(90000)).toBe('1d 1h');
    expect(timeAgo(new Date(Date.now() - 120_000).toISOString())).toBe('2 min ago');
    expect(timeAgo(null)).toBe('—');
  });

  it('marks deployment phases done, current and failed', () => {
    expect(phaseSteps('starting').map((s) => s.state)).toEqual(['done', 'done', 'current', 'todo', 'todo', 'todo']);
    expect(phaseSteps('succeeded').every((s) => s.state === 'done')).toBe(true);
    expect(phaseSteps('failed').at(-1)?.state).toBe('failed');
    expect(phaseSteps('rolled-back').at(-1)).toEqual({ phase: 'rolled-back', state: 'failed' });
    expect(phaseSteps('rolled-back', ['queued', 'building']).map((s) => s.state)).toEqual(['done', 'done', 'todo', 'todo', 'todo', 'failed']);
    expect(phaseSteps('awaiting-approval').map((s) => s.phase)).toContain('awaiting-approval');
  });
});

describe('live environment updates', () => {
  it('upserts and removes instances from the cache as events arrive', () => {
    const client = new QueryClient();
    const key = envKeys('shop', 'production').instances;
    client.setQueryData<Page<Instance>>(key, { items: [{ id: 'web.1', state: 'starting' }] });
    const ev = (data: Instance, seq: number) => ({ type: 'event' as const, channel: 'instances:shop/production', seq, kind: 'instance', data });
    applyEnvEvent(client, 'shop', 'production', ev({ id: 'web.1', state: 'healthy' }, 1));
    applyEnvEvent(client, 'shop', 'production', ev({ id: 'web.2', state: 'starting' }, 2));
    expect(client.getQueryData<Page<Instance>>(key)?.items).toEqual([{ id: 'web.1', state: 'healthy' }, { id: 'web.2', state: 'starting' }]);
    applyEnvEvent(client, 'shop', 'production', ev({ id: 'web.1', state: 'stopped' }, 3));
    expect(client.getQueryData<Page<Instance>>(key)?.items.map((i) => i.id)).toEqual(['web.2']);
  });
});
