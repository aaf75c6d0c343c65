import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openStore, type Store } from '../../src/store/store.ts';

/** The databases the store tests run against: SQLite always; PostgreSQL when QUALIFY_TEST_PG (or
 * DATABASE_URL) names a server, as `.ci/run` and scripts/pg-test.sh do. */
export interface Backend {
  name: string;
  /** A note shown in the test name when the backend is skipped. */
  skip: string | false;
  /** A fresh, empty, migrated store, and the options that open it again. */
  fresh(): Promise<{ db: Store; options: { url?: string; dataDir?: string } }>;
}

const pgUrl = process.env.QUALIFY_TEST_PG || process.env.DATABASE_URL || '';
if (!pgUrl && process.env.CI) throw new Error('no PostgreSQL for the store tests: .ci/run must start one (scripts/pg-test.sh) and set QUALIFY_TEST_PG');

const sqlite: Backend = {
  name: 'SQLite',
  skip: false,
  async fresh() {
    const options = { dataDir: mkdtempSync(join(tmpdir(), 'qualify-store-')) };
    return { db: await openStore(options), options };
  },
};

let databases = 0;
const postgres: Backend = {
  name: 'PostgreSQL',
  skip: pgUrl ? false : 'skipped: set QUALIFY_TEST_PG=postgres://… (scripts/pg-test.sh starts a throwaway server)',
  async fresh() {
    // One database per store, so that test files running side by side never see each other's rows.
    const name = `qualify_test_${process.pid}_${Date.now()}_${(databases += 1)}`;
    const admin = new pg.Client({ connectionString: pgUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(pgUrl);
    url.pathname = `/${name}`;
    const options = { url: url.toString() };
    return { db: await openStore(options), options };
  },
};

export const BACKENDS: readonly Backend[] = [sqlite, postgres];
