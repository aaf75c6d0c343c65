import type { Kysely, Migration } from 'kysely';

/** The schema, in order: never edit a migration that has shipped; add the next one. The same
 * migrations run on SQLite and PostgreSQL, so they use portable column types only. */
export const MIGRATIONS: Record<string, Migration> = {
  '0001-screening-records': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('openings')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('as_of', 'text', (c) => c.notNull())
        .addColumn('group_by', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('opening_classes')
        .addColumn('opening_id', 'text', (c) => c.notNull().references('openings.id'))
        .addColumn('class_id', 'text', (c) => c.notNull())
        .addColumn('position', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('opening_classes_pk', ['opening_id', 'class_id'])
        .execute();
      await db.schema
        .createTable('applicants')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('opening_id', 'text', (c) => c.notNull().references('openings.id'))
        .addColumn('ref', 'text')
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('profile', 'text')
        .addColumn('group_value', 'text')
        .addColumn('added_at', 'text', (c) => c.notNull())
        .addColumn('added_by', 'text', (c) => c.notNull())
        .addColumn('erased_at', 'text')
        .addColumn('erased_by', 'text')
        .addUniqueConstraint('applicants_opening_ref', ['opening_id', 'ref'])
        .execute();
      await db.schema
        .createTable('review_actions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('applicant_id', 'text', (c) => c.notNull().references('applicants.id'))
        .addColumn('class_id', 'text', (c) => c.notNull())
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('item', 'text', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('by', 'text', (c) => c.notNull())
        .addUniqueConstraint('review_actions_applicant_seq', ['applicant_id', 'seq'])
        .execute();
      await db.schema
        .createTable('evaluations')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('applicant_id', 'text', (c) => c.notNull().references('applicants.id'))
        .addColumn('class_id', 'text', (c) => c.notNull())
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('cause', 'text', (c) => c.notNull())
        .addColumn('rules_version', 'text', (c) => c.notNull())
        .addColumn('as_of', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('score', 'integer', (c) => c.notNull())
        .addColumn('decision', 'text', (c) => c.notNull())
        .addColumn('review_action_id', 'text', (c) => c.references('review_actions.id'))
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('by', 'text', (c) => c.notNull())
        // Two writers appending the same step of one applicant's record: one of them fails, whole.
        .addUniqueConstraint('evaluations_applicant_class_seq', ['applicant_id', 'class_id', 'seq'])
        .execute();
      await db.schema
        .createTable('tallies')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('erasure', 'text', (c) => c.notNull())
        .addColumn('opening_id', 'text', (c) => c.notNull().references('openings.id'))
        .addColumn('class_id', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('group_value', 'text')
        .addColumn('rules_version', 'text', (c) => c.notNull())
        .addColumn('erased_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('applicants_opening').on('applicants').column('opening_id').execute();
      await db.schema.createIndex('review_actions_applicant').on('review_actions').column('applicant_id').execute();
      await db.schema.createIndex('tallies_opening').on('tallies').column('opening_id').execute();
    },
  },
};
