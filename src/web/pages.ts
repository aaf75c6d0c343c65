import { readFileSync, readdirSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { FastifyPluginAsync } from 'fastify';
import { projectRoot } from '../paths.ts';

/** The pages (self-check, screening, classes, openings). Each page is its `<main>` in src/web/pages
 * and its script of the same name in src/web/public; the head and the site's navigation, the same on
 * every page, are written once here. Everything is read once and served with its type. */
const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.css': 'text/css; charset=utf-8', '.js': 'text/javascript; charset=utf-8' };
const PUBLIC = join(projectRoot, 'src', 'web', 'public');
const MAINS = join(projectRoot, 'src', 'web', 'pages');

const PAGES = [
  { route: '/', name: 'selfcheck', title: 'Check your eligibility' },
  { route: '/screen', name: 'screen', title: 'Screen applicants' },
  { route: '/classes/:id', name: 'class', title: 'Class requirements' },
  { route: '/openings', name: 'openings', title: 'Openings' },
  { route: '/openings/:id', name: 'opening', title: 'Opening' },
  { route: '/openings/:id/applicants/:applicantId', name: 'applicant', title: 'Applicant record' },
];

/** A tick on a green square, inline: no request for a favicon, which would only be refused. */
const ICON = `data:image/svg+xml,${encodeURIComponent('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><rect width="16" height="16" rx="3" fill="#00703c"/><path d="M4 8.5l2.5 2.5L12 5.5" stroke="#fff" stroke-width="2" fill="none"/></svg>')}`;

const page = ({ name, title }: { name: string; title: string }): string => `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${title} – qualify</title>
  <link rel="icon" href="${ICON}">
  <link rel="stylesheet" href="/app.css">
  <script type="module" src="/${name}.js"></script>
</head>
<body>
  <header class="site"><nav aria-label="Site"><a href="/">Check your eligibility</a><a href="/screen">Screen applicants</a><a href="/openings">Openings</a></nav></header>
${readFileSync(join(MAINS, `${name}.html`), 'utf8')}</body>
</html>
`;

type Reply = { type: (t: string) => { send: (b: Buffer) => unknown } };

export const pages: FastifyPluginAsync = async (app) => {
  const serve = (body: Buffer, type: string) => async (_request: unknown, reply: Reply) => reply.type(type).send(body);
  for (const p of PAGES) app.get(p.route, { schema: { hide: true } }, serve(Buffer.from(page(p)), TYPES['.html']!));
  for (const name of readdirSync(PUBLIC)) app.get(`/${name}`, { schema: { hide: true } }, serve(readFileSync(join(PUBLIC, name)), TYPES[extname(name)]!));
};
