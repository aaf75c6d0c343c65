import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { findRule, type LoadedRule } from '../../rules/load.ts';
import { ClassList, ClassParams } from '../schemas.ts';
import { VERSION_HEADER } from '../headers.ts';

export const classRoutes: FastifyPluginAsyncZod<{ rules: Map<string, LoadedRule> }> = async (app, { rules }) => {
  app.get('/v1/classes', { schema: { summary: 'The classes qualify can evaluate', response: { 200: ClassList } } }, async (_request, reply) => {
    const classes = [...rules.values()].map(({ rule, version }) => ({ id: rule.id, title: rule.title, jurisdiction: rule.jurisdiction, effective: rule.effective, rulesVersion: version }));
    reply.header(VERSION_HEADER, classes.map((c) => `${c.id}=${c.rulesVersion}`).join(', '));
    return { classes };
  });

  app.get(
    '/v1/classes/:id',
    { schema: { summary: 'One class: its requirements and substitutions, each with the clause it quotes', params: ClassParams } },
    async (request, reply) => {
      const { rule, version } = findRule(rules, request.params.id);
      reply.header(VERSION_HEADER, version);
      return { rulesVersion: version, ...rule };
    },
  );
};
