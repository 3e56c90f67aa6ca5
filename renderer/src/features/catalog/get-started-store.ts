import { create } from 'zustand';

/**
 * The products a running Get started pulled, shared by its banner and the product cards: while
 * it runs, its banner is the one progress view ("one action, one progress view", issue 14) and
 * each card shows a one-line status instead of a bar of its own. Client state only: what the
 * pulls are doing comes from the jobs list.
 */
interface GetStartedStore {
  /** Ids of the products Get started pulled; null when it was not started (or has finished). */
  batch: readonly string[] | null;
  start: (ids: readonly string[]) => void;
  finish: () => void;
}

export const useGetStartedStore = create<GetStartedStore>((set) => ({
  batch: null,
  start: (ids) => set({ batch: [...ids] }),
  finish: () => set({ batch: null }),
}));

/** Whether `id` is being pulled as part of a running Get started. */
export function useInGetStarted(id: string): boolean {
  return useGetStartedStore((s) => s.batch?.includes(id) ?? false);
}
