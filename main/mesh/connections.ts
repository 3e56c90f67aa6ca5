import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { writeFileAtomic } from '../fs/atomic-file';
import { meSchema } from '../../shared/mesh-api';
import type { SecretBox } from './secret-box';

const connectionSchema = z.object({
  id: z.string(),
  name: z.string(),
  url: z.string(),
  /** The bearer token, sealed by the SecretBox, base64. */
  sealedToken: z.string(),
  embedded: z.boolean(),
  addedAt: z.string(),
  lastMe: meSchema.nullable(),
});
export type StoredConnection = z.infer<typeof connectionSchema>;

const fileSchema = z.object({ active: z.string().nullable(), connections: z.array(connectionSchema) });

export interface ConnectionView {
  id: string;
  name: string;
  url: string;
  embedded: boolean;
  active: boolean;
  user: string | null;
  roles: string[];
}

/** The meshes this workspace knows (`connections.json`), tokens sealed at rest. */
export class ConnectionStore {
  constructor(
    private readonly file: string,
    private readonly box: SecretBox,
  ) {}

  private async load(): Promise<z.infer<typeof fileSchema>> {
    const text = await readFile(this.file, 'utf8').catch(() => null);
    if (!text) return { active: null, connections: [] };
    const parsed = fileSchema.safeParse(JSON.parse(text));
    if (!parsed.success) throw new Error(`${this.file} is damaged; remove it and add your meshes again.`);
    return parsed.data;
  }

  private async save(state: z.infer<typeof fileSchema>): Promise<void> {
    await writeFileAtomic(this.file, JSON.stringify(state, null, 2));
  }

  async list(): Promise<ConnectionView[]> {
    const state = await this.load();
    return state.connections.map((c) => ({
      id: c.id,
      name: c.name,
      url: c.url,
      embedded: c.embedded,
      active: c.id === state.active,
      user: c.lastMe?.user ?? null,
      roles: c.lastMe?.roles ?? [],
    }));
  }

  async active(): Promise<(StoredConnection & { token: string }) | null> {
    const state = await this.load();
    const found = state.connections.find((c) => c.id === state.active) ?? state.connections[0];
    return found ? { ...found, token: this.box.decrypt(Buffer.from(found.sealedToken, 'base64')) } : null;
  }

  async get(id: string): Promise<(StoredConnection & { token: string }) | null> {
    const found = (await this.load()).connections.find((c) => c.id === id);
    return found ? { ...found, token: this.box.decrypt(Buffer.from(found.sealedToken, 'base64')) } : null;
  }

  async add(input: {
    name: string;
    url: string;
    token: string;
    embedded?: boolean;
    makeActive?: boolean;
    me?: z.infer<typeof meSchema> | null;
  }): Promise<ConnectionView> {
    const state = await this.load();
    const connection: StoredConnection = {
      id: randomUUID(),
      name: input.name,
      url: input.url.replace(/\/+$/, ''),
      sealedToken: this.box.encrypt(input.token).toString('base64'),
      embedded: input.embedded ?? false,
      addedAt: new Date().toISOString(),
      lastMe: input.me ?? null,
    };
    state.connections.push(connection);
    if (input.makeActive || state.active === null) state.active = connection.id;
    await this.save(state);
    return (await this.list()).find((c) => c.id === connection.id)!;
  }

  /** The embedded node gets a new port on every start: keep one entry and refresh it. */
  async upsertEmbedded(url: string, token: string): Promise<void> {
    const state = await this.load();
    const existing = state.connections.find((c) => c.embedded);
    if (existing) {
      // Another token is another user (a demo-user switch): their identity is not known yet.
      if (this.unsealOrNull(existing.sealedToken) !== token) existing.lastMe = null;
      existing.url = url;
      existing.sealedToken = this.box.encrypt(token).toString('base64');
    } else {
      state.connections.push({
        id: randomUUID(),
        name: 'Local demo mesh',
        url,
        sealedToken: this.box.encrypt(token).toString('base64'),
        embedded: true,
        addedAt: new Date().toISOString(),
        lastMe: null,
      });
    }
    state.active ??= (existing ?? state.connections.at(-1))!.id;
    await this.save(state);
  }

  private unsealOrNull(sealed: string): string | null {
    try {
      return this.box.decrypt(Buffer.from(sealed, 'base64'));
    } catch {
      return null;
    }
  }

  async remove(id: string): Promise<boolean> {
    const state = await this.load();
    const before = state.connections.length;
    state.connections = state.connections.filter((c) => c.id !== id);
    if (state.active === id) state.active = state.connections[0]?.id ?? null;
    await this.save(state);
    return state.connections.length < before;
  }

  async setActive(id: string): Promise<void> {
    const state = await this.load();
    if (!state.connections.some((c) => c.id === id)) throw new Error(`No mesh connection ${id}.`);
    state.active = id;
    await this.save(state);
  }

  async rememberMe(id: string, me: z.infer<typeof meSchema>): Promise<void> {
    const state = await this.load();
    const found = state.connections.find((c) => c.id === id);
    if (!found) return;
    found.lastMe = me;
    await this.save(state);
  }
}
