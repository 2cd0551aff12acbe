import { describe, expect, it } from 'vitest';
import { can, isAdmin } from './permissions';

const p = (role: string, extra: object = {}) => ({ id: 'u', username: 'u', role, ...extra });

describe('can', () => {
  it('lets a viewer only read, whatever its memberships', () => {
    const viewer = p('viewer', { memberships: [{ app: 'shop', role: 'developer' }] });
    expect(can(viewer, 'read', 'shop')).toBe(true);
    for (const a of ['operate', 'deploy', 'configure', 'manage'] as const) expect(can(viewer, a, 'shop')).toBe(false);
  });

  it('lets a developer act only on apps where it is a developer member', () => {
    const dev = p('developer', { memberships: [{ app: 'shop', role: 'developer' }, { app: 'blog', role: 'viewer' }] });
    expect(can(dev, 'deploy', 'shop')).toBe(true);
    expect(can(dev, 'deploy', 'blog')).toBe(false);
    expect(can(dev, 'operate', 'other')).toBe(false);
    expect(can(dev, 'manage', 'shop')).toBe(false);
  });

  it('lets an operator operate everywhere but deploy only as a developer member', () => {
    const op = p('operator', { memberships: [] });
    expect(can(op, 'operate', 'shop')).toBe(true);
    expect(can(op, 'deploy', 'shop')).toBe(false);
  });

  it('narrows by token scope and lets an admin do everything', () => {
    expect(can(p('admin'), 'manage', 'x')).toBe(true);
    expect(can(p('admin', { scope: 'read' }), 'deploy', 'x')).toBe(false);
    expect(isAdmin(p('admin', { scope: 'deploy' }))).toBe(false);
    expect(can(null, 'read')).toBe(false);
  });

  it('treats a developer as a member of every app when the server sends no memberships', () => {
    expect(can(p('developer'), 'deploy', 'any')).toBe(true);
  });
});
