import { stringify } from 'yaml';
import { selectRules } from '../../check.ts';
import { bundledRules } from '../../rules/load.ts';
import { proposeTerms } from '../../criteria/terms.ts';
import type { Criterion } from '../../rules/schema.ts';

/** For each criterion of the classes, the terms the rule file has and the ones proposed from the
 * criterion's text, as YAML for an analyst to edit into the rule file. */
export function runTerms(classes: string[] | undefined, out: (text: string) => void): void {
  const report = selectRules(classes, bundledRules()).flatMap(({ rule }) => {
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
