import type { Problem, TokenResponse } from './types';

/** An API failure with the problem+json `detail` ready to show to the user. */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;
  constructor(status: number, problem: Problem) {
    super(problem.detail || problem.title || `Request failed (${status})`);
    this.status = status;
    this.problem = problem;
  }
}

export const CSRF_HEADER = 'X-CodeRunner-CSRF';

type Fetch = typeof fetch;

export interface UploadProgress {
  loaded: number;
  total: number;
}

/**
 * The one API client: keeps the short-lived access token in memory only, refreshes it through the
 * httpOnly cookie (one refresh at a time, across tabs when the Web Locks API exists) and retries once.
 */
export class ApiClient {
  private accessToken: string | null = null;
  private refreshing: Promise<boolean> | null = null;
  onSessionEnded: () => void = () => {};

  constructor(private readonly fetchImpl: Fetch = (...args) => fetch(...args), private readonly base = '') {}

  get token(): string | null {
    return this.accessToken;
  }

  async login(username: string, password: string): Promise<void> {
    const res = await this.fetchImpl(`${this.base}/api/v1/auth/login`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    if (!res.ok) throw await toError(res);
    this.accessToken = ((await res.json()) as TokenResponse).accessToken;
  }

  async logout(): Promise<void> {
    try {
      await this.fetchImpl(`${this.base}/api/v1/auth/logout`, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { [CSRF_HEADER]: '1' },
      });
    } finally {
      this.accessToken = null;
    }
  }

  /** Exchanges the refresh cookie for a new access token; false when there is no session. */
  refresh(): Promise<boolean> {
    if (!this.refreshing) {
      const run = (): Promise<boolean> => this.doRefresh();
      const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
      const started: Promise<boolean> = locks ? (locks.request('coderunner-refresh', run) as unknown as Promise<boolean>) : run();
      this.refreshing = started.finally(() => {
        this.refreshing = null;
      });
    }
    return this.refreshing as Promise<boolean>;
  }

  private async doRefresh(): Promise<boolean> {
    const res = await this.fetchImpl(`${this.base}/api/v1/auth/refresh`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { [CSRF_HEADER]: '1' },
    });
    if (!res.ok) {
      this.accessToken = null;
      return false;
    }
    this.accessToken = ((await res.json()) as TokenResponse).accessToken;
    return true;
  }

  async request<T>(method: string, path: string, body?: unknown, accept = 'application/json'): Promise<T> {
    const send = () => {
      const headers: Record<string, string> = { Accept: accept };
      if (this.accessToken) headers.Authorization = `Bearer ${this.accessToken}`;
      if (body !== undefined) headers['Content-Type'] = 'application/json';
      return this.fetchImpl(`${this.base}${path}`, {
        method,
        headers,
        credentials: 'same-origin',
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    };
    let res = await send();
    if (res.status === 401) {
      if (await this.refresh()) {
        res = await send();
      } else {
        this.onSessionEnded();
      }
    }
    if (!res.ok) throw await toError(res);
    if (res.status === 204) return undefined as T;
    const type = res.headers.get('Content-Type') ?? '';
    return (type.includes('json') ? await res.json() : await res.text()) as T;
  }

  get<T>(path: string): Promise<T> {
    return this.request<T>('GET', path);
  }

  post<T>(path: string, body?: unknown): Promise<T> {
    return this.request<T>('POST', path, body);
  }

  put<T>(path: string, body?: unknown): Promise<T> {
    return this.request<T>('PUT', path, body);
  }

  /** Uploads an archive as the raw body (XHR, for progress events); refreshes and retries once on 401. */
  async upload<T>(path: string, file: File, onProgress: (p: UploadProgress) => void): Promise<T> {
    const attempt = () => uploadOnce(`${this.base}${path}`, file, this.accessToken, onProgress);
    let result = await attempt();
    if (result.status === 401 && (await this.refresh())) result = await attempt();
    if (result.status < 200 || result.status >= 300) {
      throw new ApiError(result.status, parseProblem(result.body, result.status));
    }
    return JSON.parse(result.body) as T;
  }
}

export function archiveContentType(name: string): string | null {
  const n = name.toLowerCase();
  if (n.endsWith('.zip')) return 'application/zip';
  if (n.endsWith('.tar.gz') || n.endsWith('.tgz')) return 'application/gzip';
  return null;
}

function uploadOnce(url: string, file: File, token: string | null, onProgress: (p: UploadProgress) => void) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.setRequestHeader('Content-Type', archiveContentType(file.name) ?? 'application/octet-stream');
    xhr.setRequestHeader('Accept', 'application/json');
    if (token) xhr.setRequestHeader('Authorization', `Bearer ${token}`);
    xhr.upload.onprogress = (e) => onProgress({ loaded: e.loaded, total: e.lengthComputable ? e.total : file.size });
    xhr.onload = () => resolve({ status: xhr.status, body: xhr.responseText });
    xhr.onerror = () => reject(new ApiError(0, { detail: 'The upload failed: the server could not be reached.' }));
    xhr.send(file);
  });
}

export function parseProblem(text: string, status: number): Problem {
  try {
    const p = JSON.parse(text) as Problem;
    if (p && typeof p === 'object') return p;
  } catch {
    /* not JSON: fall through */
  }
  return { status, detail: status === 0 ? 'The server could not be reached.' : `Request failed with status ${status}.` };
}

async function toError(res: Response): Promise<ApiError> {
  return new ApiError(res.status, parseProblem(await res.text(), res.status));
}

export const enc = encodeURIComponent;
export const envPath = (app: string, env: string) => `/api/v1/apps/${enc(app)}/envs/${enc(env)}`;

export const api = new ApiClient();
