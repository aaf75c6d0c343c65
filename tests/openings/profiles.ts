/** Profiles whose decisions the openings tests rely on, as of 2026-01-01. */
const bs = [{ level: 'B.S.', field: 'Computer Science' }];
const infrastructure = (start: string, end: string) => [{ title: 'Network Administrator', start, end, categories: ['it-infrastructure'], supervisory: false }];
const ccna = [{ name: 'CCNA' }];

export const PROFILES = {
  /** houston-440.4: qualified (72 months, degree, system certification). */
  qualified: { id: 'A-1', education: bs, experience: infrastructure('2015-01', '2020-12'), certifications: ccna },
  /** houston-440.4: review, the foreign degree to verify. */
  foreign: { id: 'F-1', education: [{ level: 'B.S.', field: 'Computer Science', foreign: true }], experience: infrastructure('2015-01', '2020-12'), certifications: ccna },
  /** houston-440.4: review, the months of a years-only job to confirm (72 if January–December, 50 if not). */
  yearOnly: { id: 'Y-1', education: bs, experience: infrastructure('2015', '2020'), certifications: ccna },
  /** houston-440.4: not_qualified with 60 of 72 months; qualified if the rule asked for 60. */
  sixtyMonths: { id: 'S-60', education: bs, experience: infrastructure('2016-01', '2020-12'), certifications: ccna },
  /** houston-440.4: not_qualified with 66 of 72 months; qualified if the rule asked for 60. */
  sixtySixMonths: { id: 'S-66', education: bs, experience: infrastructure('2015-07', '2020-12'), certifications: ccna },
  /** houston-440.4: not_qualified with 48 months under either rule. */
  fortyEight: { id: 'S-48', education: bs, experience: infrastructure('2017-01', '2020-12'), certifications: ccna },
};
