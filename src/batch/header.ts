import { QualifyError } from '../errors.ts';
import { columnKey, FAMILY_NAMES, isKnownColumn, type Family } from './columns.ts';

export interface HeaderOptions {
  /** Renames another export's columns onto ours (`--map`): their header → our column, both matched loosely. */
  map?: Record<string, string>;
  /** The self-identification column for the adverse-impact report. */
  groupBy?: string;
}

/** What the header row says, worked out once per file so that each row is read by position. */
export interface Header {
  /** The key each column is read as, by position; null for a column qualify does not read. */
  keys: Array<string | null>;
  /** The name each column read is reported by, by position: `job1_title` for `Job Title`, the
   * header's own words for the --group-by column; null for a column qualify does not read. */
  columns: Array<string | null>;
  /** The N of the `jobN_*`, `degreeN_*`, `creditN_*` and `trainingN_*` columns present, in order. */
  jobs: number[];
  degrees: number[];
  credits: number[];
  trainings: number[];
  groupBy?: string;
  /** Header names qualify does not read: a misspelt column would otherwise pass unnoticed. */
  ignored: string[];
}

const UNNUMBERED = new RegExp(`^(${FAMILY_NAMES.join('|')})(?=[a-z])`);
/** `Job Title` reads as `job1_title`, `credit_hours` as `credit1_hours`: an export with one job
 * (or the long layout) rarely numbers it. Other names stay, so `Training Group` can be --group-by. */
function unnumbered(key: string): string {
  const first = key.replace(UNNUMBERED, '$11');
  return isKnownColumn(first) ? first : key;
}

const NUMBERED = new RegExp(`^(${FAMILY_NAMES.join('|')})(\\d+)(.+)$`);
/** `job1title` → `job1_title`: the column as docs/batch.md names it, as error messages do. */
function columnName(key: string, name: string): string {
  if (!isKnownColumn(key)) return name.trim();
  const m = NUMBERED.exec(key);
  return m ? `${m[1]}${m[2]}_${m[3]}` : key;
}

function numbers(keys: ReadonlyArray<string | null>, prefix: Family): number[] {
  const found = keys.flatMap((k) => (k !== null && isKnownColumn(k) ? [new RegExp(`^${prefix}(\\d+)`).exec(k)?.[1]] : [])).filter((n) => n !== undefined);
  return [...new Set(found.map(Number))].sort((a, b) => a - b);
}

export function readHeader(names: readonly string[], options: HeaderOptions = {}): Header {
  const groupBy = options.groupBy === undefined ? undefined : columnKey(options.groupBy);
  const reads = (key: string) => isKnownColumn(key) || key === groupBy;
  const map = new Map<string, string>();
  for (const [theirs, ours] of Object.entries(options.map ?? {})) {
    const key = unnumbered(columnKey(ours));
    if (!reads(key)) throw new QualifyError('QUAL_ERR_INVALID_OPTION', `the column map renames "${theirs}" to "${ours}", which is not a column qualify reads`, [{ path: `columns.${theirs}`, message: 'not a column of the applicant CSV' }]);
    map.set(columnKey(theirs), key);
  }
  const seen = new Map<string, string>();
  const ignored: string[] = [];
  const keys = names.map((name) => {
    const key = map.get(columnKey(name)) ?? unnumbered(columnKey(name));
    if (!reads(key)) {
      if (name.trim()) ignored.push(name);
      return null;
    }
    const before = seen.get(key);
    // Two columns for one field: reading either would silently drop the other.
    if (before !== undefined) throw new QualifyError('QUAL_ERR_UNREADABLE_FILE', `the columns "${before}" and "${name}" name the same field; drop or rename one`, [{ path: name, message: 'duplicate column' }]);
    seen.set(key, name);
    return key;
  });
  if (!seen.has('id')) throw new QualifyError('QUAL_ERR_UNREADABLE_FILE', 'the CSV has no id column: its first row must name the columns, one of them id (or map one onto id with --map)', [{ path: 'id', message: 'missing column' }]);
  if (groupBy !== undefined && !seen.has(groupBy)) throw new QualifyError('QUAL_ERR_INVALID_OPTION', `--group-by "${options.groupBy}" is not a column of the CSV`, [{ path: 'groupBy', message: 'no such column' }]);
  const columns = keys.map((key, i) => (key === null ? null : columnName(key, names[i]!)));
  return { keys, columns, jobs: numbers(keys, 'job'), degrees: numbers(keys, 'degree'), credits: numbers(keys, 'credit'), trainings: numbers(keys, 'training'), ...(groupBy === undefined ? {} : { groupBy }), ignored };
}
