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
  /** Whether a name is only an issuer ("(ISC)²", "Cisco"), written beside a certification. */
  isIssuer: (name: string) => boolean;
}

/** Words that name no particular certification. */
const FILLER = /\b(certified|certification|certificate|cert|credential|exam|professional certificate)\b/g;
/** Vendors people put before a name or code ("Cisco CCNA", "VMware VCP-DCV"). */
const VENDOR = /^(cisco|microsoft|ms|amazon web services|amazon|aws|google cloud|google|gcp|vmware|red hat|redhat|oracle|comptia|isc2|isc 2|isc|isaca|pmi|axelos|peoplecert|juniper|palo alto networks|palo alto|fortinet|citrix|netapp|scrum alliance|scrum org) /;

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
  const issuers = new Set(entries.map((entry) => key(entry.issuer)));
  const isIssuer = (name: string): boolean => {
    const k = key(name);
    return issuers.has(k) || VENDOR.exec(`${k} `)?.[0].length === k.length + 1;
  };
  return { certificationCategories: categories, entries, matchCertification: memoise((name) => matchIn(names, fuzzy, name)), isIssuer };
}

const found = (entry: CatalogueEntry, confidence: number): CertMatch => ({ id: entry.id, name: entry.name, issuer: entry.issuer, categories: entry.categories, confidence });

function matchIn(names: ReadonlyMap<string, CatalogueEntry>, fuzzy: (text: string) => FuzzyHit<CatalogueEntry> | null, name: string): CertMatch | null {
  const exact = exactIn(names, name);
  if (exact) return found(exact, 1);
  // The name and its code written together ("Certified Kubernetes Administrator (CKA)", "CISA - Certified
  // Information Systems Auditor", "Oracle Certified Professional, Java SE 11 Developer"): either part names it.
  for (const part of parts(name)) {
    const hit = exactIn(names, part);
    if (hit) return found(hit, 0.9);
  }
  const k = key(name);
  // A code followed by words ("AZ-305 Azure Solutions Architect Expert"): a code may be two tokens once
  // its hyphen is folded ("az 305"), so try the first one and the first two.
  const tokens = k.replace(VENDOR, '').split(' ');
  for (const code of [tokens.slice(0, 2).join(' '), tokens[0] ?? '']) {
    const byCode = tokens.length > code.split(' ').length ? names.get(code) : undefined;
    if (byCode && /\d|^[a-z+]{3,6}$/.test(code)) return found(byCode, 0.9);
  }
  if (k.length < 8) return null;
  const hit = fuzzy(k);
  return hit ? found(hit.item, hit.confidence) : null;
}

/** A name or alias as written, without a leading vendor, or without its years ("Oracle Cloud
 * Infrastructure 2023 Architect Associate") and a version or "ce" at its end. */
function exactIn(names: ReadonlyMap<string, CatalogueEntry>, name: string): CatalogueEntry | undefined {
  const k = key(name);
  return names.get(k) ?? names.get(k.replace(VENDOR, '')) ?? names.get(k.replace(/ (?:19|20)\d\d(?= |$)/g, '').replace(/ (v\d+|r and s|ce)$/, ''));
}

/** What is inside and outside parentheses, and the first part before a comma, colon or spaced dash. */
function parts(name: string): string[] {
  const inside = [...name.matchAll(/\(([^()]*)\)/g)].map((m) => m[1]!);
  const outside = name.replace(/\([^()]*\)/g, ' ');
  const first = /^(.+?)(?:[,:]| [-–—] )/.exec(outside)?.[1];
  return [...(inside.length > 0 ? [outside, ...inside] : []), ...(first ? [first] : [])].filter((p) => p.trim().length > 1);
}
