import { bundledRules } from '../../src/rules/load.ts';

/** The person specification of the council class: the criteria the statement fixtures are labelled against. */
const requirement = bundledRules().get('council-infrastructure-manager')!.rule.paths[0]!.requirements[0]!;
export const councilCriteria = requirement.kind === 'criteria' ? requirement.criteria : [];
