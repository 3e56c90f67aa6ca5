import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { audiencesContract } from '../../../shared/ipc/audiences-contract';
import { writeFileAtomic } from '../../fs/atomic-file';

/**
 * The last audiences list the mesh answered, kept in the workspace so the Audiences page still
 * shows what was there when the mesh is unreachable (marked "last seen"). Kept per mesh
 * connection: another mesh's audiences are never shown as this one's.
 */
const rowSchema = audiencesContract.list.output.shape.audiences.element;
export type AudienceListRow = z.infer<typeof rowSchema>;

const cacheSchema = z.object({ connectionId: z.string(), seenAt: z.string(), audiences: z.array(rowSchema) });

function cacheFile(dataDir: string): string {
  return join(dataDir, 'audiences-list.json');
}

export async function rememberAudienceList(
  dataDir: string,
  connectionId: string,
  audiences: AudienceListRow[],
  seenAt = new Date().toISOString(),
): Promise<void> {
  await writeFileAtomic(cacheFile(dataDir), JSON.stringify({ connectionId, seenAt, audiences }));
}

/** The cached list of that connection, or null (none yet, another mesh's, or unreadable). */
export async function lastAudienceList(dataDir: string, connectionId: string): Promise<{ seenAt: string; audiences: AudienceListRow[] } | null> {
  const text = await readFile(cacheFile(dataDir), 'utf8').catch(() => null);
  if (text === null) return null;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return null;
  }
  const parsed = cacheSchema.safeParse(json);
  if (!parsed.success || parsed.data.connectionId !== connectionId) return null;
  return { seenAt: parsed.data.seenAt, audiences: parsed.data.audiences };
}
