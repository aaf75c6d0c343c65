import { statSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import { QualifyError, fileError } from '../../errors.ts';
import { rulesPath } from '../../paths.ts';
import { casesFile, classesWithCases, describeDecision, loadCases, runCase, type RuleCase } from '../../rules/cases.ts';
import { catalogueOf, findRule, type LoadedRule } from '../../rules/load.ts';

export interface CasesCommandOptions {
  /** Class id, or several separated by commas; every class with a case file when missing. */
  class?: string;
  /** Folder of rule and case files; the bundled `rules/` when missing. */
  rules?: string;
}

interface ClassCases {
  id: string;
  file: string;
  loaded: LoadedRule;
  cases: RuleCase[];
}

/** Runs the rule cases and prints `✓ name` / `✗ name` per case, why a case failed, and
 * `N passed, M failed`. Returns the exit status: 0 all pass, 1 a case failed, 2 an unknown class or
 * an unreadable or invalid rule or case file (the message on ERR). */
export function runCases(options: CasesCommandOptions, out: (line: string) => void, err: (line: string) => void): number {
  try {
    return run(options, out);
  } catch (error) {
    if (!(error instanceof QualifyError)) throw error;
    err(`qualify: ${error.message}`);
    return 2;
  }
}

function run(options: CasesCommandOptions, out: (line: string) => void): number {
  const dir = options.rules === undefined ? rulesPath() : resolve(options.rules);
  const { rules } = catalogueOf(options.rules);
  const ids = options.class
    ? options.class.split(',').map((c) => c.trim()).filter(Boolean)
    : readable(`rules folder ${dir}`, () => classesWithCases(dir));
  if (ids.length === 0) throw new QualifyError('QUAL_ERR_UNREADABLE_FILE', `no case files (<class>.cases.yaml) in ${dir}`);

  // Every class and case file is read and checked before any case runs.
  const classes: ClassCases[] = ids.map((id) => {
    const file = casesFile(dir, id);
    let loaded: LoadedRule;
    try {
      loaded = findRule(rules, id);
    } catch (error) {
      if (error instanceof QualifyError && !options.class) throw new QualifyError(error.code, `${file}: ${error.message}`, error.issues);
      throw error;
    }
    if (!exists(file)) throw new QualifyError('QUAL_ERR_UNREADABLE_FILE', `class ${id} has no case file: ${file}`);
    return { id, file, loaded, cases: loadCases(file) };
  });

  let passed = 0;
  let failed = 0;
  classes.forEach(({ id, file, loaded, cases }, i) => {
    if (i > 0) out('');
    out(`${id} (${shown(file)})`);
    for (const c of cases) {
      const { decision, failures } = withCase(file, c, () => runCase(loaded, c));
      if (failures.length === 0) {
        passed++;
        out(`✓ ${c.name}`);
        continue;
      }
      failed++;
      out(`✗ ${c.name}`);
      for (const line of failures) out(`    ${line}`);
      for (const line of describeDecision(decision)) out(`    ${line}`);
    }
  });
  out('');
  out(`${passed} passed, ${failed} failed`);
  return failed > 0 ? 1 : 0;
}

/** A case whose profile the engine rejects makes its case file invalid: name the file and the case. */
function withCase<T>(file: string, c: RuleCase, fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof QualifyError && error.code === 'QUAL_ERR_INVALID_PROFILE') {
      const detail = error.issues.length > 0 ? error.issues.map((x) => `${x.path}: ${x.message}`).join('; ') : error.message;
      throw new QualifyError('QUAL_ERR_INVALID_RULE', `${file}: case "${c.name}": profile is invalid: ${detail}`);
    }
    throw error;
  }
}

/** File-system errors (missing folder, no permission) as a coded error without a stack trace. */
function readable<T>(what: string, fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof QualifyError || typeof (error as NodeJS.ErrnoException).code !== 'string') throw error;
    throw fileError(what, error);
  }
}

function exists(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

/** A path relative to the working folder when it lies inside it. */
function shown(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : file;
}
