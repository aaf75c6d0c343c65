import { random } from '../../src/batch/generate.ts';
import type { ProfileInput } from '../../src/profile/schema.ts';

/** Deterministic raw profiles of every shape the engine reads: stated and inferred jobs, part-time
 * and concurrent work, year-only and day dates, self-reported answers, degrees of every level (and
 * some qualify cannot read), foreign degrees, subject credits, college credit, training, current,
 * expired and unrecognised certifications, and statements. For tests that compare decisions. */

const TITLES: Array<[string, string]> = [
  ['Network Administrator', 'Ran the WAN, firewalls and the VMware cluster.'],
  ['Systems Engineer', 'Built and patched Windows and Linux servers.'],
  ['Infrastructure Team Lead', 'Led a team of five engineers running the data centre.'],
  ['Software Developer', 'Wrote web applications in Java and TypeScript.'],
  ['IT Manager', 'Managed six analysts supporting the ERP and the service desk.'],
  ['Help Desk Technician', 'Resolved tickets and imaged laptops.'],
  ['IT Project Manager', 'Led a team delivering a CRM migration on budget.'],
  ['Project Coordinator', 'Kept schedules and minutes for construction projects.'],
  ['Office Assistant', 'Filed records and answered the phones.'],
  ['Retail Supervisor', 'Supervised eight sales associates.'],
  ['Director of Information Technology', 'Directed the IT division and its budget.'],
];
const CATEGORIES = ['it-infrastructure', 'information-technology', 'project-management', 'clerical-administrative'];
const CAPACITIES = ['supervisory', 'lead', 'managerial', 'executive', 'administrative'];
const LEVELS = ['B.S.', 'BA', 'MBA', 'M.S.', 'AAS', 'PhD', 'High School Diploma', 'GED', 'Associate', 'Diploma of Nothing'];
const FIELDS = ['Computer Science', 'Information Systems', 'History', 'Business Administration', 'Mathematics', 'Electrical Engineering', undefined];
const SUBJECTS = ['Computer Science', 'Accounting', 'Statistics', 'English'];
const CERTS = ['CCNA', 'CompTIA Security+', 'AWS Certified Solutions Architect - Associate', 'PMP', 'CISSP', 'ITIL 4 Foundation', 'VCP-DCV', 'RHCE', 'AZ-104', 'PRINCE2 Practitioner', 'Certified Widget Wrangler'];
const STATEMENTS = [
  'I have managed network infrastructure projects and supervised a team of engineers. I hold a degree in computer science.',
  'I led the migration of our data centre to the cloud, managed budgets and reported to the council on service performance.',
  'I never managed a budget, but I wrote software and supported users.',
];

export function sampleProfiles(count: number, seed: number): ProfileInput[] {
  const next = random(seed);
  const int = (n: number): number => Math.floor(next() * n);
  const pick = <T>(list: readonly T[]): T => list[int(list.length)]!;
  const chance = (p: number): boolean => next() < p;
  const pad = (n: number): string => String(n).padStart(2, '0');
  const date = (year: number): string | number => {
    const r = next();
    return r < 0.1 ? year : r < 0.2 ? String(year) : r < 0.4 ? `${year}-${pad(1 + int(12))}-${pad(1 + int(28))}` : `${year}-${pad(1 + int(12))}`;
  };
  return Array.from({ length: count }, (_, i) => {
    let year = 1998 + int(22);
    const experience = Array.from({ length: int(5) }, () => {
      const [title, description] = pick(TITLES);
      const start = date(year);
      year += 1 + int(5);
      const ongoing = chance(0.2);
      const job: NonNullable<ProfileInput['experience']>[number] = { title, start, ...(ongoing ? { end: pick(['present', null, 'Present']) } : { end: date(year) }) };
      if (chance(0.7)) job.description = description;
      if (chance(0.5)) job.categories = CATEGORIES.filter(() => chance(0.35));
      if (chance(0.3)) job.capacities = CAPACITIES.filter(() => chance(0.3));
      if (chance(0.3)) job.supervisory = chance(0.5);
      if (chance(0.2)) job.hoursPerWeek = pick([10, 20, 30, 35, 45]);
      if (chance(0.08)) job.selfReported = true;
      if (chance(0.5)) job.employer = pick(['City of Springfield', 'Metro Transit', 'Acme Corp']);
      if (chance(0.15)) year -= 1 + int(3); // overlapping jobs
      return job;
    });
    const education = Array.from({ length: int(3) }, () => {
      const field = pick(FIELDS);
      return {
        level: pick(LEVELS),
        ...(field ? { field } : {}),
        ...(chance(0.1) ? { foreign: true, evaluated: chance(0.4) } : {}),
        ...(chance(0.15) ? { credits: [{ hours: 3 + int(30), subject: pick(SUBJECTS), ...(chance(0.3) ? { system: 'quarter' as const } : {}) }] } : {}),
      };
    });
    const profile: ProfileInput = {
      id: `P-${i}`,
      education,
      experience,
      certifications: Array.from({ length: int(4) }, () => ({
        name: pick(CERTS),
        ...(chance(0.3) ? { expires: `${2020 + int(10)}-${pad(1 + int(12))}` } : {}),
        ...(chance(0.2) ? { issued: `${2015 + int(13)}` } : {}),
      })),
    };
    if (chance(0.2)) profile.collegeCredits = { hours: 6 + int(120), ...(chance(0.6) ? { field: pick(SUBJECTS) } : {}) };
    if (chance(0.15)) profile.training = [{ name: pick(['Cybersecurity Bootcamp', 'Project Management Course', 'Forklift Safety']), hours: 20 + int(400) }];
    if (chance(0.3)) profile.statement = pick(STATEMENTS);
    return profile;
  });
}
