import { DomainError, type PetitionersInput, type PersonInput } from '@tiep-dan/contracts';

/**
 * Rules about who petitions (DOMAIN.md: "mass petition"; Nghị định 124/2020 art. 6) and the formats of
 * their identifiers. Names and addresses are kept exactly as written, only NFC-normalised, so that the
 * same name typed on different keyboards (precomposed or combining marks) is one name.
 */

/** CCCD: 12 digits = province code (3) + century/sex code (1) + birth year (2) + serial (6). */
export function validateCitizenId(value: string, today: string): string {
  const digits = value.replace(/[\s.]/g, '');
  if (!/^\d{12}$/.test(digits)) {
    throw new DomainError('PETITION.INVALID_CITIZEN_ID', 'Số CCCD phải gồm đúng 12 chữ số.');
  }
  const province = Number(digits.slice(0, 3));
  // Province codes of the CCCD scheme run 001–096 (TT 59/2021/TT-BCA).
  if (province < 1 || province > 96) {
    throw new DomainError(
      'PETITION.INVALID_CITIZEN_ID',
      'Ba chữ số đầu của số CCCD không phải mã tỉnh hợp lệ.',
    );
  }
  const centuryCode = Number(digits[3]);
  // 0/1: 20th century, 2/3: 21st, 4/5: 22nd... only the first two centuries can hold living people.
  if (centuryCode > 3) {
    throw new DomainError(
      'PETITION.INVALID_CITIZEN_ID',
      'Chữ số thứ tư của số CCCD (mã thế kỷ, giới tính) không hợp lệ.',
    );
  }
  const birthYear = (centuryCode < 2 ? 1900 : 2000) + Number(digits.slice(4, 6));
  if (birthYear > Number(today.slice(0, 4))) {
    throw new DomainError('PETITION.INVALID_CITIZEN_ID', 'Năm sinh trong số CCCD nằm ở tương lai.');
  }
  return digits;
}

/**
 * Vietnamese phone numbers: mobiles 0[35789]xxxxxxxx, landlines 02xxxxxxxxx (11 digits), or the same
 * in +84 form. Returned in the national form (leading 0), spaces, dots and dashes removed.
 */
export function validatePhone(value: string): string {
  let digits = value.replace(/[\s.\-()]/g, '');
  if (digits.startsWith('+84')) digits = `0${digits.slice(3)}`;
  else if (digits.startsWith('84') && digits.length >= 11) digits = `0${digits.slice(2)}`;
  if (/^0[35789]\d{8}$/.test(digits) || /^02\d{9}$/.test(digits)) return digits;
  throw new DomainError(
    'PETITION.INVALID_PHONE',
    'Số điện thoại không hợp lệ (di động 10 số bắt đầu bằng 03, 05, 07, 08, 09 hoặc cố định 11 số bắt đầu bằng 02).',
  );
}

export function nfc(value: string): string {
  return value.normalize('NFC').replace(/\s+/g, ' ').trim();
}

/** The most representatives a group may appoint for its headcount (NĐ 124/2020 art. 6). */
export function maxRepresentatives(headcount: number): number | undefined {
  if (headcount >= 11) return 5;
  if (headcount >= 5) return 2;
  return undefined;
}

export interface ValidatedPerson extends PersonInput {
  fullName: string;
}

export interface ValidatedPetitioners {
  type: PetitionersInput['type'];
  headcount: number;
  persons: ValidatedPerson[];
}

/** Checks the petitioners and returns them normalised; throws the first broken rule. */
export function validatePetitioners(input: PetitionersInput, today: string): ValidatedPetitioners {
  const persons = input.persons.map((person) => validatePerson(person, today));
  switch (input.type) {
    case 'anonymous':
      if (persons.length > 0) {
        throw new DomainError(
          'PETITION.ANONYMOUS_WITH_PERSONS',
          'Đơn nặc danh không được kèm thông tin người gửi.',
        );
      }
      return { type: 'anonymous', headcount: input.headcount ?? 1, persons };
    case 'individual':
      if (persons.length !== 1) {
        throw new DomainError(
          'PETITION.INDIVIDUAL_NEEDS_ONE_PERSON',
          'Đơn của một người phải có đúng một người gửi.',
        );
      }
      if (input.headcount !== undefined && input.headcount !== 1) {
        throw new DomainError('PETITION.HEADCOUNT_MISMATCH', 'Đơn của một người có số người là 1.');
      }
      return { type: 'individual', headcount: 1, persons };
    case 'several': {
      if (persons.length < 2) {
        throw new DomainError(
          'PETITION.SEVERAL_NEEDS_PERSONS',
          'Đơn của nhiều người phải ghi ít nhất hai người.',
        );
      }
      const headcount = input.headcount ?? persons.length;
      if (headcount < persons.length) {
        throw new DomainError('PETITION.HEADCOUNT_MISMATCH', 'Số người ít hơn số người được ghi trong đơn.');
      }
      if (headcount >= 5) {
        throw new DomainError(
          'PETITION.GROUP_NEEDS_REPRESENTATIVES',
          'Từ 5 người trở lên phải ghi là đoàn đông người và cử người đại diện.',
        );
      }
      return { type: 'several', headcount, persons };
    }
    case 'group': {
      const headcount = input.headcount;
      if (headcount === undefined || headcount < 5) {
        throw new DomainError(
          'PETITION.GROUP_TOO_SMALL',
          'Đoàn đông người có từ 5 người trở lên; hãy ghi số người.',
        );
      }
      const representatives = persons.filter((p) => p.representative === true);
      const allowed = maxRepresentatives(headcount) ?? 0;
      if (representatives.length === 0) {
        throw new DomainError(
          'PETITION.GROUP_NEEDS_REPRESENTATIVES',
          'Đoàn đông người phải có người đại diện.',
        );
      }
      if (representatives.length > allowed) {
        throw new DomainError(
          'PETITION.TOO_MANY_REPRESENTATIVES',
          `Đoàn ${headcount} người được cử tối đa ${allowed} người đại diện (Nghị định 124/2020, Điều 6).`,
          'validation',
          { headcount, representatives: representatives.length, allowed },
        );
      }
      if (persons.length > headcount) {
        throw new DomainError('PETITION.HEADCOUNT_MISMATCH', 'Số người ít hơn số người được ghi trong đơn.');
      }
      return { type: 'group', headcount, persons };
    }
  }
}

function validatePerson(person: PersonInput, today: string): ValidatedPerson {
  return {
    ...person,
    fullName: nfc(person.fullName),
    ...(person.citizenId !== undefined ? { citizenId: validateCitizenId(person.citizenId, today) } : {}),
    ...(person.phone !== undefined ? { phone: validatePhone(person.phone) } : {}),
    ...(person.address !== undefined ? { address: nfc(person.address) } : {}),
  };
}
