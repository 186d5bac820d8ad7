import { type ArgumentsHost, Catch, HttpStatus } from '@nestjs/common';
import { DomainError } from '@tiep-dan/contracts';
import { DomainErrorFilter } from '@tiep-dan/platform';
import type { Response } from 'express';

/** HTTP has a status of its own for these two refusals of an upload. */
const STATUS_BY_CODE: Readonly<Record<string, number>> = {
  'ATTACHMENT.TOO_LARGE': HttpStatus.PAYLOAD_TOO_LARGE,
  'ATTACHMENT.UNSUPPORTED_TYPE': HttpStatus.UNSUPPORTED_MEDIA_TYPE,
};

/**
 * The house error body `{statusCode, code, message, details?}` for the attachment endpoints, with 413
 * and 415 where HTTP defines them; every other DomainError is answered as the global filter does.
 * Scoped with `@UseFilters`: a petition carrying a bad attachment stays a 400 like any invalid field.
 */
@Catch(DomainError)
export class AttachmentErrorFilter extends DomainErrorFilter {
  override catch(error: DomainError, host: ArgumentsHost): void {
    const statusCode = STATUS_BY_CODE[error.code];
    if (statusCode === undefined) {
      super.catch(error, host);
      return;
    }
    host
      .switchToHttp()
      .getResponse<Response>()
      .status(statusCode)
      .json({
        statusCode,
        code: error.code,
        message: error.message,
        ...(error.details ? { details: error.details } : {}),
      });
  }
}
