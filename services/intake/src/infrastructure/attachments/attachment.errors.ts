import { DomainError } from '@tiep-dan/contracts';

const mib = (bytes: number) => `${Math.round((bytes / (1024 * 1024)) * 100) / 100} MiB`;

/**
 * The errors of attachments, with stable codes. All are `validation` errors: a petition carrying a bad
 * attachment answers 400 (and goes to the dead-letter topic from Kafka); the upload endpoint answers
 * TOO_LARGE with 413 and UNSUPPORTED_TYPE with 415 (attachment-error.filter.ts).
 */
export const attachmentErrors = {
  tooLarge: (maxBytes: number, path?: string) =>
    new DomainError(
      'ATTACHMENT.TOO_LARGE',
      `Tệp đính kèm vượt quá giới hạn ${mib(maxBytes)}.`,
      'validation',
      {
        maxBytes,
        ...(path ? { path } : {}),
      },
    ),
  unsupportedType: (contentType: string, reason: 'not_allowed' | 'content_mismatch', path?: string) =>
    new DomainError(
      'ATTACHMENT.UNSUPPORTED_TYPE',
      reason === 'not_allowed'
        ? `Loại tệp "${contentType.slice(0, 127)}" không được chấp nhận.`
        : `Nội dung tệp không đúng loại đã khai báo (${contentType}).`,
      'validation',
      { contentType: contentType.slice(0, 127), reason, ...(path ? { path } : {}) },
    ),
  checksumMismatch: (field: 'sha256' | 'size', path?: string) =>
    new DomainError(
      'ATTACHMENT.CHECKSUM_MISMATCH',
      field === 'sha256'
        ? 'Mã băm SHA-256 không khớp với nội dung tệp.'
        : 'Kích thước khai báo không khớp với nội dung tệp.',
      'validation',
      { field, ...(path ? { path } : {}) },
    ),
  invalidChecksum: (header: string) =>
    new DomainError(
      'ATTACHMENT.INVALID_CHECKSUM',
      `Tiêu đề ${header} không chứa mã băm SHA-256 hợp lệ.`,
      'validation',
      { header },
    ),
  nameRequired: () =>
    new DomainError('ATTACHMENT.NAME_REQUIRED', 'Thiếu tên tệp (tiêu đề X-File-Name).', 'validation'),
  invalidName: (reason: string) =>
    new DomainError('ATTACHMENT.INVALID_NAME', `Tên tệp không hợp lệ: ${reason}.`, 'validation'),
  typeMismatch: (path: string) =>
    new DomainError(
      'ATTACHMENT.TYPE_MISMATCH',
      'Loại tệp khai báo trong đơn khác với loại của tệp đã tải lên.',
      'validation',
      { path },
    ),
  invalidBase64: (path: string) =>
    new DomainError('ATTACHMENT.INVALID_BASE64', 'Nội dung tệp (base64) không hợp lệ.', 'validation', {
      path,
    }),
  ambiguousSource: (path: string) =>
    new DomainError(
      'ATTACHMENT.AMBIGUOUS_SOURCE',
      'Tệp đính kèm chỉ được có một nguồn: attachmentId hoặc contentBase64.',
      'validation',
      { path },
    ),
  unknown: (path: string) =>
    new DomainError('ATTACHMENT.UNKNOWN', 'Không có tệp đã tải lên với mã này.', 'validation', { path }),
  incomplete: () =>
    new DomainError(
      'ATTACHMENT.INCOMPLETE',
      'Tệp gửi lên bị ngắt giữa chừng; không có gì được lưu.',
      'validation',
    ),
  notFound: () => new DomainError('ATTACHMENT.NOT_FOUND', 'Không tìm thấy tệp đính kèm.', 'not_found'),
  contentGone: () =>
    new DomainError('ATTACHMENT.CONTENT_GONE', 'Nội dung của tệp đính kèm đã bị xóa.', 'gone'),
};
