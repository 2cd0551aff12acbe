/** Query-cache keys of the config pages; the `env` prefix makes the environment's live refresh cover them. */
export function configKeys(app: string, env: string) {
  return { config: ['env', app, env, 'config'], defaults: ['app', app, 'config-defaults'], history: ['env', app, env, 'config-history'] };
}
