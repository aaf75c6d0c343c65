// Bundles the CLI, its worker threads and the benchmarks into dist/ with esbuild. `npm install` runs
// it (prepare), so `npx qualify` starts from plain JavaScript with no build step to remember.
import { existsSync, rmSync } from 'node:fs';
import { build } from 'esbuild';

const entries = {
  cli: 'src/cli/main.ts',
  'batch-worker': 'src/batch/worker.ts',
  'check-worker': 'src/cli/check-worker.ts',
  'bench/evaluate': 'bench/evaluate.ts',
  'bench/api': 'bench/api.ts',
  'bench/batch': 'bench/batch.ts',
  'bench/soak': 'bench/soak.ts',
  'bench/openings': 'bench/openings.ts',
};

// Chunks are named by their content: the last build's go, so that dist/ keeps only the current ones.
rmSync('dist/chunks', { recursive: true, force: true });

await build({
  entryPoints: Object.fromEntries(Object.entries(entries).filter(([, file]) => existsSync(file))),
  outdir: 'dist',
  outExtension: { '.js': '.mjs' },
  bundle: true,
  // Code shared by the entries, and each CLI command's own, in chunks loaded when first needed.
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  packages: 'external',
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
});
