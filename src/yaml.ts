import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { threadId } from 'node:worker_threads';
import { QualifyError, formatPath, type PlacedIssue } from './errors.ts';
import { projectRoot } from './paths.ts';

/** Parsing the rule and vocabulary files would be most of what starting qualify costs: the YAML
 * parser is large and runs cold in every process and worker thread. So what a file's text parses to
 * is kept on disk as JSON, named by the hash of the text (and the parser's version): a later start
 * reads that instead, and an edited file has a new name. Only data that JSON holds exactly is kept,
 * and a folder that cannot be written to is simply not used. */
const CACHE = join(projectRoot, 'node_modules', '.cache', 'qualify', 'yaml');

const load = createRequire(import.meta.url);
const PARSER = (load('yaml/package.json') as { version: string }).version;

let parser: typeof import('yaml') | undefined;
/** The YAML parser, loaded when a text is first parsed: a start that finds every file kept does
 * without it. */
export const yaml = (): typeof import('yaml') => (parser ??= load('yaml') as typeof import('yaml'));

/** What `text` parses to, by `parse` (which throws on text that is not valid YAML) or from the
 * cache folder `dir`. `kind` names the parse: different parses of the same text are kept apart. */
export function cachedYaml(kind: string, text: string, parse: () => unknown, dir = CACHE): unknown {
  const file = join(dir, `${createHash('sha256').update(`${kind}\n${PARSER}\n${text}`).digest('hex')}.json`);
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    // Not kept yet (or not readable): parsed below.
  }
  const data = parse();
  if (plain(data)) {
    // Written whole under a name of its own, then renamed: a reader never sees half a file.
    const partial = `${file}.${process.pid}-${threadId}`;
    try {
      mkdirSync(dir, { recursive: true });
      writeFileSync(partial, JSON.stringify(data));
      renameSync(partial, file);
    } catch {
      // A read-only install parses on every start; a write cut short leaves nothing behind.
      if (existsSync(partial)) rmSync(partial);
    }
  }
  return data;
}

/** Whether JSON gives back exactly this value: plain objects, arrays, strings, finite numbers,
 * booleans and null (not `.inf`, nor a `__proto__` key). */
function plain(value: unknown): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value) && !Object.is(value, -0);
  if (Array.isArray(value)) return value.every(plain);
  if (typeof value !== 'object' || Object.getPrototypeOf(value) !== Object.prototype) return false;
  return Object.keys(value).every((key) => key !== '__proto__' && plain((value as Record<string, unknown>)[key]));
}

/** A YAML text's document, and where its lines start: made to parse a text, or to name the line
 * of a problem. */
export interface YamlDocument {
  doc: import('yaml').Document;
  lineCounter: import('yaml').LineCounter;
}

export function yamlDocument(text: string): YamlDocument {
  const { LineCounter, parseDocument } = yaml();
  const lineCounter = new LineCounter();
  return { doc: parseDocument(text, { lineCounter, prettyErrors: false }), lineCounter };
}

/** The line of the deepest key or list item of the document that `at` reaches. */
function lineAt({ doc, lineCounter }: YamlDocument, at: readonly PropertyKey[]): number {
  const { isMap, isScalar, isSeq } = yaml();
  let node: unknown = doc.contents;
  let offset = (node as import('yaml').Node | null)?.range?.[0] ?? 0;
  for (const key of at) {
    let place: import('yaml').Node | null | undefined;
    if (isMap(node)) {
      const pair = node.items.find((p) => (isScalar(p.key) ? p.key.value : p.key) === key);
      place = pair?.key as import('yaml').Node | undefined;
      node = pair?.value;
    } else if (isSeq(node)) node = place = node.items[Number(key)] as import('yaml').Node | undefined;
    else break;
    if (!place) break;
    offset = place.range?.[0] ?? offset;
  }
  return lineCounter.linePos(offset).line;
}

/** The document's first YAML syntax error, as `file:line: not valid YAML: …`; none when it parsed. */
export function syntaxError(file: string, { doc, lineCounter }: YamlDocument): QualifyError | undefined {
  const [error] = doc.errors;
  return error && new QualifyError('QUAL_ERR_INVALID_RULE', `${file}:${lineCounter.linePos(error.pos[0]).line}: not valid YAML: ${error.message.split('\n')[0]}`);
}

/** Every problem of a rule, case or vocabulary file, one line each in the file's order:
 * `file:line: field: problem`. */
export function invalidFile(file: string, document: YamlDocument, issues: readonly PlacedIssue[]): QualifyError {
  const lines = issues
    .map(({ at, message }) => ({ line: lineAt(document, at), text: `${formatPath(at) || '(root)'}: ${message}` }))
    .sort((a, b) => a.line - b.line)
    .map(({ line, text }) => `${file}:${line}: ${text}`);
  return new QualifyError('QUAL_ERR_INVALID_RULE', lines.join('\n'));
}
