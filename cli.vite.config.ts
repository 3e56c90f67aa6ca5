/**
 * Builds the headless CLI (main/cli/meshwork.ts) to plain JavaScript in out/cli/, so `meshwork`
 * starts without compiling TypeScript first (tsx spends about a second on that). Run after the
 * app's electron-vite build (`npm run build`). Dependencies stay in node_modules (external):
 * @duckdb/node-api is a native module and must never be bundled; the others load faster from
 * their own files than re-bundled. Each subcommand stays its own chunk, loaded on demand, so
 * `meshwork --help` reads only the entry.
 */
import { chmodSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig, type Plugin } from 'vite';

const root = import.meta.dirname;
const outDir = resolve(root, 'out/cli');

/** package.json's `bin` points at the entry: make it executable after every build. */
function executableEntry(): Plugin {
  return {
    name: 'meshwork-cli-executable',
    writeBundle() {
      if (process.platform !== 'win32') chmodSync(resolve(outDir, 'meshwork.js'), 0o755);
    },
  };
}

export default defineConfig({
  root,
  // Nothing from public/ or index.html: this is a Node program.
  publicDir: false,
  logLevel: 'warn',
  plugins: [executableEntry()],
  build: {
    ssr: resolve(root, 'main/cli/meshwork.ts'),
    outDir,
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    sourcemap: false,
    rollupOptions: {
      output: {
        format: 'es',
        entryFileNames: 'meshwork.js',
        chunkFileNames: 'chunks/[name]-[hash].js',
        banner: (chunk) => (chunk.isEntry ? '#!/usr/bin/env node' : ''),
      },
    },
  },
});
