import { readFileSync } from 'node:fs';
import Fuse from 'fuse.js';
import { parse, stringify } from 'yaml';
import { z } from 'zod';
import { QualifyError, fileError } from '../errors.ts';
import { formatMonthIndex, monthIndex, parsePartialDate } from '../profile/dates.ts';
import { columnKey, columnKind, columnName, familyPattern, idOf, isKnownColumn, LIST_COLUMNS, looksDemographic, looksSelfReported, nearestColumns, readAs, targetOf } from './columns.ts';
import { unknownId } from '../vocab/vocabulary.ts';

/** A map file (`--map`, docs/csv.md): their columns renamed onto ours, columns to ignore, and how
 * their values convert into ours, applied as each row is read (csv-row.ts). */

export const DATE_FORMATS = ['MM/DD/YYYY', 'DD/MM/YYYY', 'YYYY-MM-DD', 'Mon YYYY', 'excel'] as const;
export type DateFormat = (typeof DATE_FORMATS)[number];
const FORMATS_SAID = 'MM/DD/YYYY, DD/MM/YYYY, YYYY-MM-DD, "Mon YYYY" or excel';

/** The conversions a row is read with. Tables are keyed by column key (`degree1level`), column
 * family (`degree#level`, written `degreeN_level`) or self-reported question (selfKey). */
export interface Conversions {
  /** The form of the date columns (jobN_start, jobN_end, degreeN_completed, trainingN_completed). */
  dates?: DateFormat;
  /** Words for a job still held, in an end date, as the map gives them (for messages). */
  present: string[];
  /** Words read as true, and as false, besides yes/no/true/false/1/0. */
  yes: string[];
  no: string[];
  /** Their value (as wordKey) → ours. */
  values: Record<string, Record<string, string>>;
  /** The separator of a list column, where it is not `;`. */
  lists: Record<string, string>;
  /** By header key (columnKey): the months each unit of the answer stands for, and the categories. */
  selfReported: Record<string, { months: number; categories: string[] }>;
  /** The day self-reported experience ends on, for its start to be worked out (default: today). */
  today?: Date;
}

export interface ColumnMap {
  /** Their header → our column. */
  columns: Record<string, string>;
  /** Their headers not to read. */
  ignore: string[];
  convert: Conversions;
}

/** The words for a job still held when no map says otherwise. */
export const PRESENT = ['present', 'current'];

/** Reading without a map: only the words for a job still held. */
export const NO_CONVERSIONS: Conversions = { present: PRESENT, yes: [], no: [], values: {}, lists: {}, selfReported: {} };

/** A value as the words of a map are matched: ignoring case, spaces and . ' ’ - _ / , ( ). */
export const wordKey = (value: string): string => value.toLowerCase().replace(/[\s.'’\-_/,()]+/g, '');

/** The key a self-reported answer's cells are read by: apart from every column key. */
export const selfKey = (question: string): string => `selfreported:${columnKey(question)}`;

/** The map's `values:` for a column: their value (as wordKey) → ours; undefined when it has none. */
export type ValueTable = Readonly<Record<string, string>> | undefined;

/** The map's `values:` for a column, or for its column family. */
export const valueTable = (convert: Conversions, key: string): ValueTable => convert.values[key] ?? convert.values[familyPattern(key)];

/** A cell's value through a column's value table, else as it is. */
export function throughTable(table: ValueTable, value: string | undefined): string | undefined {
  if (value === undefined || table === undefined) return value;
  const word = wordKey(value);
  return Object.hasOwn(table, word) ? table[word] : value;
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** `YYYY-MM[-DD]` when it is a real calendar date, else null. */
function iso(year: string | number, month: number, day?: number): string | null {
  const text = `${year}-${pad(month)}${day === undefined ? '' : `-${pad(day)}`}`;
  return parsePartialDate(text) ? text : null;
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/** Excel's serial day numbers (the 1900 date system, with its 29 February 1900 that never was). */
function excelDate(serial: number): string | null {
  if (serial < 1 || serial === 60) return null;
  const day = new Date(Date.UTC(1899, 11, serial < 60 ? 31 : 30) + Math.floor(serial) * 86_400_000);
  return iso(day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate());
}

/** A date written in `format` as `YYYY-MM-DD` (or `YYYY-MM` when it names no day); dates already in
 * YYYY-MM-DD, YYYY-MM or YYYY pass as they are. Null when it is not a date in that form. */
export function convertDate(value: string, format: DateFormat): string | null {
  const v = value.trim();
  if (parsePartialDate(v)) return v;
  switch (format) {
    case 'MM/DD/YYYY':
    case 'DD/MM/YYYY': {
      const full = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(v);
      if (full) {
        const [a, b] = [Number(full[1]), Number(full[2])];
        return format === 'MM/DD/YYYY' ? iso(full[3]!, a, b) : iso(full[3]!, b, a);
      }
      const monthYear = /^(\d{1,2})[/.-](\d{4})$/.exec(v);
      return monthYear ? iso(monthYear[2]!, Number(monthYear[1])) : null;
    }
    case 'YYYY-MM-DD': {
      const m = /^(\d{4})[/.-](\d{1,2})(?:[/.-](\d{1,2}))?$/.exec(v);
      return m ? iso(m[1]!, Number(m[2]), m[3] === undefined ? undefined : Number(m[3])) : null;
    }
    case 'Mon YYYY': {
      const m = /^([a-z]{3,9})\.?,?\s+(\d{4})$/i.exec(v);
      const month = m ? MONTHS.findIndex((name) => name.startsWith(m[1]!.toLowerCase()) && (m[1]!.length === 3 || m[1]!.toLowerCase() === 'sept' || name === m[1]!.toLowerCase())) : -1;
      return m && month >= 0 ? iso(m[2]!, month + 1) : null;
    }
    case 'excel':
      return /^\d+(?:\.\d+)?$/.test(v) ? excelDate(Number(v)) : null;
  }
}

/** The start (YYYY-MM) of `months` of experience ending in the month of `today`. */
export function startBefore(today: Date, months: number): string {
  return formatMonthIndex(monthIndex(today.getUTCFullYear(), today.getUTCMonth() + 1) - months);
}

// ---------------------------------------------------------------------------------------------
// The map file

const scalar = z.union([z.string(), z.number(), z.boolean()]).transform(String);
const word = z.union([z.string(), z.number(), z.boolean(), z.null()]).transform((v) => (v === null ? '' : String(v)));
const words = (example: string) => z.array(word, { error: `must be a list of words, as in ${example}` }).nullish();

const MapFile = z.strictObject({
  columns: z.record(z.string(), z.string({ error: 'must name one of our columns (docs/csv.md), as in Candidate ID: id' }), { error: 'must map their headers to our columns, as in columns: {Candidate ID: id}' }).nullish(),
  ignore: z.array(scalar, { error: 'must be a list of their headers, as in [Race/Ethnicity, Phone]' }).nullish(),
  dates: z.enum(DATE_FORMATS, { error: `must be one of ${FORMATS_SAID}` }).nullish(),
  present: words('[Current, Present, Now, ""]'),
  yes: words('[Y, Yes, X]'),
  no: words('[N, No]'),
  values: z.record(z.string(), z.record(z.string(), scalar, { error: 'must map their values to ours, as in { BS: bachelor }' }), { error: 'must map columns to {their value: ours}, as in degree1_level: { BS: bachelor }' }).nullish(),
  lists: z.record(z.string(), z.string({ error: 'must be the separator, as in certifications: ","' }).min(1, 'must be the separator, as in certifications: ","'), { error: 'must map list columns to their separator, as in certifications: ","' }).nullish(),
  selfReported: z.record(
    z.string(),
    z.strictObject({
      months: z.number({ error: 'must be the months one unit of the answer stands for, as in months: 12' }).positive('must be more than 0').max(1200, 'must be at most 1200'),
      categories: z.array(z.string(), { error: 'must be a list of category ids, as in [information-technology]' }).min(1, 'must name at least one category'),
    }, { error: 'must be { months: N, categories: [ids] }' }),
    { error: 'must map screening questions to { months: N, categories: [ids] }' },
  ).nullish(),
}, { error: 'a map file is a YAML mapping with columns: {their header: our column}, and optionally ignore, dates, present, yes, no, values, lists and selfReported (docs/csv.md)' });

const KEYS = Object.keys(MapFile.shape);

export interface MapOptions {
  /** The --group-by column, which `columns:` may rename a header onto. */
  groupBy?: string;
  /** The known category ids, to check `selfReported:` categories against. */
  categories?: readonly string[];
}

const nearest = (name: string): string => {
  const near = nearestColumns(name).filter((c) => c.score <= 0.5).map((c) => c.column);
  return near.length > 0 ? ` (nearest: ${near.join(', ')})` : '';
};

function didYouMean(key: string): string {
  const [best] = new Fuse(KEYS, { threshold: 0.5 }).search(key);
  return best ? ` (did you mean ${best.item}?)` : '';
}

function zodProblems(error: z.ZodError): string[] {
  return error.issues.slice(0, 10).flatMap((issue) => {
    const where = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => `${[where, key].filter(Boolean).join('.')}: not a key of a map file${where ? '' : didYouMean(key)}; the keys are ${(where ? ['months', 'categories'] : KEYS).join(', ')} (docs/csv.md)`);
    }
    return [`${where || '(root)'}: ${issue.message}`];
  });
}

/** A map file's text, validated: every problem names the file and the key. */
export function parseMap(text: string, file: string, options: MapOptions = {}): ColumnMap {
  let parsed: unknown;
  try {
    parsed = parse(text);
  } catch (error) {
    throw new QualifyError('QUAL_ERR_UNREADABLE_FILE', `cannot read the column map ${file}: ${(error as Error).message}`);
  }
  if (parsed === null || parsed === undefined) throw new QualifyError('QUAL_ERR_INVALID_OPTION', `${file}: the map is empty; it needs columns: {their header: our column}, or the other keys of docs/csv.md`);
  const result = MapFile.safeParse(parsed);
  if (!result.success) throw new QualifyError('QUAL_ERR_INVALID_OPTION', zodProblems(result.error).map((p) => `${file}: ${p}`).join('\n'), result.error.issues.map((i) => ({ path: i.path.map(String).join('.') || '(root)', message: i.message })));
  const data = result.data;
  const problems: string[] = [];
  const groupBy = options.groupBy === undefined ? undefined : columnKey(options.groupBy);

  const columns = data.columns ?? {};
  for (const [theirs, ours] of Object.entries(columns)) {
    if (!isKnownColumn(readAs(ours)) && columnKey(ours) !== groupBy) problems.push(`columns.${theirs}: "${ours}" is not a column qualify reads${nearest(ours)}`);
  }
  const ignore = data.ignore ?? [];
  const mapped = new Set(Object.keys(columns).map(columnKey));
  for (const name of ignore) if (mapped.has(columnKey(name))) problems.push(`ignore: "${name}" is also in columns:; a column is either read or ignored`);

  const selfReported: Conversions['selfReported'] = {};
  const known = options.categories;
  for (const [question, { months, categories }] of Object.entries(data.selfReported ?? {})) {
    if (mapped.has(columnKey(question))) problems.push(`selfReported.${question}: also in columns:; a column is read as one thing`);
    if (ignore.some((name) => columnKey(name) === columnKey(question))) problems.push(`selfReported.${question}: also in ignore:`);
    const ids = categories.map(idOf);
    for (const id of ids) if (known && !known.includes(id)) problems.push(`selfReported.${question}.categories: ${unknownId(id, 'category', known)}`);
    selfReported[columnKey(question)] = { months, categories: ids };
  }

  const values: Conversions['values'] = {};
  for (const [column, table] of Object.entries(data.values ?? {})) {
    const target = targetOf(column) ?? (Object.hasOwn(selfReported, columnKey(column)) ? selfKey(column) : null);
    if (target === null) {
      problems.push(`values.${column}: not a column qualify reads, nor a selfReported: question${nearest(column)}`);
      continue;
    }
    const converted: Record<string, string> = {};
    for (const [theirs, ours] of Object.entries(table)) {
      const key = wordKey(theirs);
      if (Object.hasOwn(converted, key) && converted[key] !== ours) problems.push(`values.${column}.${theirs}: the same value as another key, once case, spaces and punctuation are set aside, with another conversion`);
      converted[key] = ours;
    }
    values[target] = converted;
  }

  const lists: Conversions['lists'] = {};
  for (const [column, separator] of Object.entries(data.lists ?? {})) {
    const target = targetOf(column);
    if (target === null || columnKind(target) !== 'list') problems.push(`lists.${column}: not a column that holds a list; lists: splits ${LIST_COLUMNS.join(', ')}`);
    else lists[target] = separator;
  }

  const yes = (data.yes ?? []).filter((w) => w.trim());
  const no = (data.no ?? []).filter((w) => w.trim());
  for (const w of no) if (yes.some((y) => wordKey(y) === wordKey(w))) problems.push(`no: "${w}" is also in yes:`);

  if (problems.length > 0) throw new QualifyError('QUAL_ERR_INVALID_OPTION', problems.map((p) => `${file}: ${p}`).join('\n'), problems.map((p) => ({ path: p.slice(0, p.indexOf(':')), message: p.slice(p.indexOf(':') + 2) })));
  return {
    columns,
    ignore,
    convert: {
      ...(data.dates ? { dates: data.dates } : {}),
      present: data.present ?? PRESENT,
      yes, no, values, lists, selfReported,
    },
  };
}

/** A map file read and validated (`--map FILE`). */
export function loadMap(file: string, options: MapOptions = {}): ColumnMap {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw fileError(`the column map ${file}`, error);
  }
  return parseMap(text, file, options);
}

// ---------------------------------------------------------------------------------------------
// A starting map from a header and a few rows (`qualify map --suggest`)

/** Contact and personal details: never read, and nothing to map. */
const looksPersonal = (name: string): boolean => /phone|mobile|address|street|city|\bstate\b|zip|postal|first name|last name|middle name|surname|birth|\bdob\b|ssn|social security|linkedin|resume|r[ée]sum[ée] (?:file|link|url)/i.test(name);

/** fuse.js scores at or below this, with the next candidate at least SURE_GAP further, are taken. */
const SURE = 0.25;
const SURE_GAP = 0.1;

const yaml = (value: string): string => stringify(value).trimEnd();

/** The date format most of the samples are in, and why. */
export function guessDates(samples: readonly string[]): { format: DateFormat; note: string } | null {
  const values = samples.map((s) => s.trim()).filter(Boolean);
  const seen = (list: string[]) => `seen: ${[...new Set(list)].slice(0, 3).join(', ')}`;
  const slashed = values.filter((v) => /^\d{1,2}[/.-]\d{1,2}[/.-]\d{4}$/.test(v));
  const monthYear = values.filter((v) => /^\d{1,2}[/.-]\d{4}$/.test(v));
  const named = values.filter((v) => convertDate(v, 'Mon YYYY') !== null && !parsePartialDate(v));
  const serial = values.filter((v) => /^\d{5}(?:\.\d+)?$/.test(v));
  const isoDates = values.filter((v) => parsePartialDate(v) !== null);
  const counts: Array<[number, () => { format: DateFormat; note: string }]> = [
    [slashed.length + monthYear.length, () => {
      const parts = slashed.map((v) => v.split(/[/.-]/).map(Number));
      if (parts.some(([a]) => a! > 12)) return { format: 'DD/MM/YYYY', note: `${seen(slashed)}; a first number above 12 makes it the day` };
      if (parts.some(([, b]) => b! > 12)) return { format: 'MM/DD/YYYY', note: `${seen(slashed)}; a second number above 12 makes it the day` };
      return { format: 'MM/DD/YYYY', note: `${seen([...slashed, ...monthYear])}; no number above 12 seen, so it may be DD/MM/YYYY: check` };
    }],
    [named.length, () => ({ format: 'Mon YYYY', note: seen(named) })],
    [serial.length, () => ({ format: 'excel', note: `${seen(serial)}: Excel day numbers` })],
    [isoDates.length, () => ({ format: 'YYYY-MM-DD', note: seen(isoDates) })],
  ];
  const [count, guess] = counts.reduce((a, b) => (b[0] > a[0] ? b : a));
  return count > 0 ? guess() : null;
}

/** How a suggestion reads one header: `as-is`, by its own name; `sure`, a clear match; `unsure`,
 * no clear match (left unmapped: scoring stops and names it until it is mapped or ignored);
 * `demographic` and `personal`, ignored; `question`, a screening question in years, left for the
 * user to read as self-reported experience or to ignore. */
export type Guess = 'as-is' | 'sure' | 'unsure' | 'demographic' | 'personal' | 'question';

export interface ColumnGuess {
  /** The header as the file has it, trimmed. */
  header: string;
  /** Our column (as docs/csv.md names it) it is read as; null when it is not read. */
  as: string | null;
  guess: Guess;
  /** The known columns nearest an unsure header, best first. */
  nearest: string[];
}

/** A starting map, as data: what each header is read as, and the value forms seen in the rows. */
export interface Suggestion {
  columns: ColumnGuess[];
  dates: { format: DateFormat; note: string } | null;
  /** Words seen in end dates: each means a job still held. */
  present: string[];
  lists: Array<{ column: string; separator: string; example: string }>;
  /** Values of yes/no columns that are not yes/no words, as `column: value`. */
  flags: string[];
  /** The degree levels seen. */
  levels: string[];
}

/** What an export's header and first rows look like they hold: every entry is a guess for the user to check. */
export function suggest(names: readonly string[], rows: ReadonlyArray<readonly string[]>): Suggestion {
  const taken = new Set<string>();
  const targets: Array<{ index: number; key: string }> = [];
  const columns = names.flatMap((raw, index): ColumnGuess[] => {
    const header = raw.trim();
    if (!header) return [];
    const key = readAs(header);
    const read = (target: string, guess: Guess): ColumnGuess => {
      taken.add(target);
      targets.push({ index, key: target });
      return { header, as: columnName(target), guess, nearest: [] };
    };
    if (looksDemographic(header)) return [{ header, as: null, guess: 'demographic', nearest: [] }];
    if (isKnownColumn(key) && !taken.has(key)) return [read(key, 'as-is')];
    if (looksPersonal(header)) return [{ header, as: null, guess: 'personal', nearest: [] }];
    if (looksSelfReported(header)) return [{ header, as: null, guess: 'question', nearest: [] }];
    const near = nearestColumns(header, 4).filter((c) => !taken.has(readAs(c.column)));
    const [best, next] = near;
    if (best && best.score <= SURE && (!next || next.score - best.score >= SURE_GAP)) return [read(readAs(best.column), 'sure')];
    return [{ header, as: null, guess: 'unsure', nearest: near.filter((c) => c.score <= 0.5).slice(0, 3).map((c) => c.column) }];
  });
  const samples = (kinds: readonly string[]) => targets.filter((t) => kinds.includes(columnKind(t.key))).map((t) => ({ ...t, values: rows.map((r) => r[t.index]?.trim() ?? '').filter(Boolean) }));
  const dated = samples(['date', 'end']);
  const lists = samples(['list']).flatMap((d) => {
    const separator = [',', '|', '/'].find((s) => d.values.some((v) => v.includes(s)) && !d.values.some((v) => v.includes(';')));
    return separator ? [{ column: columnName(d.key), separator, example: d.values.find((v) => v.includes(separator)) ?? '' }] : [];
  });
  return {
    columns,
    dates: guessDates(dated.flatMap((d) => d.values.filter((v) => !PRESENT.includes(v.toLowerCase()) && /\d/.test(v)))),
    present: [...new Set(samples(['end']).flatMap((d) => d.values.filter((v) => !/\d/.test(v))))],
    lists,
    flags: [...new Set(samples(['bool']).flatMap((d) => d.values.filter((v) => !['yes', 'y', 'true', '1', 'no', 'n', 'false', '0'].includes(v.toLowerCase())).map((v) => `${columnName(d.key)}: ${v}`)))],
    levels: [...new Set(samples(['text']).filter((d) => /^degree\d+level$/.test(d.key)).flatMap((d) => d.values))],
  };
}

/** A map file's content, as its YAML holds it. */
export type MapFileData = z.input<typeof MapFile>;

/** The map a suggestion stands for, without its comments: confident renames, ignored personal
 * and self-identification columns, and the value forms seen. Unsure headers and screening
 * questions are left out, for scoring to stop at until the user says what they are. */
export function suggestedMap(s: Suggestion): MapFileData {
  const renamed = s.columns.filter((c) => c.guess === 'sure');
  const ignore = s.columns.filter((c) => c.guess === 'demographic' || c.guess === 'personal').map((c) => c.header);
  return {
    ...(renamed.length > 0 ? { columns: Object.fromEntries(renamed.map((c) => [c.header, c.as!])) } : {}),
    ...(ignore.length > 0 ? { ignore } : {}),
    ...(s.dates ? { dates: s.dates.format } : {}),
    ...(s.present.length > 0 ? { present: s.present } : {}),
    ...(s.lists.length > 0 ? { lists: Object.fromEntries(s.lists.map((l) => [l.column, l.separator])) } : {}),
  };
}

/** A map file as YAML, its keys in the order docs/csv.md gives them. */
export const formatMap = (map: MapFileData): string => stringify(Object.fromEntries(KEYS.flatMap((key) => (map[key as keyof MapFileData] == null ? [] : [[key, map[key as keyof MapFileData]]]))));

/** The category a screening question most likely asks about, for a self-reported column. */
export function categoryOf(question: string): string {
  if (/infrastructure|network|server|system admin|cloud|database/i.test(question)) return 'it-infrastructure';
  if (/project/i.test(question)) return 'project-management';
  if (/clerical|administrative|office/i.test(question)) return 'clerical-administrative';
  return 'information-technology';
}

/** A starting map for an export, from its header and first rows, as a commented YAML file: every
 * line is a guess for the user to check. Loads back with parseMap. */
export function suggestMap(source: string, names: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const s = suggest(names, rows);
  const of = (guess: Guess) => s.columns.filter((c) => c.guess === guess);
  const asIs = of('as-is').map((c) => (columnKey(c.header) === columnKey(c.as!) ? c.header : `${c.header} (as ${c.as})`));
  const columns = [
    ...of('sure').map((c) => `  ${yaml(c.header)}: ${c.as}`),
    ...of('unsure').map((c) => `  # ${yaml(c.header)}: ?   # not sure${c.nearest.length ? `; nearest: ${c.nearest.join(', ')}` : '; no column is near'}. Map it onto one of ours, or add it to ignore:`),
  ];
  const demographic = of('demographic').map((c) => c.header);
  const personal = of('personal').map((c) => c.header);
  const questions = of('question').map((c) => c.header);

  const out: string[] = [
    `# Column map for ${source}, suggested by \`qualify map --suggest\` from its header and first ${rows.length} rows.`,
    '# CHECK EVERY LINE BEFORE SCORING WITH IT: each is a guess from names and a few values. A column',
    '# left commented out was not clear: map it, or add it to ignore:, or scoring stops and names it.',
    '# The columns, their value forms and the keys of this file: docs/csv.md.',
  ];
  if (asIs.length > 0) out.push(`# Read as they are, without a line here: ${asIs.join(', ')}.`);
  out.push('');
  out.push(columns.length > 0 ? 'columns:' : 'columns: {}', ...columns);

  if (demographic.length > 0 || personal.length > 0) {
    out.push('ignore:');
    if (demographic.length > 0) {
      out.push(`  # Self-identification, never read for scoring. For selection rates and four-fifths ratios by group, score with --group-by ${JSON.stringify(demographic[0]!)} --report report.html: the --group-by column is read for the report even when listed here.`);
      out.push(...demographic.map((n) => `  - ${yaml(n)}`));
    }
    if (personal.length > 0) {
      out.push('  # Contact and personal details, which qualify does not read.');
      out.push(...personal.map((n) => `  - ${yaml(n)}`));
    }
  }
  if (s.dates) out.push(`dates: ${yaml(s.dates.format)}   # ${s.dates.note}`);
  else out.push('# dates: MM/DD/YYYY   # no dates seen in the first rows: set the form of the date columns, if not YYYY-MM-DD');
  if (s.present.length > 0) out.push(`present: [${s.present.map(yaml).join(', ')}]   # words seen in the end dates; each means the job is still held`);
  if (s.lists.length > 0) out.push('lists:', ...s.lists.map((l) => `  ${l.column}: ${yaml(l.separator)}   # seen: ${yaml(l.example)}`));
  if (s.flags.length > 0) out.push(`# yes: []   # no: []   # yes/no columns hold words of their own (${s.flags.slice(0, 5).join('; ')}): list each under yes: or no:`);
  if (s.levels.length > 0) {
    out.push(`# values:   # their codes → ours, where the export has its own; the degree levels seen: ${s.levels.slice(0, 12).join(', ')}`);
    out.push('#   degreeN_level: { "H.S.": high-school }   # levels such as BS, MS, PhD are read as they are');
  }
  if (questions.length > 0) {
    out.push('# selfReported:   # a screening answer as self-reported experience (review at best, never qualified alone): value × months, in the categories');
    out.push(...questions.map((q) => `#   ${yaml(q)}: { months: 12, categories: [${categoryOf(q)}] }`));
  }
  return `${out.join('\n')}\n`;
}
