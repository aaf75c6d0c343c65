/** What the allocator found: which asset went to which requirement, and what is missing. */

/** One asset of the profile, by its position in the profile's list. */
export type AssetRef = { kind: 'job' | 'degree' | 'credits' | 'training' | 'certification'; index: number };

/** Something uncertain a reading relied on: an asset (why is read from the facts), or a condition
 * of the rule that only a person can decide. */
export type Assumption = { kind: 'asset'; asset: AssetRef } | { kind: 'condition'; requirement: string };

/** `job:2`: one key per asset, to gather or deduplicate what refers to the same entry. */
export const assetKey = (ref: AssetRef): string => `${ref.kind}:${ref.index}`;
export const assumptionKey = (a: Assumption): string => (a.kind === 'asset' ? assetKey(a.asset) : `condition:${a.requirement}`);

/** The unit a requirement is counted in. */
export type Unit = 'months' | 'hours' | 'certificates' | 'credentials' | 'conditions';

/** One asset's contribution: `amount` of it (months, hours, or one certification or credential)
 * credited to a requirement, directly or through a substitution (`via`). Every credit has all five
 * keys (`part` and `via` undefined when they do not apply): one shape keeps the code that reads them fast. */
export interface Credit {
  requirement: string;
  part?: string;
  via?: string;
  asset: AssetRef;
  amount: number;
}

export interface Shortfall {
  requirement: string;
  part?: string;
  /** In the requirement's unit (months for a substitution's missing credit). */
  amount: number;
}

export interface Allocation {
  feasible: boolean;
  /** Share (0–1) of the path's demand met, weighting a certification as 12 months. */
  coverage: number;
  credits: Credit[];
  shortfalls: Shortfall[];
  /** Months each substitution delivered, by substitution id. */
  substituted: Map<string, number>;
  /** Months substitutions put into each requirement, by requirement id. */
  into: Map<string, number>;
  /** Uncertain assets and conditions the allocation relied on, by key. */
  assumed: Map<string, Assumption>;
}
