import { describe, expect, it } from 'vitest';
import { bundledVocabulary } from '../../src/vocab/vocabulary.ts';
const { inferExperience, matchCertification, parseDegree, matchField } = bundledVocabulary();
const matchDegreeLevel = (text: string) => { const p = parseDegree(text); return p.level ? { level: p.level } : null; };

const level = (text: string) => matchDegreeLevel(text)?.level ?? null;
const cert = (text: string) => matchCertification(text)?.id ?? null;
const families = (text: string) => matchField(text).ids.filter((id) => bundledVocabulary().families.has(id));

describe('degree levels', () => {
  it.each([
    ['B.S.', 'bachelor'], ['BSc (Hons)', 'bachelor'], ['Bachelor of Science', 'bachelor'], ["Bachelor's degree", 'bachelor'], ['B.A.S.', 'bachelor'],
    ['MBA', 'master'], ['M.Sc.', 'master'], ['Master of Science', 'master'], ['MEng', 'master'],
    ['Ph.D.', 'doctorate'], ['DPhil', 'doctorate'], ['Doctor of Philosophy', 'doctorate'], ['EdD', 'doctorate'],
    ['AAS', 'associate'], ['A.A.', 'associate'], ['Associate of Applied Science', 'associate'], ['AS', 'associate'],
    ['B.E.', 'bachelor'], ['BEng', 'bachelor'], ['B.Tech', 'bachelor'], ['BSEE', 'bachelor'], ['BSCS', 'bachelor'], ['MSc', 'master'], ['M.Eng', 'master'],
    ['MPA', 'master'], ['MPP', 'master'], ['JD', 'doctorate'], ['HSE', 'high-school'],
    ['High School Diploma', 'high-school'], ['GED', 'high-school'], ['none', 'none'], ['bachelor', 'bachelor'],
  ])('reads %s as %s', (text, expected) => expect(level(text)).toBe(expected));

  it('returns null for what is not a degree', () => {
    expect(level('Grand Wizard')).toBeNull();
    expect(level('Forklift licence')).toBeNull();
  });

  it('splits a level from its field, and knows the field an MBA implies', () => {
    expect(parseDegree('B.S. in Computer Science')).toMatchObject({ level: 'bachelor', field: 'Computer Science' });
    expect(parseDegree('BSc (Hons) Computing')).toMatchObject({ level: 'bachelor', field: 'Computing' });
    expect(parseDegree('Master of Science in Information Systems')).toMatchObject({ level: 'master', field: 'Information Systems' });
    expect(parseDegree('Ph.D., Statistics')).toMatchObject({ level: 'doctorate', field: 'Statistics' });
    expect(parseDegree('MBA')).toMatchObject({ level: 'master', field: 'Business Administration' });
  });

  it('takes the field from whole written words, even when punctuation reads as a word', () => {
    expect(parseDegree('B.S. in Science&Engineering')).toMatchObject({ level: 'bachelor', field: 'Science&Engineering' });
    expect(parseDegree('M.S. Science & Engineering')).toMatchObject({ level: 'master', field: 'Science & Engineering' });
    // "mM&" reads as "mm and": no written word is the field alone.
    expect(parseDegree('mM&')).toMatchObject({ level: 'master', field: null });
  });
});

describe('fields of study', () => {
  it.each([
    ['Comp. Sci.', 'computing'], ['CS', 'computing'], ['M.I.S.', 'computing'], ['Info Tech', 'computing'], ['Computer Sciences', 'computing'],
    ['B.S. in Computer Sciences', 'computing'], ['Cyber Security', 'computing'], ['Compter Science', 'computing'], ['Telecommunications', 'computing'],
    ['Applied Math', 'mathematics'], ['Stats', 'mathematics'], ['Business Admin', 'business'], ['Accountancy', 'business'], ['Economics', 'business'],
  ])('puts %s in the %s family', (text, family) => expect(families(text)).toEqual([family]));

  it('recognises unrelated fields, and leaves unknown ones without a family', () => {
    expect(matchField('History').field).toBe('History');
    expect(families('History')).toEqual([]);
    expect(matchField('Nursing').field).toBe('Nursing');
    expect(families('Nursing')).toEqual([]);
    expect(matchField('Underwater Basket Weaving')).toMatchObject({ field: null, ids: [] });
  });
});

describe('certifications', () => {
  it.each([
    ['CCNA', 'cisco-ccna'], ['Cisco CCNA R&S', 'cisco-ccna'], ['ccna', 'cisco-ccna'], ['CCNP Enterprise', 'cisco-ccnp-enterprise'],
    ['AWS SAA-C03', 'aws-solutions-architect-associate'], ['AWS Certified Solutions Architect – Associate', 'aws-solutions-architect-associate'],
    ['AWS Certified Solutions Architect - Professional', 'aws-solutions-architect-professional'],
    ['Microsoft Certified: Azure Administrator Associate', 'ms-az-104'], ['AZ-104', 'ms-az-104'],
    ['PMP®', 'pmi-pmp'], ['pmp', 'pmi-pmp'], ['Comptia Security +', 'comptia-security'], ['Security+', 'comptia-security'],
    ['Certified Information Systems Security Professional', 'isc2-cissp'], ['ITIL v3 Foundation', 'axelos-itil-foundation'],
    ['ITIL 4 Foundation', 'axelos-itil-foundation'], ['VMware VCP-DCV', 'vmware-vcp-dcv'], ['RHCE', 'redhat-rhce'], ['PRINCE2 Practitioner', 'axelos-prince2-practitioner'],
    ['Certified Informaton Systems Security Professional', 'isc2-cissp'],
    ['Oracle Database Administration Certified Professional', 'oracle-ocp'], ['1Z0-083', 'oracle-ocp'], ['Certified Kubernetes Administrator (CKA)', 'cncf-cka'],
    ['CISA - Certified Information Systems Auditor', 'isaca-cisa'], ['(ISC)² CISSP', 'isc2-cissp'], ['DP-203', 'ms-dp-203'], ['350-401 ENCOR', 'cisco-ccnp-enterprise'],
  ])('reads %s as %s', (text, id) => expect(cert(text)).toBe(id));

  it('keeps look-alike codes apart', () => {
    expect(cert('CCNP')).not.toBe(cert('CCNA'));
    expect(cert('CASP+')).not.toBe(cert('Security+'));
  });

  it('returns null for names it does not know, never a guess', () => {
    expect(cert('Certified Forklift Operator')).toBeNull();
    expect(cert('Food Hygiene Level 2')).toBeNull();
  });

  it('gives a catalogue entry its certification categories', () => {
    expect(matchCertification('CCNA')?.categories).toEqual(['it', 'system-specific']);
    expect(matchCertification('CISSP')?.categories).toEqual(['it', 'advanced']);
    expect(matchCertification('PMP')?.categories).toEqual(['project-management']);
  });
});

describe('a first reading of job titles and duties', () => {
  it('reads infrastructure work as IT infrastructure and IT', () => {
    expect(inferExperience('Network Administrator', 'Ran the WAN and firewalls').categories.sort()).toEqual(['information-technology', 'it-infrastructure']);
  });

  it('reads project management, and non-IT work as no category', () => {
    expect(inferExperience('Project Manager').categories).toEqual(['project-management']);
    expect(inferExperience('Registered Nurse', 'Cared for patients on a busy ward').categories).toEqual([]);
  });

  it('reads supervision from people, not from things managed', () => {
    expect(inferExperience('Infrastructure Lead', 'Led a team of four engineers').capacities).toContain('supervisory');
    expect(inferExperience('Network Engineer', 'Managed the firewall and the VPN').capacities).not.toContain('supervisory');
  });

  it('shows the phrases it rests on', () => {
    expect(inferExperience('Systems Administrator', 'Supervised two technicians').evidence).toEqual(expect.arrayContaining(['systems administrator', 'supervised']));
  });
});
