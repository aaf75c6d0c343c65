import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import type { Vocabulary } from '../../vocab/vocabulary.ts';
import { Vocabularies } from '../schemas.ts';

const terms = (map: ReadonlyMap<string, string>) => [...map].map(([id, label]) => ({ id, label }));

/** The ids and labels of the vocabularies the service decides with, for forms that offer them as
 * choices (the self-check page) and for clients that state categories or capacities. */
export function describeVocabulary(vocab: Vocabulary): z.output<typeof Vocabularies> {
  return {
    categories: terms(vocab.categories),
    capacities: terms(vocab.capacities),
    fieldFamilies: terms(vocab.families),
    fields: [...vocab.fields].map(([id, { name, family }]) => ({ id, name, family })),
    degreeLevels: [...vocab.levels.values()].map(({ id, label }) => ({ id, label })),
    certificationCategories: terms(vocab.certificationCategories),
  };
}

export const vocabularyRoutes: FastifyPluginAsyncZod<{ vocab: Vocabulary }> = async (app, { vocab }) => {
  // The vocabulary is loaded once and never changes while the service runs: described once.
  const body = describeVocabulary(vocab);
  app.get(
    '/v1/vocabularies',
    { schema: { summary: 'The ids and labels of the categories, capacities, fields, degree levels and certification categories that rules and profiles name', response: { 200: Vocabularies } } },
    async () => body,
  );
};
