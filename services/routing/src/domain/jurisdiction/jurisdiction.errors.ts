import { DomainError, type DomainErrorKind } from '@tiep-dan/contracts';

const DEFAULT_KINDS = {
  /** No rule covers the facts: a processor must decide by hand. */
  'RULES.NO_RULE': 'unprocessable',
  /** Two rules claim the facts equally (matching: conflict; publishing such a set: unprocessable). */
  'RULES.AMBIGUOUS': 'conflict',
  /** A rule set or facts of the wrong shape; details.path names the field. */
  'RULES.INVALID': 'validation',
  'RULES.INVALID_FACTS': 'validation',
  'RULES.UNKNOWN_BODY': 'validation',
  /** A unit code in a conclusion that is not an internal body. */
  'RULES.UNKNOWN_UNIT': 'validation',
  'RULES.DUPLICATE_ID': 'validation',
  'RULES.DUPLICATE_BODY': 'validation',
  'RULES.CLASSIFICATION_NOT_OF_KIND': 'validation',
  /** Acceptance (thụ lý) means the commune resolves the case: only an internal body can accept. */
  'RULES.ACCEPT_BY_EXTERNAL_BODY': 'validation',
  'RULES.UNKNOWN_PLACEHOLDER': 'validation',
  'RULES.VERSION_CONFLICT': 'conflict',
  'RULES.VERSION_NOT_FOUND': 'not_found',
} as const satisfies Record<string, DomainErrorKind>;

export type JurisdictionErrorCode = keyof typeof DEFAULT_KINDS;

/** A broken competence rule or an unanswerable competence question; `code` is stable. */
export class JurisdictionError extends DomainError {
  constructor(
    override readonly code: JurisdictionErrorCode,
    message: string,
    details?: Record<string, unknown>,
    kind: DomainErrorKind = DEFAULT_KINDS[code],
  ) {
    super(code, message, kind, details);
    this.name = 'JurisdictionError';
  }
}
