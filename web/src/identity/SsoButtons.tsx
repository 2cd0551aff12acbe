import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client';
import type { SsoProvider } from './types';

/** A link per configured single sign-on provider (a full page navigation: the provider's login page takes over). */
export function SsoButtons({ invitation }: { invitation?: string }) {
  const q = useQuery({
    queryKey: ['sso-providers'],
    queryFn: () => api.get<{ items: SsoProvider[] }>('/api/v1/auth/sso/providers'),
    retry: false,
  });
  const providers = q.data?.items ?? [];
  if (providers.length === 0) return null;
  const suffix = invitation ? `?invitation=${encodeURIComponent(invitation)}` : '';
  return (
    <div className="sso" aria-label="Single sign-on">
      <p className="muted sso-or">or</p>
      {providers.map((p) => (
        <a key={p.id} className="btn sso-btn" href={`${p.loginUrl}${suffix}`}>
          Continue with {p.name}
        </a>
      ))}
    </div>
  );
}

/** The message a refused or failed sign-in brought back (`/login?sso_error=…`). */
export function SsoError() {
  const message = new URLSearchParams(window.location.search).get('sso_error');
  return message ? (
    <p className="form-error" role="alert" data-testid="sso-error">
      {message}
    </p>
  ) : null;
}
