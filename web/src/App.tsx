import { lazy, Suspense, useEffect } from 'react';
import { Navigate, Route, Routes, useLocation, Link } from 'react-router';
import { useAuth } from './stores/auth';
import { Layout } from './components/Layout';
import { Loading } from './components/States';
import { LoginPage } from './pages/LoginPage';
import { AppListPage } from './pages/AppListPage';
import { AppPage } from './pages/AppPage';
import { EnvPage } from './pages/EnvPage';
import { DeploymentPage } from './pages/DeploymentPage';
import { ReleasePage } from './pages/ReleasePage';
import { ConfigPage } from './pages/ConfigPage';
import { IdentityRoutes, PublicIdentityRoutes } from './identity/routes';

// The log viewer is loaded when first opened, so it does not weigh on the first page load.
const LogsPage = lazy(() => import('./pages/LogsPage').then((m) => ({ default: m.LogsPage })));
import { FleetPage } from './pages/FleetPage';
import { AlertsPage } from './alerts/AlertsPage';

function RequireLogin({ children }: { children: React.ReactNode }) {
  const status = useAuth((s) => s.status);
  const location = useLocation();
  // The page frame renders at once; only the content waits for the session check.
  if (status === 'unknown') return <Layout pending={<Loading label="Checking your session…" />} />;
  if (status === 'anonymous') return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  return <>{children}</>;
}

function NotFound() {
  return (
    <div className="page">
      <h1>Page not found</h1>
      <p>
        <Link to="/">Back to the apps</Link>
      </p>
    </div>
  );
}

export function App() {
  const restore = useAuth((s) => s.restore);
  const status = useAuth((s) => s.status);
  useEffect(() => {
    void restore();
  }, [restore]);
  return (
    <Routes>
      <Route path="/login" element={status === 'authenticated' ? <Navigate to="/" replace /> : <LoginPage />} />
      {PublicIdentityRoutes()}
      <Route
        element={
          <RequireLogin>
            <Layout />
          </RequireLogin>
        }
      >
        <Route index element={<AppListPage />} />
        <Route path="fleet" element={<FleetPage />} />
        <Route path="apps/:app" element={<AppPage />} />
        <Route path="apps/:app/envs/:env" element={<EnvPage />} />
        <Route path="apps/:app/envs/:env/deployments/:id" element={<DeploymentPage />} />
        <Route path="apps/:app/envs/:env/releases/:version" element={<ReleasePage />} />
        <Route path="alerts" element={<AlertsPage />} />
        <Route path="apps/:app/envs/:env/config" element={<ConfigPage />} />
        {IdentityRoutes()}
        <Route path="apps/:app/envs/:env/logs" element={<Suspense fallback={<Loading />}><LogsPage /></Suspense>} />
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  );
}
