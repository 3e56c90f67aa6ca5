import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { existsSync, readdirSync } from 'node:fs';
import { manifestSchema } from '../../shared/mesh-api';
import { DataError } from '../engine/load-products';
import { PartVerifier, expectedParts } from '../mesh/verify-parts';

/**
 * `analyze --verify <manifest.json>`: before anything is read, the parts of the manifest's
 * product (in `<data>/<product>/`, else beside the manifest) must match the sha256 and size
 * `meshwork pull` recorded, and that folder may hold no other Parquet part (analyze would read
 * it). Any mismatch is a DataError, so the CLI exits 3 naming the part.
 */
export async function verifyManifest(manifestFile: string, dataDir: string): Promise<{ product: string; parts: number }> {
  let manifest;
  try {
    manifest = manifestSchema.parse(JSON.parse(await readFile(manifestFile, 'utf8')));
  } catch (error) {
    throw new DataError(
      'unreadable_data',
      `--verify ${manifestFile} is not a readable pull manifest: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`,
      manifestFile,
    );
  }
  const product = manifest.product;
  const inData = join(dataDir, product);
  const partsDir = existsSync(inData) ? inData : dirname(manifestFile);
  const names = new Set(manifest.files.map((f) => f.name));
  for (const f of manifest.files) {
    if (f.name.includes('/') || f.name.includes('\\') || f.name.startsWith('.')) {
      throw new DataError('unreadable_data', `--verify ${manifestFile} names a part ${JSON.stringify(f.name)} that is not a plain file name.`, manifestFile);
    }
  }
  const extra = readdirSync(partsDir).filter((f) => f.endsWith('.parquet') && !names.has(f));
  if (extra.length > 0) {
    throw new DataError(
      'checksum_mismatch',
      `${partsDir} holds part(s) the manifest does not list: ${extra.join(', ')}; analyze would read them unverified.`,
      join(partsDir, extra[0]!),
    );
  }
  const problems = await new PartVerifier().verify(expectedParts(partsDir, manifest.files));
  if (problems.length > 0) {
    throw new DataError(
      'checksum_mismatch',
      `The extract of '${product}' does not match its manifest: ${problems.map((p) => p.message).join('; ')}. Pull it again.`,
      problems[0]!.path,
    );
  }
  return { product, parts: manifest.files.length };
}
