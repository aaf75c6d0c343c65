import { describe, expect, it } from 'vitest';
import { profileBody } from '../../src/api/profile-body.ts';
import { toProblem } from '../../src/api/problem.ts';
import { EvaluateOneBody } from '../../src/api/schemas.ts';
import { QualifyError } from '../../src/errors.ts';

const body = profileBody(EvaluateOneBody);
const validate = body.validatorCompiler({ httpPart: 'body', schema: EvaluateOneBody, method: 'POST', url: '/v1/classes/:id/evaluate' }) as (data: unknown) => unknown;
const fieldsOf = (error: unknown) => toProblem(error as Error, '/').errors.map((e) => e.path);

describe('a body holding a profile', () => {
  it('is checked by fastify all but its profile, which the engine validates as it reads it', () => {
    expect(validate({ profile: { experience: 'lots' }, asOf: '2026-01-01' })).toBe(true);
    expect(validate({ profile: { id: 'A-1' } })).toBe(true);
  });

  it('refused by fastify names every bad field of the whole body, the profile\'s first', () => {
    const { error } = validate({ profile: { id: 'A-1', experience: 'lots' }, asOf: '2026-02-30' }) as { error: Error[] };
    expect(fieldsOf({ validation: error })).toEqual(['profile.experience', 'asOf']);
    expect(validate([])).toHaveProperty('error');
  });

  it('refused while deciding is answered as fastify answers a body the schema refuses, whatever failed first', () => {
    const refused = body.refusal(new QualifyError('QUAL_ERR_UNKNOWN_CLASS', 'no class atlantis'), { profile: { experience: [{ start: 'soon' }] } });
    expect(fieldsOf(refused)).toEqual(['profile.id', 'profile.experience[0].start']);
    expect(toProblem(refused as Error, '/').code).toBe('QUAL_ERR_INVALID_PROFILE');
  });

  it('that the schema accepts keeps the error it was refused with, the profile\'s fields named from the body', () => {
    const unknownClass = new QualifyError('QUAL_ERR_UNKNOWN_CLASS', 'no class atlantis');
    expect(body.refusal(unknownClass, { profile: { id: 'A-1' } })).toBe(unknownClass);
    const vocabulary = new QualifyError('QUAL_ERR_INVALID_PROFILE', 'invalid profile', [{ path: 'experience[0].categories[0]', message: '"it" is not a known category' }]);
    const refused = body.refusal(vocabulary, { profile: { id: 'A-1', experience: [{ start: '2020', categories: ['it'] }] } }) as QualifyError;
    expect(refused.issues).toEqual([{ path: 'profile.experience[0].categories[0]', message: '"it" is not a known category' }]);
    expect(refused.message).toBe('profile.experience[0].categories[0]: "it" is not a known category');
  });

  it('is checked against the schema with a JSON Resume profile mapped onto ours first', () => {
    const resume = { basics: { name: 'Dana' }, work: [{ position: 'Network Administrator', startDate: '2015-01-01' }] };
    const failure = new Error('a failure after the schema');
    expect(body.refusal(failure, { profile: resume })).toBe(failure);
    const { error } = validate({ profile: resume, asOf: 0 }) as { error: Error[] };
    expect(fieldsOf({ validation: error })).toEqual(['asOf']);
  });
});
