import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { LoadedRule } from '../../rules/load.ts';
import { Health } from '../schemas.ts';

export const healthRoutes: FastifyPluginAsyncZod<{ rules: Map<string, LoadedRule> }> = async (app, { rules }) => {
  app.get('/health', { schema: { summary: 'Liveness, and how many classes are loaded', response: { 200: Health } } }, async () => ({ status: 'ok' as const, classes: rules.size }));
};
