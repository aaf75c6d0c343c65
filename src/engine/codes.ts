/** Every code a reason or gap can carry, with what it means: one closed table, listed in
 * docs/findings.md (tests/engine/codes.test.ts keeps the two in step). Letters and reports can
 * be built on these codes; the messages are rendered from the findings by render.ts. */
export const REASON_CODES = {
  EXPERIENCE_MET: 'an experience requirement is met; expected and received in months',
  EXPERIENCE_SHORT: 'an experience requirement is not met; expected and received in months',
  EDUCATION_MET: 'an education requirement (months of study) is met',
  EDUCATION_SHORT: 'an education requirement (months of study) is not met',
  CREDENTIAL_MET: 'a degree or diploma that must be held is held (or stood in for by a substitution)',
  CREDENTIAL_MISSING: 'a degree or diploma that must be held is not held',
  CREDITS_MET: 'a credit-hours requirement is met; expected and received in hours',
  CREDITS_SHORT: 'a credit-hours requirement is not met; expected and received in hours',
  TRAINING_MET: 'a training-hours requirement is met',
  TRAINING_SHORT: 'a training-hours requirement is not met',
  CERTIFICATION_MET: 'a certification requirement is met by a current certification',
  CERTIFICATION_MISSING: 'fewer current certifications of the kind required than asked',
  CONDITION_TO_CONFIRM: 'a condition of the class that only a person can decide',
  CRITERION_EVIDENCED: 'a person-specification criterion is evidenced in the application text',
  CRITERION_PARTLY_EVIDENCED: 'a criterion is partly evidenced',
  CRITERION_NOT_EVIDENCED: 'no evidence of a criterion was found',
  SUBSTITUTION_USED: 'a substitution stated with a rate was used; received is what it credited, in months',
  SUBSTITUTION_DISCRETIONARY: 'a discretionary clause (no stated rate) was used; a person must accept it',
  UNCERTAIN_YEAR_ONLY_DATES: 'a job gives its dates as years only; the months must be confirmed',
  UNCERTAIN_INFERENCE: 'the kind of a job was inferred with low confidence',
  UNCERTAIN_FOREIGN_DEGREE: 'a foreign degree without a credential evaluation',
  UNCERTAIN_SELF_REPORTED: 'experience the applicant reported in answer to a screening question; it must be verified',
  UNCERTAIN_CERTIFICATION: 'a certification name qualify does not recognise',
  CATEGORY_INFERRED: 'a job\'s categories (and capacities, when not stated either) were read from its title and duties',
  CAPACITY_INFERRED: 'a job\'s capacities were read from its title and duties; its categories were stated',
  JOB_NOT_COUNTED: 'a job did not count toward an unmet experience requirement, and why (why: not-of-the-kind, excluded-category, not-in-capacity, part-time)',
  DEGREE_NOT_COUNTED: 'a degree did not count toward a requirement, and why (why: field-unrelated, foreign-unevaluated, unrecognised-level)',
  CERTIFICATION_NOT_COUNTED: 'a certification did not count, and why (why: expired, not-yet-issued, unrecognised)',
} as const;

export const GAP_CODES = {
  GAP_EXPERIENCE: 'this many more months (amount) of experience of the kind named would qualify',
  GAP_EDUCATION: 'a degree of the kind named would qualify',
  GAP_CREDENTIAL: 'holding the degree or diploma named would qualify',
  GAP_CREDITS: 'this many more credit hours (amount) of the subjects named would qualify',
  GAP_TRAINING: 'this many more training hours (amount) would qualify',
  GAP_CERTIFICATION: 'one more current certification (amount 1) of the kind named would qualify',
  GAP_CRITERION: 'evidence in the application of an essential criterion',
  GAP_CONFIRM: 'a person must confirm an uncertain fact or condition; that is all that is missing',
  GAP_DISCRETIONARY: 'a reviewer must accept a discretionary clause; that is all that is missing',
  GAP_ALL_OF: 'no single addition is enough: every one of the parts is needed',
} as const;

export type ReasonCode = keyof typeof REASON_CODES;
export type GapCode = keyof typeof GAP_CODES;
export const reasonCodes = Object.keys(REASON_CODES) as [ReasonCode, ...ReasonCode[]];
export const gapCodes = Object.keys(GAP_CODES) as [GapCode, ...GapCode[]];
