import type { Decision, Gap } from '../engine/decision.ts';
import { conditionKey, substitutionKey, type Resolutions } from '../engine/resolve.ts';
import { assetKey } from '../engine/types.ts';

/** One thing a person must check before a `review` decision can become final: an uncertain asset
 * (`job:2`, `degree:0`, `certification:1`), a condition (`condition:<id>`) or a discretionary clause
 * (`substitution:<id>`), with what the decision's findings say about it. */
export interface ReviewItem {
  key: string;
  /** `asset` items are facts about the person, shared by every class; the others are the class's. */
  scope: 'asset' | 'class';
  code: Gap['code'];
  messages: string[];
  clause?: string;
}

function keyOf(gap: Gap): { key: string; scope: ReviewItem['scope'] } | null {
  if (gap.code === 'GAP_DISCRETIONARY' && gap.substitution) return { key: substitutionKey(gap.substitution), scope: 'class' };
  if (gap.code !== 'GAP_CONFIRM') return null;
  if (gap.why === 'condition' && gap.requirement) return { key: conditionKey(gap.requirement), scope: 'class' };
  const asset = gap.assets?.[0];
  return asset ? { key: assetKey(asset), scope: 'asset' } : null;
}

/** What a `review` decision needs a person to check, from its typed findings: the confirmations of
 * the deciding path, one item per key (a job both year-only and inferred is one item). */
export function reviewItems(decision: Decision): ReviewItem[] {
  if (decision.status !== 'review') return [];
  const items = new Map<string, ReviewItem>();
  for (const gap of decision.gaps) {
    if (gap.path !== undefined && gap.path !== decision.path) continue;
    const id = keyOf(gap);
    if (!id) continue;
    const item = items.get(id.key) ?? { ...id, code: gap.code, messages: [], ...(gap.clause ? { clause: gap.clause } : {}) };
    item.messages.push(gap.message);
    items.set(id.key, item);
  }
  return [...items.values()];
}

export type Verdict = 'confirm' | 'reject';

/** The latest verdict on each key wins: a reviewer may change their mind, and the log keeps both. */
export function resolutionsOf(actions: ReadonlyArray<{ item: string; action: Verdict }>): Resolutions {
  const last = new Map(actions.map((a) => [a.item, a.action]));
  const keys = (v: Verdict) => new Set([...last].filter(([, a]) => a === v).map(([k]) => k));
  return { confirmed: keys('confirm'), rejected: keys('reject') };
}
