import { z } from 'zod';
import { fuzzyIndex } from './fuzzy.ts';
import { CertCategory } from './ids.ts';
import { lazy, loadVocabulary } from './load.ts';
import { memoise, normaliseName } from './normalise.ts';

/** The certification catalogue (data/certifications.yaml, READING.md §4). */

const CatalogueEntry = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/),
  name: z.string(),
  issuer: z.string(),
  categories: z.array(CertCategory).min(1),
  aliases: z.array(z.string()),
});
export type CatalogueEntry = z.output<typeof CatalogueEntry>;

export interface CertMatch {
  id: string;
  name: string;
  issuer: string;
  categories: CertCategory[];
  confidence: number;
}

/** Words that name no particular certification. */
const FILLER = /\b(certified|certification|certificate|cert|credential|exam|professional certificate)\b/g;
/** Vendors people put before a name or code ("Cisco CCNA", "VMware VCP-DCV"). */
const VENDOR = /^(cisco|microsoft|ms|amazon web services|amazon|aws|google cloud|google|gcp|vmware|red hat|redhat|oracle|comptia|isc2|isc 2|isaca|pmi|axelos|peoplecert|juniper|palo alto networks|palo alto|fortinet|citrix|netapp|scrum alliance|scrum org) /;

/** Names compared without filler words, with "Security +" read as "Security+". */
function key(text: string): string {
  return normaliseName(text).replace(/\s+\+/g, '+').replace(FILLER, ' ').replace(/\s+/g, ' ').trim();
}

const catalogue = lazy(() => {
  const entries = loadVocabulary('certifications.yaml', z.strictObject({ certifications: z.array(CatalogueEntry) })).certifications;
  const names = new Map<string, CatalogueEntry>();
  for (const entry of entries) for (const name of [entry.name, ...entry.aliases]) names.set(key(name), entry);
  // Codes ("CCNA", "AZ-104") must match exactly: CCNA and CCNP are one letter apart.
  const fuzzy = fuzzyIndex(entries.map((entry) => ({ key: key(entry.name), item: entry })));
  return { entries, names, fuzzy };
});

export const certificationCatalogue = (): readonly CatalogueEntry[] => catalogue().entries;

const found = (entry: CatalogueEntry, confidence: number): CertMatch => ({ id: entry.id, name: entry.name, issuer: entry.issuer, categories: entry.categories, confidence });

/** "AWS SAA-C03", "Cisco CCNA R&S", "PMP®", "Microsoft Certified: Azure Administrator Associate":
 * exact names, aliases and codes first (with and without the vendor), then a tolerant match over
 * full names; null when nothing is close enough (an unrecognised name, reported as such). */
export const matchCertification = memoise((name: string): CertMatch | null => {
  const { names, fuzzy } = catalogue();
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
});
