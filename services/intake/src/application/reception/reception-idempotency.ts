import { HttpException, HttpStatus, Inject, Injectable } from '@nestjs/common';
import type { AuthPrincipal } from '@tiep-dan/platform';
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { ReceptionIdempotencyStore } from '../../infrastructure/reception/reception-idempotency.table';
import { parseInput } from './reception-sessions.dto';

export type IdempotencyErrorCode = 'IDEMPOTENCY.KEY_REUSED' | 'IDEMPOTENCY.IN_PROGRESS';

/** `{statusCode, code, message}`, the error body of the platform. */
export class IdempotencyHttpError extends HttpException {
  constructor(status: HttpStatus, code: IdempotencyErrorCode, message: string) {
    super({ statusCode: status, code, message }, status);
  }
}

const keySchema = z.string().regex(/^[A-Za-z0-9._:-]{1,200}$/, 'expected 1–200 letters, digits or . _ : -');

/** JSON with object keys sorted, so that the same body always hashes the same. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export interface IdempotentRequest {
  principal: AuthPrincipal;
  /** The `Idempotency-Key` header; without it the request simply runs. */
  key: string | undefined;
  method: string;
  path: string;
  body: unknown;
}

/**
 * `Idempotency-Key` on writes: the first request with a key runs and its answer is stored; a retry with
 * the same key and the same request gets that answer again without writing; the same key with another
 * request answers 422 `IDEMPOTENCY.KEY_REUSED`. A request that failed leaves no answer: a retry runs again.
 */
@Injectable()
export class ReceptionIdempotency {
  constructor(@Inject(ReceptionIdempotencyStore) private readonly store: ReceptionIdempotencyStore) {}

  async run<T>(request: IdempotentRequest, work: () => Promise<T>): Promise<T> {
    if (request.key === undefined) return work();
    const key = parseInput(
      z.object({ 'idempotency-key': keySchema }),
      { 'idempotency-key': request.key },
      'headers',
    )['idempotency-key'];
    const hash = createHash('sha256')
      .update(canonicalJson({ method: request.method, path: request.path, body: request.body ?? null }))
      .digest('hex');
    const principal = request.principal.userId;
    const claim = await this.store.claim(principal, key, hash);
    switch (claim.outcome) {
      case 'replay':
        return claim.response as T;
      case 'mismatch':
        throw new IdempotencyHttpError(
          HttpStatus.UNPROCESSABLE_ENTITY,
          'IDEMPOTENCY.KEY_REUSED',
          'this Idempotency-Key was used for a different request',
        );
      case 'in_progress':
        throw new IdempotencyHttpError(
          HttpStatus.CONFLICT,
          'IDEMPOTENCY.IN_PROGRESS',
          'a request with this Idempotency-Key is still running; retry shortly',
        );
      case 'claimed':
        break;
    }
    let response: T;
    try {
      response = await work();
    } catch (error) {
      await this.store.release(principal, key);
      throw error;
    }
    await this.store.complete(principal, key, response);
    return response;
  }
}
