import { QualifyError, type FieldIssue } from '../errors.ts';
import { columnKey, columnName, isKnownColumn, looksDemographic, looksSelfReported, nearestColumns, readAs, type Family } from './columns.ts';
import { selfKey, type Conversions } from './map.ts';

export interface HeaderOptions {
  /** Renames another export's columns onto ours (`--map`): their header → our column, both matched loosely. */
  map?: Record<string, string>;
  /** The self-identification column for the adverse-impact report. */
  groupBy?: string;
  /** Header names not to read, matched loosely (`--ignore`, a map's `ignore:`). */
  ignore?: readonly string[];
  /** A column that is neither known, mapped, ignored nor the group-by column: `refuse` stops the
   * file before any row is read, naming each with its nearest known columns (the CLI); `list`
   * (the default) reads on without it and lists it in `ignored`. */
  unknown?: 'refuse' | 'list';
  /** A map file's value conversions (map.ts), applied as each row is read; its `selfReported:`
   * questions are columns read. */
  convert?: Conversions;
  /** How the user maps a column, and ignores one, in the words of the interface they use: the
   * CLI's flags (the default) or the API's form part and query parameter. */
  remedy?: Remedy;
}

export interface Remedy {
  map: string;
  ignore: string;
  suggest: string;
}

export const CLI_REMEDY: Remedy = { map: '--map FILE', ignore: "--ignore NAME,…, or the map's ignore: list", suggest: '`qualify map --suggest FILE.csv` writes a starting map' };

/** A column read as a self-reported answer (a map's `selfReported:`): `value × months` months of
 * experience in the categories, marked as self-reported. */
export interface SelfReportedColumn {
  /** The key its cells are read by. */
  key: string;
  /** The header's own words: the question. */
  question: string;
  months: number;
  categories: string[];
}

/** What the header row says, worked out once per file so that each row is read by position. */
export interface Header {
  /** The key each column is read as, by position; null for a column qualify does not read. */
  keys: Array<string | null>;
  /** The name each column read is reported by, by position: `job1_title` for `Job Title`, the
   * header's own words for the --group-by column and a self-reported question; null for a column
   * qualify does not read. */
  columns: Array<string | null>;
  /** The N of the `jobN_*`, `degreeN_*`, `creditN_*` and `trainingN_*` columns present, in order. */
  jobs: number[];
  degrees: number[];
  credits: number[];
  trainings: number[];
  groupBy?: string;
  /** Header names qualify does not read: those ignored as asked, and, unless unknown columns are
   * refused, the unknown ones (a misspelt column would otherwise pass unnoticed). */
  ignored: string[];
  /** Each column read, in order: its header and what it is read as (`Candidate ID` as `id`). */
  used: Array<{ column: string; as: string }>;
  /** The value conversions rows are read with (a map file's). */
  convert?: Conversions;
  /** The columns read as self-reported answers. */
  selfReported?: SelfReportedColumn[];
}

function numbers(keys: ReadonlyArray<string | null>, prefix: Family): number[] {
  const found = keys.flatMap((k) => (k !== null && isKnownColumn(k) ? [new RegExp(`^${prefix}(\\d+)`).exec(k)?.[1]] : [])).filter((n) => n !== undefined);
  return [...new Set(found.map(Number))].sort((a, b) => a - b);
}

/** A header names nothing qualify reads, and nothing says to ignore it: nearest known columns, and
 * for a self-identification column or a screening answer what to do with it. Fuse scores above 0.5 name nothing near. */
function unknownSaid(name: string): string {
  const near = nearestColumns(name).filter((c) => c.score <= 0.5).map((c) => c.column);
  const said = near.length > 0 ? `nearest: ${near.join(', ')}` : 'no known column is near';
  if (looksDemographic(name)) return `${said}; self-identification is never read for scoring: ignore it, and --group-by it for the report`;
  return looksSelfReported(name) ? `${said}; a screening answer in years: read it as self-reported experience with a map's selfReported: (docs/csv.md), or ignore it` : said;
}

function refuseUnknown(unknown: readonly string[], remedy: Remedy): never {
  const lines = unknown.map((name) => `  "${name.trim()}": ${unknownSaid(name)}`);
  const count = unknown.length === 1 ? 'a column qualify does not know' : `${unknown.length} columns qualify does not know`;
  throw new QualifyError(
    'QUAL_ERR_UNREADABLE_FILE',
    `the CSV has ${count}, and nothing says to ignore ${unknown.length === 1 ? 'it' : 'them'}:\n${lines.join('\n')}\n` +
      `map each onto a column (${remedy.map}; docs/csv.md lists the columns) or ignore it (${remedy.ignore}); ${remedy.suggest}`,
    unknown.map((name): FieldIssue => ({ path: name.trim(), message: `unknown column; ${unknownSaid(name)}` })),
  );
}

export function readHeader(names: readonly string[], options: HeaderOptions = {}): Header {
  const groupBy = options.groupBy === undefined ? undefined : columnKey(options.groupBy);
  const reads = (key: string) => isKnownColumn(key) || key === groupBy;
  const map = new Map<string, string>();
  for (const [theirs, ours] of Object.entries(options.map ?? {})) {
    const key = readAs(ours);
    if (!reads(key)) throw new QualifyError('QUAL_ERR_INVALID_OPTION', `the column map renames "${theirs}" to "${ours}", which is not a column qualify reads`, [{ path: `columns.${theirs}`, message: 'not a column of the applicant CSV' }]);
    map.set(columnKey(theirs), key);
  }
  const ignore = new Set((options.ignore ?? []).map(columnKey));
  const asked = new Map(Object.entries(options.convert?.selfReported ?? {}));
  const selfReported: SelfReportedColumn[] = [];
  const seen = new Map<string, string>();
  const ignored: string[] = [];
  const unknown: string[] = [];
  const keys = names.map((name) => {
    const loose = columnKey(name);
    if (!name.trim()) return null;
    // Ignoring wins, but for the --group-by column: a column the user said not to read is not
    // read, whatever its name; a self-identification column ignored for scoring is still grouped by.
    if (ignore.has(loose) && loose !== groupBy) {
      ignored.push(name);
      return null;
    }
    const question = asked.get(loose);
    let key: string;
    if (question !== undefined && !map.has(loose)) {
      key = selfKey(name);
      selfReported.push({ key, question: name.trim(), ...question });
    } else {
      key = map.get(loose) ?? readAs(name);
      if (!reads(key)) {
        (options.unknown === 'refuse' ? unknown : ignored).push(name);
        return null;
      }
    }
    const before = seen.get(key);
    // Two columns for one field: reading either would silently drop the other.
    if (before !== undefined) throw new QualifyError('QUAL_ERR_UNREADABLE_FILE', `the columns "${before}" and "${name}" name the same field; drop or rename one`, [{ path: name, message: 'duplicate column' }]);
    seen.set(key, name);
    return key;
  });
  const remedy = options.remedy ?? CLI_REMEDY;
  if (unknown.length > 0) refuseUnknown(unknown, remedy);
  if (!seen.has('id')) throw new QualifyError('QUAL_ERR_UNREADABLE_FILE', `the CSV has no id column: its first row must name the columns, one of them id (or map one onto id with ${remedy.map})`, [{ path: 'id', message: 'missing column' }]);
  if (groupBy !== undefined && !seen.has(groupBy)) throw new QualifyError('QUAL_ERR_INVALID_OPTION', `--group-by "${options.groupBy}" is not a column of the CSV`, [{ path: 'groupBy', message: 'no such column' }]);
  const columns = keys.map((key, i) => (key === null ? null : isKnownColumn(key) && key !== groupBy ? columnName(key) : names[i]!.trim()));
  const used = keys.flatMap((key, i) => {
    if (key === null) return [];
    const as = key === groupBy ? 'group (--group-by)' : isKnownColumn(key) ? columnName(key) : 'self-reported experience (selfReported:)';
    return [{ column: names[i]!.trim(), as }];
  });
  return {
    keys, columns, jobs: numbers(keys, 'job'), degrees: numbers(keys, 'degree'), credits: numbers(keys, 'credit'), trainings: numbers(keys, 'training'),
    ...(groupBy === undefined ? {} : { groupBy }),
    ignored, used,
    ...(options.convert ? { convert: options.convert } : {}),
    ...(selfReported.length > 0 ? { selfReported } : {}),
  };
}
