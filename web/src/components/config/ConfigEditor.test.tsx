import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { MemoryRouter } from 'react-router';
import type { ReactNode } from 'react';
import { ApiError, api } from '../../api/client';
import { ConfigEditor } from './ConfigEditor';
import { MASK, type ConfigView } from './types';

const BASE = '/api/v1/apps/shop/envs/production/config';
const current: ConfigView = { vars: { GREETING: 'hi' }, secrets: { API_KEY: MASK }, inherited: [], release: 4 };

const wrap = (children: ReactNode) => (
  <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
    <MemoryRouter>{children}</MemoryRouter>
  </QueryClientProvider>
);

/** Answers the editor's reads; `reveal` decides what a reveal gets. */
function serve(reveal: () => Promise<unknown>) {
  return vi.spyOn(api, 'get').mockImplementation(async (path: string) => {
    if (path === BASE) return current;
    if (path === '/api/v1/apps/shop/config') return { vars: {}, secrets: {} };
    if (path.startsWith(`${BASE}?reveal=true`)) return reveal();
    throw new Error(`unexpected GET ${path}`);
  });
}

describe('config editor', () => {
  it('sends nothing until the reviewed changes are confirmed, then one PATCH, and shows the new release', async () => {
    serve(async () => ({}));
    const request = vi.spyOn(api, 'request').mockResolvedValue({
      vars: { GREETING: 'hola', NEW_VAR: 'on' }, secrets: { API_KEY: MASK, NEW_SECRET: MASK }, inherited: [], release: 5,
      deployment: { id: 'dep_9', status: 'queued', createdAt: '2026-01-01T00:00:00Z', app: 'shop', env: 'production' },
    });
    render(wrap(<ConfigEditor app="shop" env="production" />));
    fireEvent.change(await screen.findByLabelText('Value of GREETING'), { target: { value: 'hola' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add variable' }));
    fireEvent.change(screen.getByLabelText('Name of new entry 1'), { target: { value: 'NEW_VAR' } });
    fireEvent.change(screen.getByLabelText('Value of new entry 1'), { target: { value: 'on' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add secret' }));
    fireEvent.change(screen.getByLabelText('Name of new entry 2'), { target: { value: 'NEW_SECRET' } });
    fireEvent.change(screen.getByLabelText('Value of new entry 2'), { target: { value: 's3cret' } });
    expect(screen.getByTestId('config-pending').textContent).toBe('3 unsaved changes.');

    fireEvent.click(screen.getByRole('button', { name: 'Review and save…' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Save 3 changes to shop/production?' });
    const review = within(dialog).getByTestId('review-changes');
    expect(review.textContent).toContain('NEW_SECRET');
    expect(review.textContent).toContain(MASK);
    expect(review.textContent).not.toContain('s3cret');
    expect(request).not.toHaveBeenCalled();

    fireEvent.click(within(dialog).getByRole('button', { name: 'Save as a new release' }));
    await screen.findByTestId('config-saved');
    expect(request).toHaveBeenCalledOnce();
    expect(request).toHaveBeenCalledWith('PATCH', BASE, { vars: { GREETING: 'hola', NEW_VAR: 'on' }, secrets: { NEW_SECRET: 's3cret' } });
    expect(screen.getByTestId('config-saved').textContent).toContain('release v5');
    expect(screen.getByTestId('config-saved').textContent).toContain('rolling out');
    expect(screen.getByTestId('config-pending').textContent).toBe('No unsaved changes.');
  });

  it('shows the server refusal next to the row it is about', async () => {
    serve(async () => ({}));
    vi.spyOn(api, 'request').mockRejectedValue(new ApiError(400, {
      type: 'invalid-config', detail: 'Some config names or values are not allowed.',
      errors: [{ field: 'vars.PORT', message: 'PORT is set by CodeRunner and cannot be changed' }],
    }));
    render(wrap(<ConfigEditor app="shop" env="production" />));
    fireEvent.click(await screen.findByRole('button', { name: 'Add variable' }));
    fireEvent.change(screen.getByLabelText('Name of new entry 1'), { target: { value: 'PORT' } });
    fireEvent.change(screen.getByLabelText('Value of new entry 1'), { target: { value: '1' } });
    fireEvent.click(screen.getByRole('button', { name: 'Review and save…' }));
    fireEvent.click(screen.getByRole('button', { name: 'Save as a new release' }));
    const value = screen.getByLabelText('Value of new entry 1');
    await waitFor(() => expect(value.getAttribute('aria-invalid')).toBe('true'));
    const describedBy = value.getAttribute('aria-describedby')!;
    expect(document.getElementById(describedBy)?.textContent).toBe('PORT is set by CodeRunner and cannot be changed');
    expect(screen.getByTestId('config-form-error').textContent).toContain('not allowed');
    // The edit is still there to fix.
    expect(screen.getByTestId('config-pending').textContent).toBe('1 unsaved change.');
  });

  it('refuses incomplete rows before asking the server', async () => {
    serve(async () => ({}));
    const request = vi.spyOn(api, 'request');
    render(wrap(<ConfigEditor app="shop" env="production" />));
    fireEvent.click(await screen.findByRole('button', { name: 'Add secret' }));
    fireEvent.change(screen.getByLabelText('Name of new entry 1'), { target: { value: 'TOKEN' } });
    fireEvent.click(screen.getByRole('button', { name: 'Review and save…' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(screen.getByLabelText('Name of new entry 1').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('A new secret needs a value.')).toBeTruthy();
    expect(request).not.toHaveBeenCalled();
  });

  it('reveals one secret when allowed', async () => {
    const get = serve(async () => ({ vars: {}, secrets: { API_KEY: 'the-real-key' } }));
    render(wrap(<ConfigEditor app="shop" env="production" />));
    fireEvent.click(await screen.findByRole('button', { name: 'Reveal API_KEY' }));
    expect((await screen.findByTestId('revealed-API_KEY')).textContent).toBe('the-real-key');
    expect(get).toHaveBeenCalledWith(`${BASE}?reveal=true&name=API_KEY`);
    fireEvent.click(screen.getByRole('button', { name: 'Hide API_KEY' }));
    expect(screen.queryByTestId('revealed-API_KEY')).toBeNull();
  });

  it('shows a refused reveal as a message, not a crash', async () => {
    serve(async () => {
      throw new ApiError(403, { type: 'secret-reveal-forbidden', detail: 'Your role or token does not allow revealing secret values.' });
    });
    render(wrap(<ConfigEditor app="shop" env="production" />));
    fireEvent.click(await screen.findByRole('button', { name: 'Reveal API_KEY' }));
    const message = await screen.findByTestId('reveal-error-API_KEY');
    expect(message.textContent).toBe('Not revealed: Your role or token does not allow revealing secret values.');
    expect(message.getAttribute('role')).toBe('alert');
    expect(screen.queryByTestId('revealed-API_KEY')).toBeNull();
    expect(screen.getByLabelText('Value of GREETING')).toBeTruthy();
  });

  it('adds pasted .env text to the editor without sending it', async () => {
    serve(async () => ({}));
    const request = vi.spyOn(api, 'request');
    render(wrap(<ConfigEditor app="shop" env="production" />));
    fireEvent.change(await screen.findByLabelText('.env text'), { target: { value: 'GREETING=hey\n# coderunner:secret\nDB_PASSWORD=pw\n' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add to the editor' }));
    expect((screen.getByLabelText('Value of GREETING') as HTMLInputElement).value).toBe('hey');
    expect((screen.getByLabelText('Kind of new entry 1') as HTMLSelectElement).value).toBe('secret');
    expect(screen.getByTestId('config-pending').textContent).toBe('2 unsaved changes.');
    fireEvent.change(screen.getByLabelText('.env text'), { target: { value: 'not a line' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add to the editor' }));
    expect(screen.getByText(/Line 1 is not NAME=value/)).toBeTruthy();
    expect(request).not.toHaveBeenCalled();
  });
});
