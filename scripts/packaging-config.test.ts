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
  icon: z.string(),
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

  it('gives the installers an icon large enough for every platform (512 px PNG)', () => {
    const png = readFileSync(resolve(ROOT, config.icon));
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([512, 512]);
  });

  it('serves the same icon as the workbench favicon', () => {
    const html = readFileSync(resolve(ROOT, 'renderer/index.html'), 'utf8');
    expect(html).toContain('rel="icon" href="./favicon.svg"');
    expect(readFileSync(resolve(ROOT, 'renderer/public/favicon.svg'), 'utf8')).toBe(readFileSync(resolve(ROOT, 'build/icon.svg'), 'utf8'));
    expect(readFileSync(resolve(ROOT, 'renderer/public/favicon.ico')).readUInt16BE(0)).toBe(0);
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
