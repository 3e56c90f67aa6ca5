import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { z } from 'zod';
import { FuseV1Options } from '@electron/fuses';

const ROOT = resolve(import.meta.dirname, '..');

const builderSchema = z.object({
  appId: z.string().regex(/^[a-z0-9]+(\.[a-z0-9-]+)+$/),
  productName: z.literal('Meshwork'),
  asar: z.literal(true),
  asarUnpack: z.array(z.string()),
  afterPack: z.string(),
  files: z.array(z.string()),
  linux: z.object({ target: z.array(z.string()) }),
  mac: z.object({ target: z.array(z.string()) }),
  win: z.object({ target: z.array(z.string()) }),
});

describe('electron-builder.yml', () => {
  const config = builderSchema.parse(parse(readFileSync(resolve(ROOT, 'electron-builder.yml'), 'utf8')));

  it('builds installers for all three desktop platforms from an asar archive', () => {
    expect(config.linux.target).toEqual(expect.arrayContaining(['AppImage', 'deb']));
    expect(config.mac.target).toContain('dmg');
    expect(config.win.target).toContain('nsis');
    expect(config.files).toContain('out/**/*');
  });

  it('keeps the DuckDB native addon outside the asar so it can load', () => {
    expect(config.asarUnpack.some((glob) => glob.includes('@duckdb'))).toBe(true);
  });

  it('hardens the fuses in its afterPack hook', () => {
    const hook = createRequire(import.meta.url)(resolve(ROOT, config.afterPack)) as { FUSES: Record<number, boolean> };
    expect(hook.FUSES[FuseV1Options.RunAsNode]).toBe(false);
    expect(hook.FUSES[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(false);
    expect(hook.FUSES[FuseV1Options.EnableNodeCliInspectArguments]).toBe(false);
    expect(hook.FUSES[FuseV1Options.OnlyLoadAppFromAsar]).toBe(true);
  });
});
