import { create } from 'zustand';

export interface Toast {
  id: number;
  kind: 'success' | 'warning' | 'error';
  message: string;
}

interface ToastState {
  toasts: Toast[];
  show: (kind: Toast['kind'], message: string) => void;
  dismiss: (id: number) => void;
}

let nextId = 1;

/** Every action's visible result: success notes fade after a while, warnings and errors stay until dismissed. */
export const useToasts = create<ToastState>((set, get) => ({
  toasts: [],
  show: (kind, message) => {
    const id = nextId++;
    set({ toasts: [...get().toasts.slice(-4), { id, kind, message }] });
    if (kind === 'success') setTimeout(() => get().dismiss(id), 6000);
  },
  dismiss: (id) => set({ toasts: get().toasts.filter((t) => t.id !== id) }),
}));

export const notify = {
  ok: (message: string) => useToasts.getState().show('success', message),
  error: (e: unknown) =>
    useToasts.getState().show('error', e instanceof Error ? e.message : String(e)),
};
