#!/usr/bin/env node
/**
 * `npm run -s meshwork -- ...`: runs the built CLI (out/cli/meshwork.js, `npm run build`) when it
 * exists and is newer than every source file it is built from; otherwise the TypeScript sources
 * through tsx (about a second slower, never stale). Prints nothing of its own: stdout stays the
 * CLI's one JSON document.
 */
import { readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const built = join(root, 'out/cli/meshwork.js');
// What the CLI bundle is made of (main/ and shared/ code) and how it is built.
const SOURCES = ['main', 'shared', 'fixtures', 'package.json', 'cli.vite.config.ts'];

/** The newest modification time under `path` (0 when it does not exist). */
function newestMtime(path) {
  let stats;
  try {
    stats = statSync(path);
  } catch {
    return 0; // a source that is absent cannot be newer than the build
  }
  if (!stats.isDirectory()) return stats.mtimeMs;
  let newest = stats.mtimeMs;
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.endsWith('.test.ts')) continue;
    newest = Math.max(newest, newestMtime(join(path, entry.name)));
  }
  return newest;
}

function builtIsFresh() {
  const builtAt = newestMtime(built);
  return builtAt > 0 && SOURCES.every((source) => newestMtime(join(root, source)) <= builtAt);
}

const argv = process.argv.slice(2);
if (builtIsFresh()) {
  const cli = await import(pathToFileURL(built).href);
  await cli.main(argv);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  const cli = await import(pathToFileURL(join(root, 'main/cli/meshwork.ts')).href);
  await cli.main(argv);
}
