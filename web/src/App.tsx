import { lazy, Suspense, useEffect } from 'react';
import { Navigate, Route, Routes, useLocation, Link } from 'react-router';
import { useAuth } from './stores/auth';
import { Layout } from './components/Layout';
import { Loading } from './components/States';
import { LoginPage } from './pages/LoginPage';
import { AppListPage } from './pages/AppListPage';
import { AppPage } from './pages/AppPage';
import { EnvPage } from './pages/EnvPage';
import { IdentityRoutes, PublicIdentityRoutes } from './identity/routes';

// Pages away from the first screens (the app list, an app, an environment) load when first opened, so
// they do not weigh on the first page load.
const LogsPage = lazy(() => import('./pages/LogsPage').then((m) => ({ default: m.LogsPage })));
const DeploymentPage = lazy(() => import('./pages/DeploymentPage').then((m) => ({ default: m.DeploymentPage })));
const ReleasePage = lazy(() => import('./pages/ReleasePage').then((m) => ({ default: m.ReleasePage })));
const ConfigPage = lazy(() => import('./pages/ConfigPage').then((m) => ({ default: m.ConfigPage })));
const FleetPage = lazy(() => import('./pages/FleetPage').then((m) => ({ default: m.FleetPage })));
const AlertsPage = lazy(() => import('./alerts/AlertsPage').then((m) => ({ default: m.AlertsPage })));

function Later({ page }: { page: React.ReactNode }) {
  return <Suspense fallback={<Loading />}>{page}</Suspense>;
}

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
        <Route path="fleet" element={<Later page={<FleetPage />} />} />
        <Route path="apps/:app" element={<AppPage />} />
        <Route path="apps/:app/envs/:env" element={<EnvPage />} />
        <Route path="apps/:app/envs/:env/deployments/:id" element={<Later page={<DeploymentPage />} />} />
        <Route path="apps/:app/envs/:env/releases/:version" element={<Later page={<ReleasePage />} />} />
        <Route path="alerts" element={<Later page={<AlertsPage />} />} />
        <Route path="apps/:app/envs/:env/config" element={<Later page={<ConfigPage />} />} />
        {IdentityRoutes()}
        <Route path="apps/:app/envs/:env/logs" element={<Later page={<LogsPage />} />} />
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  );
}
