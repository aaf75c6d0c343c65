import { readFileSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { LineCounter, isMap, isSeq, parseDocument, type Node } from 'yaml';
import { QualifyError } from '../errors.ts';
import { rulesPath } from '../paths.ts';
import { RuleFile } from './schema.ts';
import { rulesVersion } from './version.ts';

export interface LoadedRule {
  rule: RuleFile;
  /** Effective date and content hash of the rule file and the vocabularies it is read with. */
  version: string;
  file: string;
}

/** Reads and validates one rule file; a bad file fails with file:line: field: problem. */
export function loadRuleFile(file: string): LoadedRule {
  const text = readFileSync(file, 'utf8');
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!;
    const line = lineCounter.linePos(e.pos[0]).line;
    throw new QualifyError('QUAL_ERR_INVALID_RULE', `${file}:${line}: not valid YAML: ${e.message.split('\n')[0]}`);
  }
  const parsed = RuleFile.safeParse(doc.toJS());
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => {
      const line = lineOf(doc.contents, issue.path, lineCounter);
      return `${file}:${line}: ${issue.path.join('.') || '(root)'}: ${issue.message}`;
    });
    throw new QualifyError('QUAL_ERR_INVALID_RULE', lines.join('\n'));
  }
  const expectedId = basename(file).replace(/\.ya?ml$/, '');
  if (parsed.data.id !== expectedId) {
    throw new QualifyError('QUAL_ERR_INVALID_RULE', `${file}:1: id "${parsed.data.id}" must match the file name "${expectedId}"`);
  }
  return { rule: parsed.data, version: rulesVersion(parsed.data.effective, text), file };
}

/** The line of the deepest YAML node that the path reaches. */
function lineOf(root: unknown, path: readonly PropertyKey[], lineCounter: LineCounter): number {
  let node = root as Node | null;
  let offset = (node?.range?.[0] ?? 0) as number;
  for (const key of path) {
    if (isMap(node)) node = node.get(key as string, true) as Node | null;
    else if (isSeq(node)) node = node.get(key as number, true) as Node | null;
    else break;
    if (!node) break;
    offset = node.range?.[0] ?? offset;
  }
  return lineCounter.linePos(offset).line;
}

/** Every `rules/<id>.yaml` (case files excluded), by class id. */
export function loadRules(dir: string = rulesPath()): Map<string, LoadedRule> {
  const files = readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f) && !/\.cases\.ya?ml$/.test(f))
    .sort();
  return new Map(files.map((f) => {
    const loaded = loadRuleFile(join(dir, f));
    return [loaded.rule.id, loaded];
  }));
}

let bundled: Map<string, LoadedRule> | undefined;
/** The project's own rules, loaded once. */
export const bundledRules = (): Map<string, LoadedRule> => (bundled ??= loadRules());

export function findRule(rules: Map<string, LoadedRule>, id: string): LoadedRule {
  const found = rules.get(id);
  if (!found) {
    throw new QualifyError('QUAL_ERR_UNKNOWN_CLASS', `unknown class "${id}"; known classes: ${[...rules.keys()].join(', ')}`, [
      { path: 'class', message: `no class "${id}"` },
    ]);
  }
  return found;
}
