#!/usr/bin/env node
// The CLI is bundled into dist/ by `npm install` (the prepare script); `npm run build` remakes it.
try {
  await import('../dist/cli.mjs');
} catch (error) {
  if (error?.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes('dist/cli.mjs')) {
    console.error('qualify: the CLI is not built yet; run `npm install` (or `npm run build`) in the project folder');
    process.exit(2);
  }
  throw error;
}
