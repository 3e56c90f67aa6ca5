import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');

/** A `--data` folder for the CLI holding the same extract versions the app has pulled. */
export function dataDirFromApp(appDataDir: string, products: string[]): string {
  const out = mkdtempSync(join(tmpdir(), 'mw-cli-data-'));
  for (const id of products) {
    const root = join(appDataDir, 'extracts', id);
    const { version } = JSON.parse(readFileSync(join(root, 'current.json'), 'utf8')) as { version: string };
    cpSync(join(root, version, id), join(out, id), { recursive: true });
  }
  return out;
}

/** Runs `meshwork analyze` exactly as SPEC section 2 does and returns its JSON. */
export function analyzeWithCli(dataDir: string, spec: unknown): unknown {
  const file = join(mkdtempSync(join(tmpdir(), 'mw-spec-')), 'spec.json');
  writeFileSync(file, JSON.stringify(spec));
  // The built CLI (package.json bin; `npm run test:e2e` builds it), the artifact users run.
  const stdout = execFileSync(process.execPath, [join(ROOT, 'out/cli/meshwork.js'), 'analyze', '--data', dataDir, '--spec', file], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  return JSON.parse(stdout);
}

/** The saved analyses of the app's workspace (the spec the UI saved is what the CLI reruns). */
export function savedSpecs(appDataDir: string): Array<{ name: string; kind: string; spec: unknown }> {
  return (JSON.parse(readFileSync(join(appDataDir, 'workspace.json'), 'utf8')) as { saved: Array<{ name: string; kind: string; spec: unknown }> }).saved;
}
