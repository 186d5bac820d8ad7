import type { NextFunction, Request, Response } from 'express';

/** body-parser's error types, which otherwise reach the client as bare 400/413 without a code. */
const BODY_ERRORS: Record<string, { status: number; code: string; message: string }> = {
  'entity.parse.failed': {
    status: 400,
    code: 'REQUEST.MALFORMED_JSON',
    message: 'Nội dung gửi lên không phải JSON hợp lệ.',
  },
  'entity.too.large': {
    status: 413,
    code: 'REQUEST.TOO_LARGE',
    message: 'Nội dung gửi lên quá lớn.',
  },
  'encoding.unsupported': {
    status: 415,
    code: 'REQUEST.UNSUPPORTED_ENCODING',
    message: 'Bảng mã của nội dung không được hỗ trợ (dùng UTF-8).',
  },
  'charset.unsupported': {
    status: 415,
    code: 'REQUEST.UNSUPPORTED_ENCODING',
    message: 'Bảng mã của nội dung không được hỗ trợ (dùng UTF-8).',
  },
};

/**
 * Express error middleware placed right after the body parsers: answers a malformed, oversized or
 * wrongly encoded body in the house format `{statusCode, code, message}` before any route runs
 * (Nest would turn a JSON syntax error into a bare 400 without a code).
 */
export function requestBodyErrorHandler(
  error: unknown,
  _req: Request,
  res: Response,
  next: NextFunction,
): void {
  const type = typeof error === 'object' && error !== null ? (error as { type?: unknown }).type : undefined;
  const known = typeof type === 'string' ? BODY_ERRORS[type] : undefined;
  if (!known) {
    next(error);
    return;
  }
  res.status(known.status).json({ statusCode: known.status, code: known.code, message: known.message });
}
