import { describe, expect, it } from 'vitest';
import { applyTheme, useTheme } from './theme';

describe('theme store', () => {
  it('toggles, persists the choice and sets data-theme on <html>', () => {
    useTheme.getState().set('light');
    useTheme.getState().toggle();
    expect(useTheme.getState().choice).toBe('dark');
    expect(localStorage.getItem('coderunner.theme')).toBe('dark');
    expect(document.documentElement.dataset.theme).toBe('dark');
    useTheme.getState().toggle();
    expect(document.documentElement.dataset.theme).toBe('light');
  });

  it('"system" removes the attribute and the stored choice', () => {
    useTheme.getState().set('system');
    expect(localStorage.getItem('coderunner.theme')).toBeNull();
    expect(document.documentElement.hasAttribute('data-theme')).toBe(false);
    applyTheme('dark');
    expect(document.documentElement.dataset.theme).toBe('dark');
  });
});
