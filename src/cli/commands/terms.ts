import { stringify } from 'yaml';
import { selectRules } from '../../check.ts';
import { catalogueOf } from '../../rules/load.ts';
import { proposeTerms } from '../../criteria/terms.ts';
import type { Criterion } from '../../rules/schema.ts';

/** For each criterion of the classes (of `rulesDir`, a working copy, when given), the terms the rule
 * file has and the ones proposed from the criterion's text, as YAML for an analyst to edit into the
 * rule file. */
export function runTerms(classes: string[] | undefined, out: (text: string) => void, rulesDir?: string): void {
  const report = selectRules(classes, catalogueOf(rulesDir).rules).flatMap(({ rule }) => {
    const lists = [...rule.paths.flatMap((p) => p.requirements), ...rule.preferred].flatMap((r) => (r.kind === 'criteria' ? [r.criteria] : []));
    return lists.flat().map((c: Criterion) => ({
      class: rule.id,
      criterion: c.id,
      text: c.text,
      terms: c.terms,
      proposed: proposeTerms(c.text).filter((t) => !c.terms.some((x) => x.toLowerCase() === t.toLowerCase())),
    }));
  });
  out(stringify(report, { lineWidth: 0 }));
}
