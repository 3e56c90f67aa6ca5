/**
 * `npm run test:security`: electronegativity over the Electron code (main/) and the
 * renderer together (its global checks, such as navigation limits and CSP, need to see
 * both), failing on any HIGH or MEDIUM finding. Tests are left out: they are not shipped.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseFindings, blockingFindings } from './security-findings';

const ROOT = resolve(import.meta.dirname, '..');
const stage = mkdtempSync(join(tmpdir(), 'meshwork-eneg-'));
const report = join(stage, 'report.csv');
try {
  for (const dir of ['main', 'renderer']) {
    cpSync(join(ROOT, dir), join(stage, 'src', dir), {
      recursive: true,
      filter: (source) => !/\.test\.tsx?$/.test(source),
    });
  }
  const electronVersion = (JSON.parse(readFileSync(join(ROOT, 'node_modules/electron/package.json'), 'utf8')) as { version: string }).version;
  const run = spawnSync(
    process.execPath,
    [join(ROOT, 'node_modules/@doyensec/electronegativity/dist/index.js'), '-i', join(stage, 'src'), '-o', report, '-r', '-e', electronVersion],
    { encoding: 'utf8', timeout: 300_000 },
  );
  if (run.status !== 0) {
    console.error(run.stdout, run.stderr);
    throw new Error(`electronegativity exited with ${run.status}`);
  }
  const findings = parseFindings(readFileSync(report, 'utf8'));
  const blocking = blockingFindings(findings);
  for (const f of findings) console.log(`${f.severity.padEnd(13)} ${f.confidence.padEnd(10)} ${f.issue} ${f.file}:${f.location} ${f.description}`);
  if (blocking.length > 0) {
    console.error(`\nelectronegativity: ${blocking.length} HIGH/MEDIUM finding(s). Fix them, or justify an exception inline with "// eng-disable CHECK_ID".`);
    process.exitCode = 1;
  } else {
    console.log(`\nelectronegativity: ${findings.length} finding(s), none HIGH or MEDIUM.`);
  }
} finally {
  rmSync(stage, { recursive: true, force: true });
}
