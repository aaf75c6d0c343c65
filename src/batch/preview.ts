import { Readable } from 'node:stream';
import { parse as parseCsv } from 'csv-parse/sync';
import { parse as parseYaml } from 'yaml';
import { QualifyError, type FieldIssue } from '../errors.ts';
import { knownIds } from '../vocab/vocabulary.ts';
import type { Catalogue } from '../rules/load.ts';
import { columnKey, columnName, FAMILIES, FAMILY_NAMES } from './columns.ts';
import { readHeader, type Header } from './header.ts';
import { categoryOf, formatMap, parseMap, suggest, suggestedMap, type ColumnMap, type Guess, type MapFileData } from './map.ts';
import { readApplicants } from './read-csv.ts';
import { rowIssues } from './score.ts';

/** A map's first look at an export (the screening page's mapping step): how each column will be
 * read, the first rows as they will be read, and what stops scoring, before anything is scored. */

/** Rows looked at, after the header, to guess date forms and list separators. */
export const SAMPLE_ROWS = 20;
/** Rows shown as they will be read. */
export const PREVIEW_ROWS = 5;
/** Bytes of an export looked at: the header and the first rows of any sane export. */
export const HEAD_BYTES = 1 << 20;

/** The text of the start of a file: UTF-8 (a BOM dropped) or UTF-16 with a BOM, cut after its
 * last whole line when the file goes on (`more`). */
export function headText(bytes: Buffer, more: boolean, source: string): string {
  let text: string;
  if (bytes[0] === 0xff && bytes[1] === 0xfe) text = bytes.subarray(2).toString('utf16le');
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) text = Buffer.from(bytes.subarray(2)).swap16().toString('utf16le');
  else {
    if (bytes.includes(0)) throw new QualifyError('QUAL_ERR_UNREADABLE_FILE', `${source}: the file is not UTF-8 text: it holds NUL bytes (UTF-16 saved without a byte-order mark, or a spreadsheet file rather than a CSV?); save it as CSV UTF-8 and try again`);
    text = bytes.toString('utf8').replace(/^\ufeff/, '');
  }
  return more ? text.slice(0, text.lastIndexOf('\n') + 1) : text;
}

/** The header and the first rows of an export's text, blank rows left out. */
export function sampleRows(text: string, source: string): { names: string[]; rows: string[][] } {
  let records: string[][];
  try {
    records = parseCsv(text, { to: SAMPLE_ROWS + 1, relax_column_count: true, relax_quotes: true, skip_empty_lines: true, skip_records_with_error: true }) as string[][];
  } catch (error) {
    throw new QualifyError('QUAL_ERR_UNREADABLE_FILE', `${source}: the header row cannot be read: ${(error as Error).message}`);
  }
  const [names, ...rows] = records.filter((r) => r.some((cell) => cell.trim() !== ''));
  if (!names) throw new QualifyError('QUAL_ERR_UNREADABLE_FILE', `${source}: the CSV is empty: it has no rows, not even a header`);
  return { names, rows };
}

/** How a column will be read: by its own name, renamed by the map, as a self-reported answer,
 * ignored as the map says, or not at all (unknown: scoring stops at it). */
export type ColumnRead = 'read' | 'mapped' | 'self-reported' | 'ignored' | 'unknown';

export interface PreviewColumn {
  header: string;
  /** Our column, as docs/csv.md names it; null when not read. */
  as: string | null;
  read: ColumnRead;
  /** What the suggestion made of the header, for the user to weigh. */
  guess: Guess;
  /** Known columns near an unknown header, best first. */
  nearest: string[];
  /** What the column stands for if it is read as a self-reported answer in years. */
  selfReported: { months: number; categories: string[] };
}

export interface Preview {
  columns: PreviewColumn[];
  /** Every column a map may rename a header onto, for this export's entry numbers. */
  targets: string[];
  /** The map in effect: the one given (YAML or JSON), or the suggested one; and as YAML, to save
   * for the CLI (its keys in order, without the comments of the one given). */
  map: MapFileData;
  mapYaml: string;
  /** What stops scoring: unknown columns, a missing id column, two columns for one field. */
  problems: FieldIssue[];
  /** The first rows as they will be read, each with what is wrong with it. */
  rows: Array<{ line: number; id: string; profile: Record<string, unknown>; problems: FieldIssue[] }>;
}

/** The columns a map may target, numbered up to one past the highest entry number the header uses. */
function targetsFor(names: readonly string[]): string[] {
  const highest = Math.max(2, ...names.map((n) => Number(/\d+/.exec(n)?.[0] ?? 0)).filter((n) => n < 100));
  const numbered = Array.from({ length: highest + 1 }, (_, i) => i + 1).flatMap((n) => FAMILY_NAMES.flatMap((family) => FAMILIES[family].fields.map((field) => `${family}${n}_${field}`)));
  return ['id', 'name', 'email', 'statement', 'certifications', ...numbered];
}

/** The preview of an export's head under a map (YAML text) or, with none, under the suggested map. */
export async function previewExport(bytes: Buffer, more: boolean, mapText: string | undefined, catalogue: Catalogue): Promise<Preview> {
  const text = headText(bytes, more, 'the CSV');
  const { names, rows } = sampleRows(text, 'the CSV');
  const suggestion = suggest(names, rows);
  const data: MapFileData = mapText === undefined ? suggestedMap(suggestion) : ((parseYaml(mapText) ?? {}) as MapFileData);
  const map: ColumnMap = parseMap(mapText ?? formatMap(data), 'the map', { categories: knownIds(catalogue.vocab, 'category') });
  const options = { map: map.columns, ignore: map.ignore, convert: map.convert, unknown: 'list' as const };

  const problems: FieldIssue[] = [];
  let header: Header | null = null;
  try {
    header = readHeader(names, options);
  } catch (error) {
    if (!(error instanceof QualifyError)) throw error;
    problems.push(...error.issues);
  }
  const ignored = new Set(map.ignore.map(columnKey));
  const mapped = new Set(Object.keys(map.columns).map(columnKey));
  const columns = names.flatMap((raw, i): PreviewColumn[] => {
    const header_ = raw.trim();
    if (!header_) return [];
    const guessed = suggestion.columns.find((c) => c.header === header_);
    const base = { header: header_, guess: guessed?.guess ?? 'unsure', nearest: guessed?.nearest ?? [], selfReported: { months: 12, categories: [categoryOf(header_)] } };
    const key = header?.keys[i];
    if (key) {
      const selfReported = key.startsWith('selfreported:');
      return [{ ...base, as: selfReported ? null : columnName(key), read: selfReported ? 'self-reported' : mapped.has(columnKey(raw)) ? 'mapped' : 'read' }];
    }
    return [{ ...base, as: null, read: ignored.has(columnKey(raw)) ? 'ignored' : 'unknown' }];
  });
  for (const c of columns) if (c.read === 'unknown') problems.push({ path: c.header, message: `unknown column${c.nearest.length > 0 ? `; nearest: ${c.nearest.join(', ')}` : ''}: map it onto a column, or ignore it` });

  const shown: Preview['rows'] = [];
  if (header !== null) {
    for await (const row of readApplicants(Readable.from([Buffer.from(text)]), options)) {
      shown.push({ line: row.line, id: row.id, profile: row.profile, problems: rowIssues(row, catalogue) });
      if (shown.length === PREVIEW_ROWS) break;
    }
  }
  return { columns, targets: targetsFor(names), map: data, mapYaml: formatMap(data), problems, rows: shown };
}
