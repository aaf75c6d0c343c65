import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify';

/** Realistic synthetic applicant exports of any size, with a share of bad rows, for tests and benchmarks. */

export function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const JOBS: Array<[string, string, boolean, string]> = [
  ['Network Administrator', 'it-infrastructure', false, 'Ran the WAN, firewalls and VMware cluster.'],
  ['Systems Engineer', 'it-infrastructure', false, 'Built and patched Windows and Linux servers.'],
  ['Infrastructure Team Lead', 'it-infrastructure', true, 'Led a team of five engineers running the data centre.'],
  ['Database Administrator', 'it-infrastructure', false, 'Administered SQL Server and Oracle databases.'],
  ['Software Developer', 'information-technology', false, 'Wrote web applications in Java and TypeScript.'],
  ['IT Manager', 'information-technology', true, 'Managed six analysts supporting the ERP and service desk.'],
  ['Help Desk Technician', 'information-technology', false, 'Resolved tickets and imaged laptops.'],
  ['Project Manager', 'project-management', false, 'Delivered construction projects on time and budget.'],
  ['IT Project Manager', 'project-management;information-technology', true, 'Led a team delivering a CRM migration.'],
  ['Retail Supervisor', '', true, 'Supervised eight sales associates.'],
  ['Registered Nurse', '', false, 'Cared for patients on a surgical ward.'],
];
const DEGREES: Array<[string, string]> = [['B.S.', 'Computer Science'], ['BA', 'History'], ['MBA', 'Business Administration'], ['AAS', 'Information Technology'], ['M.S.', 'Information Systems'], ['BSc', 'Mathematics'], ['', '']];
const CERTS = ['CCNA', 'CompTIA Security+', 'AWS Certified Solutions Architect - Associate', 'PMP', 'CISSP', 'ITIL 4 Foundation', 'VCP-DCV', 'RHCE', 'AZ-104', 'PRINCE2 Practitioner'];
const GROUPS = ['Group A', 'Group B', 'Group C', 'Declined'];
/** Bad rows as exports have them: what each breaks. */
const BAD: Array<(row: Record<string, string>) => void> = [
  (r) => { r.job1_start = '2019-13'; },
  (r) => { r.job1_end = '2001-01'; },
  (r) => { r.job1_hours = '200'; },
  (r) => { r.id = ''; },
  (r) => { r.job1_supervisory = 'sometimes'; },
  (r) => { r.certifications = 'CCNA\u0007'; },
];

export const GENERATED_COLUMNS = ['id', 'name', 'email', 'degree1_level', 'degree1_field', 'certifications',
  ...[1, 2, 3].flatMap((n) => ['title', 'employer', 'start', 'end', 'hours', 'supervisory', 'categories', 'description'].map((f) => `job${n}_${f}`)), 'self_id_group'];

const month = (y: number, m: number): string => `${y}-${String(m).padStart(2, '0')}`;

/** `stated: false` leaves categories and supervision blank, as many exports do, so qualify reads them from the duties. */
export function applicantRow(i: number, next: () => number, badShare: number, stated = true): Record<string, string> {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const [level, field] = pick(DEGREES);
  const row: Record<string, string> = { id: `APP-${String(i + 1).padStart(7, '0')}`, name: `Applicant ${i + 1}`, email: `applicant${i + 1}@example.org`, degree1_level: level, degree1_field: field };
  row.certifications = Array.from({ length: Math.floor(next() * 3) }, () => pick(CERTS)).join('; ');
  let year = 2003 + Math.floor(next() * 12);
  for (const n of [1, 2, 3]) {
    const [title, categories, supervisory, description] = pick(JOBS);
    const start = month(year, 1 + Math.floor(next() * 12));
    year += 1 + Math.floor(next() * 5);
    const end = n === 3 && next() < 0.5 ? 'present' : month(Math.min(year, 2025), 1 + Math.floor(next() * 12));
    Object.assign(row, { [`job${n}_title`]: title, [`job${n}_employer`]: pick(['City of Springfield', 'Metro Transit', 'Acme Corp', 'State University', 'County Health']), [`job${n}_start`]: start, [`job${n}_end`]: end, [`job${n}_hours`]: next() < 0.15 ? '20' : '40', [`job${n}_supervisory`]: supervisory ? 'yes' : 'no', [`job${n}_categories`]: categories, [`job${n}_description`]: description });
  }
  if (!stated) for (const n of [1, 2, 3]) row[`job${n}_categories`] = row[`job${n}_supervisory`] = '';
  row.self_id_group = pick(GROUPS);
  if (next() < badShare) pick(BAD)(row);
  return row;
}

/** A CSV stream of `rows` applicants: deterministic for a seed. */
export function generateApplicants(rows: number, options: { seed?: number; badShare?: number; stated?: boolean } = {}): Readable {
  const next = random(options.seed ?? 1);
  const source = Readable.from((function* () {
    for (let i = 0; i < rows; i++) yield applicantRow(i, next, options.badShare ?? 0.02, options.stated ?? true);
  })());
  return source.pipe(stringify({ header: true, columns: GENERATED_COLUMNS }));
}
