import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { qualityResultSchema } from '../../../shared/contracts/quality-rules';
import { writeFileAtomic } from '../../fs/atomic-file';
import { ensurePrivateDir } from '../../fs/private-fs';
import type { ExtractCache } from '../extract-cache';
import type { QualityError } from './quality-error';

/**
 * The last pull a product's quality rules refused, kept beside its versions so the product page
 * can say which version was refused and why while the previous one stays in use. A later
 * successful install clears it.
 */
export const refusalSchema = z.object({ version: z.string(), at: z.string(), message: z.string(), results: z.array(qualityResultSchema) });
export type QualityRefusal = z.infer<typeof refusalSchema>;

const FILE = 'quality-refusal.json';

export async function saveRefusal(cache: ExtractCache, error: QualityError): Promise<void> {
  await ensurePrivateDir(cache.productDir(error.product));
  const body: QualityRefusal = { version: error.version, at: new Date().toISOString(), message: error.message, results: error.results };
  await writeFileAtomic(join(cache.productDir(error.product), FILE), JSON.stringify(body));
}

export async function lastRefusal(cache: ExtractCache, product: string): Promise<QualityRefusal | null> {
  const text = await readFile(join(cache.productDir(product), FILE), 'utf8').catch(() => null);
  if (text === null) return null;
  const parsed = refusalSchema.safeParse(JSON.parse(text));
  return parsed.success ? parsed.data : null;
}

export async function clearRefusal(cache: ExtractCache, product: string): Promise<void> {
  await rm(join(cache.productDir(product), FILE), { force: true });
}
