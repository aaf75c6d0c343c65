import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { QualifyError, fileError, formatPath, placedIssues, type PlacedIssue } from '../errors.ts';
import { rulesPath } from '../paths.ts';
import { cachedYaml, invalidFile, syntaxError, yamlDocument, type YamlDocument } from '../yaml.ts';
import { bundledVocabulary, type Vocabulary } from '../vocab/vocabulary.ts';
import { badTargets, unknownIds } from './check.ts';
import { RuleFileInput, type RuleFile } from './schema.ts';

export interface LoadedRule {
  rule: RuleFile;
  /** Effective date and content hash of the rule file (and any it extends) and the vocabularies. */
  version: string;
  file: string;
}

/** The rules and vocabularies an entry point loads once and passes down. */
export interface Catalogue {
  rules: Map<string, LoadedRule>;
  vocab: Vocabulary;
}

interface Read {
  rule: RuleFile;
  texts: string[];
}

/** Reads, validates and resolves one rule file; a bad file fails with file:line: field: problem. */
function readRule(file: string, vocab: Vocabulary, chain: readonly string[] = []): Read {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new QualifyError('QUAL_ERR_INVALID_RULE', `${file}: cannot read the rule file: ${(error as Error).message}`);
  }
  // The document, with the positions of its nodes, is made only to parse the text or name a line.
  let parsed: YamlDocument | undefined;
  const document = (): YamlDocument => (parsed ??= yamlDocument(text));
  const data = cachedYaml('rule', text, () => {
    const error = syntaxError(file, document());
    if (error) throw error;
    return document().doc.toJS();
  });
  const fail: (issues: readonly PlacedIssue[]) => never = (issues) => {
    throw invalidFile(file, document(), issues);
  };
  const checked = RuleFileInput.safeParse(data);
  if (!checked.success) fail(placedIssues(checked.error));
  const input = checked.data;
  const expectedId = basename(file).replace(/\.ya?ml$/, '');
  if (input.id !== expectedId) throw new QualifyError('QUAL_ERR_INVALID_RULE', `${file}:1: id "${input.id}" must match the file name "${expectedId}"`);
  const unknown = unknownIds(input, vocab);
  if (unknown.length > 0) fail(unknown);
  const { extends: base, ...own } = input;
  let rule: RuleFile = own;
  const texts = [text];
  if (base) {
    if (chain.includes(base.class) || base.class === input.id) throw new QualifyError('QUAL_ERR_INVALID_RULE', `${file}: extends "${base.class}", which extends this class again`);
    const parent = readRule(join(dirname(file), `${base.class}.yaml`), vocab, [...chain, input.id]);
    const inherited = parent.rule.paths.map((p) => ({ ...p, requirements: [...p.requirements, ...base.requirements], substitutions: [...p.substitutions, ...base.substitutions] }));
    rule = { ...own, paths: [...inherited, ...own.paths] };
    texts.push(...parent.texts);
  }
  rule = withCredentialMonths(rule, vocab);
  const targets = badTargets(rule.paths);
  // With `extends`, a path of the resolved rule has no line of its own: point at the extends key.
  if (targets.length > 0) fail(base ? targets.map((t) => ({ at: ['extends'], message: `${formatPath(t.at)}: ${t.message}` })) : targets);
  return { rule, texts };
}

/** A credential's months, when not given, are its level's years (a diploma stands for one year):
 * what a substitution must deliver to stand in for it. */
function withCredentialMonths(rule: RuleFile, vocab: Vocabulary): RuleFile {
  const paths = rule.paths.map((p) => ({
    ...p,
    requirements: p.requirements.map((r) => (r.kind === 'credential' && r.months === undefined ? { ...r, months: Math.max(12, (vocab.levels.get(r.level)?.years ?? 1) * 12) } : r)),
  }));
  return { ...rule, paths };
}

/** `2018-11-01+3f9a2c1b7d4e`: the effective date, then 12 hex digits of the content hash. */
function version(effective: string, texts: readonly string[], vocab: Vocabulary): string {
  const hash = createHash('sha256');
  for (const text of texts) hash.update(text);
  return `${effective}+${hash.update(vocab.hash).digest('hex').slice(0, 12)}`;
}

export function loadRuleFile(file: string, vocab: Vocabulary = bundledVocabulary()): LoadedRule {
  const { rule, texts } = readRule(file, vocab);
  return { rule, version: version(rule.effective, texts, vocab), file };
}

/** Every `<id>.yaml` of a rules folder (case files excluded), by class id. */
export function loadRules(dir: string = rulesPath(), vocab: Vocabulary = bundledVocabulary()): Map<string, LoadedRule> {
  const files = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f) && !/\.cases\.ya?ml$/.test(f)).sort();
  return new Map(files.map((f) => {
    const loaded = loadRuleFile(join(dir, f), vocab);
    return [loaded.rule.id, loaded];
  }));
}

/** Rules and vocabularies from their folders (the project's own by default), loaded together. */
export function loadCatalogue(options: { rulesDir?: string; vocab?: Vocabulary } = {}): Catalogue {
  const vocab = options.vocab ?? bundledVocabulary();
  return { rules: loadRules(options.rulesDir ?? rulesPath(), vocab), vocab };
}

/** The rules of a working copy's folder (`--rules DIR`), with the project's vocabularies, or the
 * project's own catalogue when no folder is given. A folder that cannot be read is named. */
export function catalogueOf(dir: string | undefined): Catalogue {
  if (dir === undefined) return bundledCatalogue();
  const folder = resolve(dir);
  try {
    if (!statSync(folder).isDirectory()) throw new QualifyError('QUAL_ERR_UNREADABLE_FILE', `rules folder ${folder} is not a folder`);
    return loadCatalogue({ rulesDir: folder });
  } catch (error) {
    if (error instanceof QualifyError || typeof (error as NodeJS.ErrnoException).code !== 'string') throw error;
    throw fileError(`rules folder ${folder}`, error);
  }
}

let bundled: Catalogue | undefined;
/** The project's own rules and vocabularies, loaded once by an entry point. */
export const bundledCatalogue = (): Catalogue => (bundled ??= loadCatalogue());
export const bundledRules = (): Map<string, LoadedRule> => bundledCatalogue().rules;

export function findRule(rules: Map<string, LoadedRule>, id: string): LoadedRule {
  const found = rules.get(id);
  if (!found) {
    throw new QualifyError('QUAL_ERR_UNKNOWN_CLASS', `unknown class "${id}"; known classes: ${[...rules.keys()].join(', ')}`, [{ path: 'class', message: `no class "${id}"` }]);
  }
  return found;
}

/** The rules of the classes named, in their order: a class unknown, or named twice, is refused. */
export function findRules(rules: Map<string, LoadedRule>, ids: readonly string[]): LoadedRule[] {
  const twice = ids.length > 1 ? ids.find((id, i) => ids.indexOf(id) !== i) : undefined;
  if (twice !== undefined) throw new QualifyError('QUAL_ERR_INVALID_OPTION', `class "${twice}" is named twice`, [{ path: 'classes', message: `"${twice}" is named twice` }]);
  return ids.map((id) => findRule(rules, id));
}
