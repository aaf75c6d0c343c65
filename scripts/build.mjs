// Bundles the CLI, its worker threads and the benchmarks into dist/ with esbuild. `npm install` runs
// it (prepare), so `npx qualify` starts from plain JavaScript with no build step to remember.
import { existsSync, rmSync } from 'node:fs';
import { build } from 'esbuild';

const entries = {
  cli: 'src/cli/main.ts',
  'bench/evaluate': 'bench/evaluate.ts',
  'bench/api': 'bench/api.ts',
  'bench/batch': 'bench/batch.ts',
  'bench/soak': 'bench/soak.ts',
  'bench/openings': 'bench/openings.ts',
};

// Worker threads, each one file with the packages it uses: a thread then starts without resolving
// the packages' files one by one (`qualify check`'s worker is ready in 60 ms instead of 100).
// Piscina, which runs them, has loaded itself in the thread already.
const workers = {
  'batch-worker': 'src/batch/worker.ts',
  'check-worker': 'src/cli/check-worker.ts',
};

// Chunks are named by their content: the last build's go, so that dist/ keeps only the current ones.
rmSync('dist/chunks', { recursive: true, force: true });

const common = { outdir: 'dist', outExtension: { '.js': '.mjs' }, bundle: true, platform: 'node', format: 'esm', target: 'node20', sourcemap: true, logLevel: 'warning' };

await build({
  ...common,
  entryPoints: Object.fromEntries(Object.entries(entries).filter(([, file]) => existsSync(file))),
  // Code shared by the entries, and each CLI command's own, in chunks loaded when first needed.
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  packages: 'external',
});

await build({
  ...common,
  entryPoints: workers,
  external: ['piscina'],
  // Packages written as CommonJS call require: in an ES module it is made from the module's URL.
  banner: { js: "import { createRequire as createRequireOfWorker } from 'node:module'; const require = createRequireOfWorker(import.meta.url);" },
});
