import { DomainError } from '@tiep-dan/contracts';
import {
  maxRepresentatives,
  validateCitizenId,
  validatePetitioners,
  validatePhone,
} from './petitioner.rules';

const TODAY = '2026-11-29';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
    return undefined;
  } catch (error) {
    return error instanceof DomainError ? error.code : String(error);
  }
}

describe('citizen ID (CCCD)', () => {
  it('accepts 12 digits with a province code, century code and past birth year', () => {
    expect(validateCitizenId('001 085 012345', TODAY)).toBe('001085012345');
    expect(validateCitizenId('079203000123', TODAY)).toBe('079203000123');
  });
  it.each([
    ['11 digits', '00108501234'],
    ['letters', '00108501234A'],
    ['province 000', '000085012345'],
    ['province 097', '097085012345'],
    ['century code 4 (22nd century)', '001485012345'],
    ['birth year in the future', '001299012345'],
  ])('rejects %s', (_, value) => {
    expect(codeOf(() => validateCitizenId(value, TODAY))).toBe('PETITION.INVALID_CITIZEN_ID');
  });
});

describe('phone numbers', () => {
  it.each([
    ['0912 345 678', '0912345678'],
    ['+84 912345678', '0912345678'],
    ['84-386-123-456', '0386123456'],
    ['0243.826.1234', '02438261234'],
  ])('accepts %s as %s', (input, expected) => {
    expect(validatePhone(input)).toBe(expected);
  });
  it.each(['0112345678', '091234567', '09123456789', '12345'])('rejects %s', (input) => {
    expect(codeOf(() => validatePhone(input))).toBe('PETITION.INVALID_PHONE');
  });
});

describe('petitioners', () => {
  const person = (fullName: string, extra: object = {}) => ({ fullName, ...extra });

  it('NFC-normalises names written with combining marks', () => {
    const decomposed = 'Nguyễn Thị Hoà'.normalize('NFD');
    const result = validatePetitioners({ type: 'individual', persons: [person(decomposed)] }, TODAY);
    expect(result.persons[0].fullName).toBe('Nguyễn Thị Hoà'.normalize('NFC'));
  });

  it('allows at most 2 representatives for a group of 5 to 10 people', () => {
    const reps = (n: number) =>
      Array.from({ length: n }, (_, i) => person(`Người ${i}`, { representative: true }));
    expect(validatePetitioners({ type: 'group', headcount: 10, persons: reps(2) }, TODAY).headcount).toBe(10);
    expect(codeOf(() => validatePetitioners({ type: 'group', headcount: 10, persons: reps(3) }, TODAY))).toBe(
      'PETITION.TOO_MANY_REPRESENTATIVES',
    );
  });

  it('allows at most 5 representatives for a group of 11 or more', () => {
    const reps = (n: number) =>
      Array.from({ length: n }, (_, i) => person(`Người ${i}`, { representative: true }));
    expect(
      validatePetitioners({ type: 'group', headcount: 11, persons: reps(5) }, TODAY).persons,
    ).toHaveLength(5);
    expect(codeOf(() => validatePetitioners({ type: 'group', headcount: 40, persons: reps(6) }, TODAY))).toBe(
      'PETITION.TOO_MANY_REPRESENTATIVES',
    );
    expect(maxRepresentatives(4)).toBeUndefined();
  });

  it('requires a group to have 5 people or more and at least one representative', () => {
    expect(
      codeOf(() =>
        validatePetitioners(
          { type: 'group', headcount: 4, persons: [person('A', { representative: true })] },
          TODAY,
        ),
      ),
    ).toBe('PETITION.GROUP_TOO_SMALL');
    expect(
      codeOf(() => validatePetitioners({ type: 'group', headcount: 6, persons: [person('A')] }, TODAY)),
    ).toBe('PETITION.GROUP_NEEDS_REPRESENTATIVES');
  });

  it('asks several petitioners of 5 or more to come as a group with representatives', () => {
    const persons = [person('A'), person('B')];
    expect(validatePetitioners({ type: 'several', persons }, TODAY).headcount).toBe(2);
    expect(codeOf(() => validatePetitioners({ type: 'several', headcount: 5, persons }, TODAY))).toBe(
      'PETITION.GROUP_NEEDS_REPRESENTATIVES',
    );
  });

  it('records an anonymous petition without any person', () => {
    expect(validatePetitioners({ type: 'anonymous', persons: [] }, TODAY).persons).toEqual([]);
    expect(codeOf(() => validatePetitioners({ type: 'anonymous', persons: [person('A')] }, TODAY))).toBe(
      'PETITION.ANONYMOUS_WITH_PERSONS',
    );
  });

  it('requires exactly one person for an individual petition and validates their identifiers', () => {
    expect(codeOf(() => validatePetitioners({ type: 'individual', persons: [] }, TODAY))).toBe(
      'PETITION.INDIVIDUAL_NEEDS_ONE_PERSON',
    );
    expect(
      codeOf(() =>
        validatePetitioners({ type: 'individual', persons: [person('A', { citizenId: '123' })] }, TODAY),
      ),
    ).toBe('PETITION.INVALID_CITIZEN_ID');
  });
});
