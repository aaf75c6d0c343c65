import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { QualifyError } from '../errors.ts';
import { MIGRATIONS } from './migrations.ts';
import type { Database } from './tables.ts';

export type Store = Kysely<Database>;

export interface StoreOptions {
  /** `postgres://…` when several instances share one store (DATABASE_URL); else SQLite. */
  url?: string | undefined;
  /** Where the SQLite file `qualify.db` lives (QUALIFY_DATA_DIR, default `./var`). */
  dataDir?: string | undefined;
}

/** The store's options from the environment: `DATABASE_URL`, `QUALIFY_DATA_DIR`. */
export const storeOptionsFromEnv = (env: NodeJS.ProcessEnv = process.env): StoreOptions => ({ url: env.DATABASE_URL || undefined, dataDir: env.QUALIFY_DATA_DIR || undefined });

export const SQLITE_FILE = 'qualify.db';

function dialectFor(options: StoreOptions) {
  const { url } = options;
  if (url && /^postgres(ql)?:\/\//.test(url)) return new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 10 }) });
  if (url) throw new QualifyError('QUAL_ERR_INVALID_OPTION', 'DATABASE_URL must be a postgres:// URL; leave it unset for the SQLite file under QUALIFY_DATA_DIR');
  const dir = resolve(options.dataDir ?? 'var');
  mkdirSync(dir, { recursive: true });
  const db = new SQLite(join(dir, SQLITE_FILE));
  // WAL lets readers go on while one writer commits; foreign keys are off by default in SQLite.
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  return new SqliteDialect({ database: db });
}

/** Brings a store's schema up to date; run at every open, so `npm start` needs no set-up. */
export async function migrate(db: Kysely<unknown>): Promise<void> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => MIGRATIONS } });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'a migration';
    throw new Error(`the store could not be migrated (${failed}): ${(error as Error).message}`, { cause: error });
  }
}

/** A second, read-only connection to a SQLite store: with the write-ahead log, its reads go on
 * while a long write (an upload of thousands of applicants) holds the store's one writing
 * connection, and see what was committed. None for PostgreSQL, whose pool reads alongside writes. */
export function openReader(options: StoreOptions = {}): Store | null {
  if (options.url) return null;
  const db = new SQLite(join(resolve(options.dataDir ?? 'var'), SQLITE_FILE), { readonly: true, fileMustExist: true });
  return new Kysely<Database>({ dialect: new SqliteDialect({ database: db }) });
}

/** Opens the screening store (SQLite file by default, PostgreSQL for a postgres:// URL) with its
 * schema migrated. The caller destroys it when done. */
export async function openStore(options: StoreOptions = {}): Promise<Store> {
  const db = new Kysely<Database>({ dialect: dialectFor(options) });
  try {
    await migrate(db as unknown as Kysely<unknown>);
  } catch (error) {
    await db.destroy();
    const cause = (error as Error).cause as NodeJS.ErrnoException | undefined;
    if (options.url && cause && UNREACHABLE.has(String(cause.code))) {
      throw new QualifyError('QUAL_ERR_INVALID_OPTION', `cannot open the store at DATABASE_URL ${withoutPassword(options.url)}: ${cause.message}`);
    }
    throw error;
  }
  return db;
}

/** PostgreSQL that cannot be reached or entered (refused, unknown host, timed out, a bad password
 * or user, no such database): the setting is wrong, not qualify. */
const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'ECONNRESET', 'EHOSTUNREACH', '28P01', '28000', '3D000']);

/** The URL as it may be printed: its password never is. */
function withoutPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (!parsed.password) return parsed.toString();
    parsed.password = '';
    return `${parsed.toString()} (password not shown)`;
  } catch {
    return '(not a URL)';
  }
}
