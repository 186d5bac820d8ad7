import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { DomainError, type DomainErrorKind } from '@tiep-dan/contracts';
import type { Response } from 'express';

/**
 * GeoReport v2 lists 400, 403 and 404 only: a conflict or an Idempotency-Key reused for another
 * request is its "400 - Duplicate request".
 */
const STATUS: Record<DomainErrorKind, number> = {
  validation: 400,
  conflict: 400,
  unprocessable: 400,
  forbidden: 403,
  not_found: 404,
  gone: 404,
};

/** One error as GeoReport v2 answers it: `[{code, description}]`, `code` being the HTTP status. */
export interface Open311ErrorBody {
  code: number;
  description: string;
}

/**
 * Answers every error of the Open311 controller in the GeoReport format, so that existing Open311
 * apps can read it; scoped with `@UseFilters` so that staff endpoints keep `{statusCode, code,
 * message}`. The stable code of a DomainError goes in the `X-Error-Code` header, where Open311 apps
 * ignore it and our own clients and logs can match on it.
 */
@Catch()
export class Open311ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('Open311');

  catch(error: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const { status, description, code } = describe(error);
    if (status >= 500)
      this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    if (code) response.setHeader('X-Error-Code', code);
    const body: Open311ErrorBody[] = [{ code: status, description }];
    response.status(status).json(body);
  }
}

function describe(error: unknown): { status: number; description: string; code?: string } {
  if (error instanceof DomainError) {
    return { status: STATUS[error.kind], description: error.message, code: error.code };
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    return status >= 500
      ? { status, description: 'Lỗi máy chủ, vui lòng thử lại sau.' }
      : { status, description: error.message };
  }
  return { status: 500, description: 'Lỗi máy chủ, vui lòng thử lại sau.' };
}
