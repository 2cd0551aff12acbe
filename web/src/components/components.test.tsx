import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/react';
import { QueryClient } from '@tanstack/react-query';
import { ConfirmDialog } from './ConfirmDialog';
import { DataTable } from './DataTable';
import { QueryItems, type QueryLike } from './QueryItems';
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

describe('a query\'s list', () => {
  const query = <D,>(over: Partial<QueryLike<D>>): QueryLike<D> => ({
    isPending: false, isError: false, error: null, data: undefined, refetch: vi.fn(() => Promise.resolve()), ...over,
  });
  const names = (items: { name: string }[]) => <ul>{items.map((i) => <li key={i.name}>{i.name}</li>)}</ul>;

  it('shows a spinner with its label while pending', () => {
    render(<QueryItems query={query<{ items: { name: string }[] }>({ isPending: true })} empty="No apps." loading="Loading apps…">{names}</QueryItems>);
    expect(screen.getByRole('status').textContent).toBe('Loading apps…');
  });

  it('shows the error with a retry that refetches', () => {
    const q = query<{ items: { name: string }[] }>({ isError: true, error: new Error('boom') });
    render(<QueryItems query={q} empty="No apps.">{names}</QueryItems>);
    expect(screen.getByRole('alert').textContent).toContain('boom');
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(q.refetch).toHaveBeenCalledOnce();
  });

  it('shows the empty title and detail instead of an empty list', () => {
    const draw = vi.fn(names);
    render(<QueryItems query={query({ data: { items: [] as { name: string }[] } })} empty="No apps." emptyDetail={<p>Create one.</p>}>{draw}</QueryItems>);
    expect(screen.getByText('No apps.').className).toBe('state-title');
    expect(screen.getByText('Create one.')).toBeTruthy();
    expect(draw).not.toHaveBeenCalled();
  });

  it('draws the items, with the whole answer beside them', () => {
    const data = { items: [{ name: 'shop' }, { name: 'blog' }], nextCursor: 'c2' };
    render(<QueryItems query={query({ data })} empty="No apps.">{(items, page) => <>{names(items)}<p>next {page.nextCursor}</p></>}</QueryItems>);
    expect(screen.getAllByRole('listitem').map((li) => li.textContent)).toEqual(['shop', 'blog']);
    expect(screen.getByText('next c2')).toBeTruthy();
  });

  it('takes the list from elsewhere with select', () => {
    const data = { pages: [{ items: [{ name: 'v2' }] }, { items: [{ name: 'v1' }] }] };
    render(<QueryItems query={query({ data })} select={(d) => d.pages.flatMap((p) => p.items)} empty="No releases.">{names}</QueryItems>);
    expect(screen.getAllByRole('listitem').map((li) => li.textContent)).toEqual(['v2', 'v1']);
  });
});

describe('DataTable', () => {
  type Token = { id: string; name: string; scope: string };
  const rows: Token[] = [{ id: 't1', name: 'ci', scope: 'deploy' }, { id: 't2', name: 'laptop', scope: 'read' }];

  function renderTable(manage: boolean) {
    return render(
      <DataTable testId="tokens" caption="API tokens" rows={rows} rowKey={(t) => t.id} rowData={(t) => ({ 'data-testid': `token-${t.name}` })} columns={[
        { label: 'Name', cell: (t) => t.name },
        { label: 'Scope', cell: (t) => t.scope, className: 'num', title: (t) => `scope of ${t.name}` },
        manage && { label: 'Actions', hideLabel: true, cell: (t, i) => <button type="button">Revoke {t.name} #{i}</button> },
      ]} />,
    );
  }

  it('labels each cell with its column for the narrow layout and hides the Actions header visually', () => {
    renderTable(true);
    const table = screen.getByTestId('tokens');
    expect(table.className).toBe('table');
    expect(table.querySelector('caption')?.className).toBe('visually-hidden');
    const headers = [...table.querySelectorAll('thead th')];
    expect(headers.map((th) => [th.getAttribute('scope'), th.textContent])).toEqual([['col', 'Name'], ['col', 'Scope'], ['col', 'Actions']]);
    expect(headers[1]!.className).toBe('num');
    expect(headers[2]!.querySelector('span.visually-hidden')?.textContent).toBe('Actions');
    const cells = [...screen.getByTestId('token-laptop').querySelectorAll('td')];
    expect(cells.map((td) => [td.dataset.label, td.textContent])).toEqual([['Name', 'laptop'], ['Scope', 'read'], ['Actions', 'Revoke laptop #1']]);
    expect(cells[1]!.className).toBe('num');
    expect(cells[1]!.title).toBe('scope of laptop');
    expect(cells[0]!.hasAttribute('title')).toBe(false);
  });

  it('leaves out a column given as false, header and cells alike', () => {
    renderTable(false);
    expect([...screen.getByTestId('tokens').querySelectorAll('th')].map((th) => th.textContent)).toEqual(['Name', 'Scope']);
    expect(screen.getByTestId('token-ci').querySelectorAll('td')).toHaveLength(2);
  });
});
