// Bundles the CLI (and the benchmarks) into dist/ with esbuild; run by `npm install` (prepare),
// so `npx qualify` starts from plain JavaScript without a build step to remember.
import { build } from 'esbuild';

await build({
  entryPoints: { cli: 'src/cli/main.ts', 'bench/evaluate': 'bench/evaluate.ts' },
  outdir: 'dist',
  outExtension: { '.js': '.mjs' },
  bundle: true,
  packages: 'external',
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
});
