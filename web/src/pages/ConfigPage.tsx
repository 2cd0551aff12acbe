import { useParams } from 'react-router';
import { Crumbs } from '../components/Layout';
import { ConfigEditor } from '../components/config/ConfigEditor';
import { ConfigHistory } from '../components/config/ConfigHistory';
import '../components/config/config.css';

/** An environment's config: the bulk editor (masked secrets with reveal, diff before save) and the history. */
export function ConfigPage() {
  const { app = '', env = '' } = useParams();
  return (
    <div className="page">
      <Crumbs items={[{ label: 'Apps', to: '/' }, { label: app, to: `/apps/${app}` }, { label: env, to: `/apps/${app}/envs/${env}` }, { label: 'Config' }]} />
      <div className="page-head">
        <h1>
          Config <span className="muted">{app} / {env}</span>
        </h1>
      </div>
      <ConfigEditor app={app} env={env} />
      <ConfigHistory app={app} env={env} />
    </div>
  );
}
