import type { FastifyInstance } from 'fastify';
import { storeOptionsFromEnv } from '../store/store.ts';
import { buildApp, optionsFromEnv, type AppOptions } from './app.ts';

export interface ServeOptions extends AppOptions {
  port: number;
  host: string;
}

/** Starts listening, and closes gracefully on SIGINT/SIGTERM: in-flight requests finish first. */
export async function serve(options: ServeOptions): Promise<FastifyInstance> {
  // The screening records: SQLite under QUALIFY_DATA_DIR (./var), or DATABASE_URL; migrated at start.
  const app = await buildApp({ ...optionsFromEnv(), store: storeOptionsFromEnv(), ...options });
  await app.listen({ port: options.port, host: options.host });
  const close = (signal: string) => {
    app.log.info({ signal }, 'shutting down');
    app.close().then(() => process.exit(0), () => process.exit(1));
  };
  process.once('SIGINT', () => close('SIGINT'));
  process.once('SIGTERM', () => close('SIGTERM'));
  return app;
}
