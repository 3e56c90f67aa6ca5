import { create } from 'zustand';
import { plainError } from '../ui/plain-error';

export interface Toast {
  id: number;
  kind: 'success' | 'error' | 'info';
  title: string;
  detail?: string;
}

interface ToastStore {
  toasts: Toast[];
  push: (toast: Omit<Toast, 'id'>) => void;
  dismiss: (id: number) => void;
}

let nextId = 1;

export const useToastStore = create<ToastStore>((set, get) => ({
  toasts: [],
  push: (toast) => {
    const id = nextId++;
    set({ toasts: [...get().toasts, { ...toast, id }].slice(-4) });
    window.setTimeout(() => get().dismiss(id), toast.kind === 'error' ? 9000 : 4500);
  },
  dismiss: (id) => set({ toasts: get().toasts.filter((t) => t.id !== id) }),
}));

/**
 * Shows any thrown error as a toast in plain words: never an internal call name
 * ("workspace.save:") or a JSON path ("rule.all[1]"), see plainError.
 */
export function toastError(title: string, error: unknown): void {
  useToastStore.getState().push({ kind: 'error', title, detail: plainError(error).message });
}
