/**
 * The Delta Sharing profiles this workspace knows (`sharing-profiles.json`), each with its bearer
 * token sealed by the SecretBox like a mesh token; only the endpoint and expiry stay readable.
 */
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { writeFileAtomic } from '../../fs/atomic-file';
import type { SecretBox } from '../secret-box';
import { parseProfile, type SharingProfile } from './profile';

const storedSchema = z.object({
  id: z.string(),
  name: z.string(),
  endpoint: z.string(),
  expirationTime: z.string().nullable(),
  shareCredentialsVersion: z.number().int(),
  sealedToken: z.string(),
  addedAt: z.string(),
});
const fileSchema = z.object({ profiles: z.array(storedSchema) });

export interface SharingProfileView {
  id: string;
  name: string;
  endpoint: string;
  expirationTime: string | null;
  expired: boolean;
}

export class SharingProfileStore {
  constructor(
    private readonly file: string,
    private readonly box: SecretBox,
  ) {}

  private async load(): Promise<z.infer<typeof fileSchema>> {
    const text = await readFile(this.file, 'utf8').catch(() => null);
    if (!text) return { profiles: [] };
    const parsed = fileSchema.safeParse(JSON.parse(text));
    if (!parsed.success) throw new Error(`${this.file} is damaged; remove it and add your Delta Sharing profiles again.`);
    return parsed.data;
  }

  async list(now = Date.now()): Promise<SharingProfileView[]> {
    return (await this.load()).profiles.map((p) => ({
      id: p.id,
      name: p.name,
      endpoint: p.endpoint,
      expirationTime: p.expirationTime,
      expired: p.expirationTime !== null && Date.parse(p.expirationTime) <= now,
    }));
  }

  /** Adds the profile file's content (parsed and checked as the CLI does) under a display name. */
  async add(name: string, profileText: string): Promise<SharingProfileView> {
    const profile = parseProfile(profileText);
    const state = await this.load();
    const id = randomUUID();
    state.profiles.push({
      id,
      name,
      endpoint: profile.endpoint,
      expirationTime: profile.expirationTime ?? null,
      shareCredentialsVersion: profile.shareCredentialsVersion,
      sealedToken: this.box.encrypt(profile.bearerToken).toString('base64'),
      addedAt: new Date().toISOString(),
    });
    await writeFileAtomic(this.file, JSON.stringify(state, null, 2));
    return (await this.list()).find((p) => p.id === id)!;
  }

  async get(id: string): Promise<SharingProfile | null> {
    const found = (await this.load()).profiles.find((p) => p.id === id);
    if (!found) return null;
    return {
      shareCredentialsVersion: found.shareCredentialsVersion,
      endpoint: found.endpoint,
      bearerToken: this.box.decrypt(Buffer.from(found.sealedToken, 'base64')),
      ...(found.expirationTime !== null ? { expirationTime: found.expirationTime } : {}),
    };
  }

  async remove(id: string): Promise<boolean> {
    const state = await this.load();
    const before = state.profiles.length;
    state.profiles = state.profiles.filter((p) => p.id !== id);
    await writeFileAtomic(this.file, JSON.stringify(state, null, 2));
    return state.profiles.length < before;
  }
}
