// Deterministic synthetic profiles for benchmarks: three jobs, one degree, two certifications.
import { random } from '../src/batch/generate.ts';


const TITLES: Array<[string, string[], boolean]> = [
  ['Network Administrator', ['it-infrastructure'], false],
  ['Systems Engineer', ['it-infrastructure'], false],
  ['IT Infrastructure Manager', ['it-infrastructure'], true],
  ['Software Developer', ['information-technology'], false],
  ['IT Manager', ['information-technology'], true],
  ['Project Manager', ['project-management'], false],
  ['IT Project Manager', ['project-management', 'information-technology'], true],
  ['Retail Supervisor', [], true],
];
const DEGREES = [['B.S.', 'Computer Science'], ['BA', 'History'], ['MBA', 'Business Administration'], ['Associate', 'Information Technology'], ['M.S.', 'Information Systems']];
const CERTS = ['CCNA', 'CompTIA Security+', 'AWS Certified Solutions Architect - Associate', 'PMP', 'CISSP', 'ITIL 4 Foundation', 'VCP-DCV', 'RHCE'];

export interface SyntheticProfile {
  id: string;
  education: Array<{ level: string; field: string }>;
  experience: Array<{ title: string; start: string; end: string; categories: string[]; supervisory: boolean; hoursPerWeek: number }>;
  certifications: Array<{ name: string; expires: string }>;
}

export function syntheticProfiles(count: number, seed: number): SyntheticProfile[] {
  const next = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  return Array.from({ length: count }, (_, i) => {
    let year = 2004 + Math.floor(next() * 8);
    const experience = [0, 1, 2].map(() => {
      const [title, categories, supervisory] = pick(TITLES);
      const start = `${year}-${String(1 + Math.floor(next() * 12)).padStart(2, '0')}`;
      year += 1 + Math.floor(next() * 5);
      const end = `${year}-${String(1 + Math.floor(next() * 12)).padStart(2, '0')}`;
      return { title, start, end, categories, supervisory, hoursPerWeek: next() < 0.2 ? 20 : 40 };
    });
    const [level, field] = pick(DEGREES);
    return {
      id: `S-${i}`,
      education: [{ level: level!, field: field! }],
      experience,
      certifications: [pick(CERTS), pick(CERTS)].map((name) => ({ name, expires: '2030-01' })),
    };
  });
}
