import { create } from 'zustand';

export type ThemeChoice = 'system' | 'light' | 'dark';
const KEY = 'coderunner.theme';

function stored(): ThemeChoice {
  try {
    const v = localStorage.getItem(KEY);
    return v === 'light' || v === 'dark' ? v : 'system';
  } catch {
    return 'system';
  }
}

/** Applies the choice to <html data-theme>; "system" removes it so the prefers-color-scheme CSS applies. */
export function applyTheme(choice: ThemeChoice, root: HTMLElement = document.documentElement): void {
  if (choice === 'system') root.removeAttribute('data-theme');
  else root.setAttribute('data-theme', choice);
}

export function systemPrefersDark(): boolean {
  return typeof window.matchMedia === 'function' && window.matchMedia('(prefers-color-scheme: dark)').matches;
}

interface ThemeState {
  choice: ThemeChoice;
  set: (choice: ThemeChoice) => void;
  /** Flips between light and dark from whatever is showing now. */
  toggle: () => void;
}

export const useTheme = create<ThemeState>((set, get) => ({
  choice: stored(),
  set: (choice) => {
    try {
      if (choice === 'system') localStorage.removeItem(KEY);
      else localStorage.setItem(KEY, choice);
    } catch {
      /* private mode: the choice lasts for this page only */
    }
    applyTheme(choice);
    set({ choice });
  },
  toggle: () => {
    const c = get().choice;
    const dark = c === 'dark' || (c === 'system' && systemPrefersDark());
    get().set(dark ? 'light' : 'dark');
  },
}));
