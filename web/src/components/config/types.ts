/** Shapes of the config API (docs/config.md) as the config editor uses them. */
import type { Deployment } from '../../api/types';

/** `GET|PATCH …/config`: the effective config, secrets masked unless revealed. */
export interface ConfigView {
  vars: Record<string, string>;
  secrets: Record<string, string>;
  /** Names that come from the app-wide defaults (not set in this environment). */
  inherited?: string[];
  release?: number | null;
  /** The rollout a change started (PATCH only; absent when nothing is deployed yet). */
  deployment?: Deployment | null;
}

/** `GET /apps/{app}/config`: the app-wide defaults, masked. */
export interface DefaultsView {
  vars: Record<string, string>;
  secrets: Record<string, string>;
}

export type ChangeKind = 'added' | 'changed' | 'removed';

/** One name's difference; values of secrets are masked; `from`/`to` are null (or left out) where the name is absent. */
export interface ConfigChange {
  name: string;
  change: ChangeKind;
  secret: boolean;
  from?: string | null;
  to?: string | null;
}

/** `GET …/config/diff`. */
export interface ConfigDiff {
  from: string;
  to: string;
  changes: ConfigChange[];
}

/** One entry of `GET …/config/history`. */
export interface ConfigHistoryEntry {
  version: number;
  createdAt: string;
  createdBy?: string | null;
  description?: string | null;
  deploymentId?: string | null;
  current: boolean;
  changes: ConfigChange[];
}

export interface ConfigPatch {
  vars: Record<string, string | null>;
  secrets: Record<string, string | null>;
}

export const MASK = '••••••••';
