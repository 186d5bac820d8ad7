import { DomainError } from '@tiep-dan/contracts';

export const PERSONAL_DATA_ERRORS = {
  ERASED: 'PERSONAL_DATA.ERASED',
  TAMPERED: 'PERSONAL_DATA.TAMPERED',
  UNKNOWN_PERSON: 'PERSONAL_DATA.UNKNOWN_PERSON',
  INVALID_PERSON_ID: 'PERSONAL_DATA.INVALID_PERSON_ID',
  INVALID_ERASURE: 'PERSONAL_DATA.INVALID_ERASURE',
  INVALID_FIELD: 'PERSONAL_DATA.INVALID_FIELD',
  EMPTY_MATCH_MATERIAL: 'PERSONAL_DATA.EMPTY_MATCH_MATERIAL',
} as const;

/** The person's key was destroyed (crypto-shredding): nothing can be written for them any more. */
export function erasedError(personId: string): DomainError {
  return new DomainError(
    PERSONAL_DATA_ERRORS.ERASED,
    'the personal data of this person was erased: it can no longer be recorded',
    'gone',
    { personId },
  );
}

/** Failed authentication (GCM tag), a malformed envelope or a key version the vault does not hold. */
export function tamperedError(personId: string, reason: string): DomainError {
  return new DomainError(
    PERSONAL_DATA_ERRORS.TAMPERED,
    `encrypted personal data failed its integrity check (${reason})`,
    'validation',
    { personId, reason },
  );
}

export function unknownPersonError(personId: string): DomainError {
  return new DomainError(
    PERSONAL_DATA_ERRORS.UNKNOWN_PERSON,
    'no personal-data key exists for this person',
    'not_found',
    { personId },
  );
}

/**
 * The stored key of a person cannot be unwrapped: the vault runs with another master key than the one
 * that wrapped it, or the row was altered. An operational fault (answered 500), not a domain error.
 */
export class PersonalDataKeyError extends Error {
  readonly code = 'PERSONAL_DATA.KEY_UNWRAP_FAILED';

  constructor(readonly personId: string) {
    super(
      `cannot unwrap the personal-data key of person ${personId}: the master key differs from the one ` +
        'that wrapped it, or the stored key was altered',
    );
    this.name = 'PersonalDataKeyError';
  }
}
