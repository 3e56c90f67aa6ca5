import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DuckDbEngine } from './duckdb-engine';
import { DEFAULT_ENGINE_MEMORY_LIMIT, engineDatabaseOptions, engineMemoryLimit } from './engine-settings';

describe('engine settings', () => {
  it('caps DuckDB at 2GB unless MESHWORK_ENGINE_MEMORY_LIMIT names another size', () => {
    expect(DEFAULT_ENGINE_MEMORY_LIMIT).toBe('2GB');
    expect(engineMemoryLimit({})).toBe('2GB');
    expect(engineMemoryLimit({ MESHWORK_ENGINE_MEMORY_LIMIT: '4GB' })).toBe('4GB');
    expect(engineMemoryLimit({ MESHWORK_ENGINE_MEMORY_LIMIT: '512MB' })).toBe('512MB');
    // Not a size: the default rather than DuckDB failing to open the workspace.
    expect(engineMemoryLimit({ MESHWORK_ENGINE_MEMORY_LIMIT: 'lots' })).toBe('2GB');
    expect(engineMemoryLimit({ MESHWORK_ENGINE_MEMORY_LIMIT: '2GB; SET x' })).toBe('2GB');
  });

  it('spills beside the workspace file, and DuckDB takes both settings', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'meshwork-settings-'));
    try {
      const path = join(dir, 'workspace.duckdb');
      const options = engineDatabaseOptions(path, {});
      expect(options).toEqual({ memory_limit: '2GB', temp_directory: join(dir, 'engine-tmp') });
      expect(engineDatabaseOptions(':memory:', {})).toEqual({ memory_limit: '2GB' });
      const db = await DuckDbEngine.open(path, options);
      const [row] = await db.all<{ mem: string; tmp: string }>("SELECT current_setting('memory_limit') AS mem, current_setting('temp_directory') AS tmp");
      db.close();
      // DuckDB reports 2GB (2 * 10^9 bytes) in GiB.
      expect(row).toEqual({ mem: '1.8 GiB', tmp: join(dir, 'engine-tmp') });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
