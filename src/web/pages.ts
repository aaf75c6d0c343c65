import { readFileSync, readdirSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { FastifyPluginAsync } from 'fastify';
import { projectRoot } from '../paths.ts';

/** The pages (self-check, screening, classes, openings): static files read once, served with their type. */
const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.css': 'text/css; charset=utf-8', '.js': 'text/javascript; charset=utf-8' };
const PUBLIC = join(projectRoot, 'src', 'web', 'public');

export const pages: FastifyPluginAsync = async (app) => {
  const files = new Map(readdirSync(PUBLIC).map((name) => [name, readFileSync(join(PUBLIC, name))]));
  const send = (name: string) => async (_request: unknown, reply: { type: (t: string) => { send: (b: Buffer) => unknown } }) => reply.type(TYPES[extname(name)]!).send(files.get(name)!);
  app.get('/', { schema: { hide: true } }, send('index.html'));
  app.get('/screen', { schema: { hide: true } }, send('screen.html'));
  app.get('/classes/:id', { schema: { hide: true } }, send('class.html'));
  app.get('/openings', { schema: { hide: true } }, send('openings.html'));
  app.get('/openings/:id', { schema: { hide: true } }, send('opening.html'));
  app.get('/openings/:id/applicants/:applicantId', { schema: { hide: true } }, send('applicant.html'));
  for (const name of files.keys()) if (!name.endsWith('.html')) app.get(`/${name}`, { schema: { hide: true } }, send(name));
};
