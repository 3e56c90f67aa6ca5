import { readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { AppError } from '../../shared/ipc/errors';
import { savedItemSchema, uiStateSchema, type SavedItem, type SavedItemKind, type SavedSpec, type UiState } from '../../shared/ipc/workspace-contract';
import { writeFileAtomic } from '../fs/atomic-file';

const workspaceFileSchema = z.object({
  ui: uiStateSchema.default({ route: 'catalog', theme: 'light' }),
  saved: z.array(savedItemSchema).default([]),
});
type WorkspaceFile = z.infer<typeof workspaceFileSchema>;

const MAX_HISTORY = 20;

/**
 * Saved analyses and UI state in `<dataDir>/workspace.json`. A file that does not parse
 * is set aside (renamed, never deleted) so the user's work can still be recovered.
 */
export class WorkspaceStore {
  private state: WorkspaceFile | null = null;
  private readonly file: string;
  private writing: Promise<void> = Promise.resolve();

  constructor(dataDir: string) {
    this.file = join(dataDir, 'workspace.json');
  }

  private async load(): Promise<WorkspaceFile> {
    if (this.state) return this.state;
    const text = await readFile(this.file, 'utf8').catch(() => null);
    if (text === null) {
      this.state = workspaceFileSchema.parse({});
      return this.state;
    }
    try {
      this.state = workspaceFileSchema.parse(JSON.parse(text));
    } catch {
      await rename(this.file, `${this.file}.unreadable-${Date.now()}`);
      this.state = workspaceFileSchema.parse({});
    }
    return this.state;
  }

  private persist(state: WorkspaceFile): Promise<void> {
    this.writing = this.writing.then(() => writeFileAtomic(this.file, JSON.stringify(state, null, 2)));
    return this.writing;
  }

  async getUi(): Promise<UiState> {
    return (await this.load()).ui;
  }

  async setUi(patch: Partial<UiState>): Promise<UiState> {
    const state = await this.load();
    state.ui = uiStateSchema.parse({ ...state.ui, ...patch });
    await this.persist(state);
    return state.ui;
  }

  async list(kind?: SavedItemKind): Promise<SavedItem[]> {
    const items = (await this.load()).saved;
    return items.filter((item) => kind === undefined || item.kind === kind);
  }

  async save(input: { id?: string; kind: SavedItemKind; name: string; spec: SavedSpec }): Promise<SavedItem> {
    const state = await this.load();
    const now = new Date().toISOString();
    const existing = input.id ? state.saved.find((item) => item.id === input.id) : undefined;
    if (input.id && !existing) throw new AppError('not_found', `No saved item with id ${input.id}; it may have been deleted.`);
    if (existing) {
      if (existing.kind !== input.kind) {
        throw new AppError('kind_mismatch', `${existing.name} is a ${existing.kind}, not a ${input.kind}.`);
      }
      const specChanged = JSON.stringify(existing.spec) !== JSON.stringify(input.spec);
      if (specChanged) {
        existing.history = [{ version: existing.version, spec: existing.spec, savedAt: existing.updatedAt }, ...existing.history].slice(0, MAX_HISTORY);
        existing.version += 1;
        existing.spec = input.spec;
      }
      existing.name = input.name;
      existing.updatedAt = now;
      await this.persist(state);
      return existing;
    }
    const item: SavedItem = { id: randomUUID(), kind: input.kind, name: input.name, spec: input.spec, version: 1, updatedAt: now, history: [] };
    state.saved.push(item);
    await this.persist(state);
    return item;
  }

  async rename(id: string, name: string): Promise<SavedItem> {
    const state = await this.load();
    const item = this.find(state, id);
    item.name = name;
    item.updatedAt = new Date().toISOString();
    await this.persist(state);
    return item;
  }

  async duplicate(id: string, name: string): Promise<SavedItem> {
    const source = this.find(await this.load(), id);
    return this.save({ kind: source.kind, name, spec: source.spec });
  }

  async remove(id: string): Promise<boolean> {
    const state = await this.load();
    const before = state.saved.length;
    state.saved = state.saved.filter((item) => item.id !== id);
    if (state.saved.length === before) return false;
    await this.persist(state);
    return true;
  }

  private find(state: WorkspaceFile, id: string): SavedItem {
    const item = state.saved.find((candidate) => candidate.id === id);
    if (!item) throw new AppError('not_found', `No saved item with id ${id}; it may have been deleted.`);
    return item;
  }
}
