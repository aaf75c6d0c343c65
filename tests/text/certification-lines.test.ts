import { describe, expect, it } from 'vitest';
import { extractResume } from '../../src/text/resume.ts';
import { bundledVocabulary } from '../../src/vocab/vocabulary.ts';

/* Certification lines read through the résumé reader, as users paste them. */
const extract = (text: string) => extractResume(text, bundledVocabulary());

describe('certification lines', () => {
  it('reads a date range as issued and expires, and an expiry as an expiry', () => {
    const { profile } = extract('CERTIFICATIONS\nCisco Certified Network Associate (CCNA), 2016 - 2026\nVMware Certified Professional – Data Center Virtualization (VCP-DCV), 2022\nCompTIA Security+ (exp. 2027)\nCRISC, valid until 12/2026\nPMP (issued 2018, expires 2027)');
    expect(profile.certifications).toEqual([
      { name: 'Cisco Certified Network Associate (CCNA)', issued: '2016', expires: '2026', extracted: true },
      { name: 'VMware Certified Professional – Data Center Virtualization (VCP-DCV)', issued: '2022', extracted: true },
      { name: 'CompTIA Security+', expires: '2027', extracted: true },
      { name: 'CRISC', expires: '2026-12', extracted: true },
      { name: 'PMP', issued: '2018', expires: '2027', extracted: true },
    ]);
  });

  it('gives dates alone to the name before them, and an issuer beside a name no entry of its own', () => {
    const { profile } = extract('CERTIFICATIONS\nCISSP, (ISC)², 2021 - 2027\nRed Hat Certified Engineer\nIssued Mar 2020 · Expires Mar 2026');
    expect(profile.certifications).toEqual([
      { name: 'CISSP', issued: '2021', expires: '2027', extracted: true },
      { name: 'Red Hat Certified Engineer', issued: '2020-03', expires: '2026-03', extracted: true },
    ]);
  });

  it('reads an application form\'s labelled dates under a name as its dates, never as certifications of their own', () => {
    const { profile, unread } = extract('Certificates and Licenses\nCertificate: Cisco Certified Network Associate\nIssue Date: 03/2020\nExpiration Date: 03/2026\nLicense: Project Management Professional\nDate Issued: 2019\nExpires: 2028');
    expect(profile.certifications).toEqual([
      { name: 'Cisco Certified Network Associate', issued: '2020-03', expires: '2026-03', extracted: true },
      { name: 'Project Management Professional', issued: '2019', expires: '2028', extracted: true },
    ]);
    expect(unread).toEqual([]);
  });

  it('lists a part that yields no name as unread, never as an empty entry', () => {
    const { profile, unread } = extract('CERTIFICATIONS\n2019 - 2022\n - \n(2020)');
    expect(profile.certifications).toEqual([]);
    expect(unread.map((u) => [u.line, u.why])).toEqual([
      [2, 'dates without a certification name: not read'],
      [4, 'dates without a certification name: not read'],
    ]);
  });
});
