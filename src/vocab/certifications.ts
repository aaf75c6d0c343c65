import { z } from 'zod';
import { fuzzyIndex, type FuzzyHit } from './fuzzy.ts';
import { vocabularyId } from './load.ts';
import { memoise, normaliseName } from './normalise.ts';

/** The certification catalogue (data/certifications.yaml): category ids with labels, and entries. */

const CatalogueEntry = z.strictObject({
  id: vocabularyId,
  name: z.string(),
  issuer: z.string(),
  categories: z.array(z.string()).min(1),
  aliases: z.array(z.string()),
});
export type CatalogueEntry = z.output<typeof CatalogueEntry>;

export const CertificationsFile = z
  .strictObject({ categories: z.record(vocabularyId, z.strictObject({ label: z.string().min(1) })), certifications: z.array(CatalogueEntry) })
  .superRefine((file, ctx) => {
    file.certifications.forEach((entry, i) =>
      entry.categories.forEach((category, c) => {
        if (!(category in file.categories)) ctx.addIssue({ code: 'custom', path: ['certifications', i, 'categories', c], message: `"${category}" is not a category of this file; known: ${Object.keys(file.categories).join(', ')}` });
      }),
    );
  });

export interface CertMatch {
  id: string;
  name: string;
  issuer: string;
  categories: string[];
  confidence: number;
}

export interface Certifications {
  /** Certification category id → label. */
  certificationCategories: ReadonlyMap<string, string>;
  entries: readonly CatalogueEntry[];
  /** "AWS SAA-C03", "Cisco CCNA R&S", "PMP®": exact names, aliases and codes first, then a
   * tolerant match over full names; null when nothing is close enough. */
  matchCertification: (name: string) => CertMatch | null;
}

/** Words that name no particular certification. */
const FILLER = /\b(certified|certification|certificate|cert|credential|exam|professional certificate)\b/g;
/** Vendors people put before a name or code ("Cisco CCNA", "VMware VCP-DCV"). */
const VENDOR = /^(cisco|microsoft|ms|amazon web services|amazon|aws|google cloud|google|gcp|vmware|red hat|redhat|oracle|comptia|isc2|isc 2|isaca|pmi|axelos|peoplecert|juniper|palo alto networks|palo alto|fortinet|citrix|netapp|scrum alliance|scrum org) /;

/** Names compared without filler words, with "Security +" read as "Security+". */
function key(text: string): string {
  return normaliseName(text).replace(/\s+\+/g, '+').replace(FILLER, ' ').replace(/\s+/g, ' ').trim();
}

export function createCertifications(data: z.output<typeof CertificationsFile>): Certifications {
  const entries = data.certifications;
  const names = new Map<string, CatalogueEntry>();
  for (const entry of entries) for (const name of [entry.name, ...entry.aliases]) names.set(key(name), entry);
  // Codes ("CCNA", "AZ-104") must match exactly: CCNA and CCNP are one letter apart.
  const fuzzy = fuzzyIndex(entries.map((entry) => ({ key: key(entry.name), item: entry })));
  const categories = new Map(Object.entries(data.categories).map(([id, c]) => [id, c.label]));
  return { certificationCategories: categories, entries, matchCertification: memoise((name) => matchIn(names, fuzzy, name)) };
}

const found = (entry: CatalogueEntry, confidence: number): CertMatch => ({ id: entry.id, name: entry.name, issuer: entry.issuer, categories: entry.categories, confidence });

function matchIn(names: ReadonlyMap<string, CatalogueEntry>, fuzzy: (text: string) => FuzzyHit<CatalogueEntry> | null, name: string): CertMatch | null {
  const k = key(name);
  const withoutVendor = k.replace(VENDOR, '');
  const exact = names.get(k) ?? names.get(withoutVendor) ?? names.get(k.replace(/ (v\d+|\d{4}|r and s)$/, ''));
  if (exact) return found(exact, 1);
  // A code followed by words ("AZ-305 Azure Solutions Architect Expert"): a code may be two tokens once
  // its hyphen is folded ("az 305"), so try the first one and the first two.
  const tokens = withoutVendor.split(' ');
  for (const code of [tokens.slice(0, 2).join(' '), tokens[0] ?? '']) {
    const byCode = tokens.length > code.split(' ').length ? names.get(code) : undefined;
    if (byCode && /\d|^[a-z+]{3,6}$/.test(code)) return found(byCode, 0.9);
  }
  if (k.length < 8) return null;
  const hit = fuzzy(k);
  return hit ? found(hit.item, hit.confidence) : null;
}
