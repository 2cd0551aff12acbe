import { describe, expect, it, vi } from 'vitest';
import { ApiClient, ApiError, archiveContentType, CSRF_HEADER } from './client';

function json(status: number, body: unknown, type = 'application/json') {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': type } });
}

describe('ApiClient', () => {
  it('refreshes once on 401 with the CSRF header and retries with the new token', async () => {
    const calls: { url: string; init?: RequestInit }[] = [];
    const responses = [
      json(401, { detail: 'expired' }, 'application/problem+json'),
      json(200, { accessToken: 'new-token', tokenType: 'Bearer', expiresIn: 900 }),
      json(200, { items: [] }),
    ];
    const fetchImpl = vi.fn(async (url: RequestInfo | URL, init?: RequestInit) => {
      calls.push({ url: String(url), init });
      return responses.shift()!;
    });
    const client = new ApiClient(fetchImpl as typeof fetch);
    await expect(client.get('/api/v1/apps')).resolves.toEqual({ items: [] });
    expect(calls.map((c) => c.url)).toEqual(['/api/v1/apps', '/api/v1/auth/refresh', '/api/v1/apps']);
    expect((calls[1]!.init!.headers as Record<string, string>)[CSRF_HEADER]).toBe('1');
    expect((calls[2]!.init!.headers as Record<string, string>).Authorization).toBe('Bearer new-token');
  });

  it('reports the end of the session when refresh fails, with the problem detail', async () => {
    const responses = [
      json(401, { detail: 'Log in first.' }, 'application/problem+json'),
      json(401, { detail: 'The session has ended.' }, 'application/problem+json'),
    ];
    const client = new ApiClient((async () => responses.shift()!) as typeof fetch);
    const ended = vi.fn();
    client.onSessionEnded = ended;
    const err = (await client.get('/api/v1/apps').catch((e: unknown) => e)) as ApiError;
    expect(err).toBeInstanceOf(ApiError);
    expect(err.message).toBe('Log in first.');
    expect(ended).toHaveBeenCalledOnce();
  });

  it('turns problem+json errors into messages users can read', async () => {
    const client = new ApiClient((async () =>
      json(409, { type: 'app-exists', title: 'Conflict', status: 409, detail: "An app named 'shop' already exists." }, 'application/problem+json')) as typeof fetch);
    await expect(client.post('/api/v1/apps', { name: 'shop' })).rejects.toThrow("An app named 'shop' already exists.");
  });

  it('shares one refresh between concurrent callers', async () => {
    let refreshes = 0;
    const client = new ApiClient((async (url: RequestInfo | URL) => {
      if (String(url).endsWith('/refresh')) {
        refreshes++;
        return json(200, { accessToken: 't', tokenType: 'Bearer', expiresIn: 900 });
      }
      return json(200, {});
    }) as typeof fetch);
    const [a, b] = await Promise.all([client.refresh(), client.refresh()]);
    expect(a && b).toBe(true);
    expect(refreshes).toBe(1);
  });

  it('knows which archives it can upload', () => {
    expect(archiveContentType('site.zip')).toBe('application/zip');
    expect(archiveContentType('site.tar.gz')).toBe('application/gzip');
    expect(archiveContentType('site.TGZ')).toBe('application/gzip');
    expect(archiveContentType('notes.txt')).toBeNull();
  });
});
