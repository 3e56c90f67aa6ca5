import { create } from 'zustand';
import { createJSONStorage, persist, type StateStorage } from 'zustand/middleware';
import { parseRule, type RuleNode } from '../../../../shared/specs/segment-rule';

/**
 * The segment being built, kept across a reload the way the dashboard keeps its view: the rule
 * and its "as of" date, in the browser's local storage. What comes back from storage is data
 * from outside the app, so it is parsed with the rule grammar before use; a condition that does
 * not parse (an old version's shape, a hand edit) is dropped rather than crashing the builder.
 */
export interface SegmentDraft {
  rule: RuleNode;
  /** YYYY-MM-DD, or null to take the data's latest activity. */
  asOf: string | null;
}

interface DraftState extends SegmentDraft {
  setRule: (rule: RuleNode) => void;
  setAsOf: (asOf: string) => void;
  /** Replace the draft with an opened saved segment. */
  load: (draft: SegmentDraft) => void;
  reset: () => void;
}

export const EMPTY_DRAFT: SegmentDraft = { rule: { all: [] }, asOf: null };
export const DRAFT_STORAGE_KEY = 'meshwork.segments.draft';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A stored draft made safe: the rule parsed by the grammar. An unfinished condition (an event
 * not picked yet) does not parse on its own, so a top-level "all" keeps the conditions that do.
 */
export function restoreDraft(stored: unknown): SegmentDraft {
  if (!stored || typeof stored !== 'object') return EMPTY_DRAFT;
  const { rule, asOf } = stored as { rule?: unknown; asOf?: unknown };
  const date = typeof asOf === 'string' && DATE.test(asOf) ? asOf : null;
  const parses = (node: unknown): RuleNode | null => {
    try {
      return parseRule(node);
    } catch {
      // A condition the grammar refuses is the answer here: it is left out of the restored draft.
      return null;
    }
  };
  const whole = parses(rule);
  if (whole) return { rule: whole, asOf: date };
  if (rule && typeof rule === 'object' && Array.isArray((rule as { all?: unknown }).all)) {
    const kept = ((rule as { all: unknown[] }).all ?? []).map(parses).filter((n): n is RuleNode => n !== null);
    return { rule: { all: kept }, asOf: date };
  }
  return { rule: EMPTY_DRAFT.rule, asOf: date };
}

export function createDraftStore(storage: StateStorage) {
  return create<DraftState>()(
    persist(
      (set) => ({
        ...EMPTY_DRAFT,
        setRule: (rule) => set({ rule }),
        setAsOf: (asOf) => set({ asOf }),
        load: (draft) => set(draft),
        reset: () => set(EMPTY_DRAFT),
      }),
      {
        name: DRAFT_STORAGE_KEY,
        version: 1,
        storage: createJSONStorage(() => storage),
        partialize: (s) => ({ rule: s.rule, asOf: s.asOf }),
        merge: (persisted, current) => ({ ...current, ...restoreDraft(persisted) }),
      },
    ),
  );
}

/** Local storage where there is a window; an in-memory stand-in elsewhere (tests, no DOM). */
function browserStorage(): StateStorage {
  if (typeof window !== 'undefined' && window.localStorage) return window.localStorage;
  const memory = new Map<string, string>();
  return { getItem: (k) => memory.get(k) ?? null, setItem: (k, v) => void memory.set(k, v), removeItem: (k) => void memory.delete(k) };
}

export const useSegmentDraft = createDraftStore(browserStorage());
