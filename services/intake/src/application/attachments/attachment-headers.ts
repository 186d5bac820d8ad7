import type { IncomingHttpHeaders } from 'node:http';
import { SUBMISSION_LIMITS } from '@tiep-dan/contracts';
import { attachmentErrors } from '../../infrastructure/attachments/attachment.errors';

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/**
 * The file name of an upload from `X-File-Name`. HTTP headers carry ASCII only, so a Vietnamese name
 * is percent-encoded UTF-8 (`encodeURIComponent`), optionally in RFC 5987 form (`UTF-8''…`); raw
 * non-ASCII bytes are refused rather than guessed at. The result is NFC (the form petitions store).
 */
export function fileNameFrom(header: string | string[] | undefined): string {
  const raw = first(header)?.trim();
  if (!raw) throw attachmentErrors.nameRequired();
  if (/[^\x20-\x7e]/.test(raw)) {
    throw attachmentErrors.invalidName('ký tự ngoài ASCII phải được mã hóa phần trăm (UTF-8)');
  }
  const extended = /^utf-8'[a-z0-9-]*'(.*)$/i.exec(raw);
  let decoded: string;
  try {
    decoded = decodeURIComponent(extended ? extended[1] : raw);
  } catch {
    throw attachmentErrors.invalidName('mã hóa phần trăm không hợp lệ (viết dấu % là %25)');
  }
  const name = decoded.normalize('NFC').trim();
  if (!name) throw attachmentErrors.nameRequired();
  if (/[\u0000-\u001f\u007f-\u009f/\\]/.test(name) || name === '.' || name === '..') {
    throw attachmentErrors.invalidName('tên tệp không được chứa ký tự điều khiển hay dấu / \\');
  }
  if (name.length > 255) throw attachmentErrors.invalidName('dài quá 255 ký tự');
  return name;
}

/** Refuses a declared Content-Length above the limit before a byte is read. */
export function checkDeclaredLength(
  header: string | undefined,
  maxBytes = SUBMISSION_LIMITS.attachmentBytes,
): void {
  if (header !== undefined && /^\d+$/.test(header) && Number(header) > maxBytes) {
    throw attachmentErrors.tooLarge(maxBytes);
  }
}

/**
 * Bytes sent compressed (`Content-Encoding: gzip`) would be stored as the file itself, and fail its
 * checksum and signature in confusing ways: only identity is accepted.
 */
export function checkContentEncoding(header: string | undefined): void {
  const encoding = header?.trim().toLowerCase();
  if (encoding && encoding !== 'identity') {
    throw attachmentErrors.unsupportedType(`Content-Encoding: ${encoding}`, 'not_allowed');
  }
}

/**
 * The SHA-256 a client declares for its upload, as lower-case hex, from any of `X-Content-SHA256` (hex),
 * `Digest: SHA-256=<base64>` (RFC 3230) or `Content-Digest: sha-256=:<base64>:` (RFC 9530). Other
 * algorithms in the digest headers are ignored; two SHA-256 values that disagree are a mismatch.
 */
export function declaredSha256(headers: IncomingHttpHeaders): string | undefined {
  const declared: string[] = [];
  const hex = first(headers['x-content-sha256'])?.trim();
  if (hex !== undefined) {
    if (!/^[0-9a-f]{64}$/i.test(hex)) throw attachmentErrors.invalidChecksum('X-Content-SHA256');
    declared.push(hex.toLowerCase());
  }
  const digest = first(headers['digest']);
  if (digest !== undefined) {
    const value = entry(digest, 'Digest');
    if (value !== undefined) declared.push(base64Sha256(value, 'Digest'));
  }
  const contentDigest = first(headers['content-digest']);
  if (contentDigest !== undefined) {
    const value = entry(contentDigest, 'Content-Digest');
    if (value !== undefined) {
      const bytes = /^:([^:]*):$/.exec(value);
      if (!bytes) throw attachmentErrors.invalidChecksum('Content-Digest');
      declared.push(base64Sha256(bytes[1], 'Content-Digest'));
    }
  }
  if (new Set(declared).size > 1) throw attachmentErrors.checksumMismatch('sha256');
  return declared[0];
}

/** The value of the `sha-256` member of a comma-separated `algorithm=value` list. */
function entry(header: string, name: string): string | undefined {
  for (const member of header.split(',')) {
    const separator = member.indexOf('=');
    if (separator < 0) throw attachmentErrors.invalidChecksum(name);
    if (member.slice(0, separator).trim().toLowerCase() === 'sha-256')
      return member.slice(separator + 1).trim();
  }
  return undefined;
}

function base64Sha256(value: string, header: string): string {
  if (!/^[A-Za-z0-9+/]{43}=$/.test(value)) throw attachmentErrors.invalidChecksum(header);
  return Buffer.from(value, 'base64').toString('hex');
}

/**
 * `Content-Disposition` for a download: the UTF-8 name (RFC 6266/5987) plus an ASCII fallback without
 * diacritics for old clients ("hồ sơ đất.pdf" → "ho so dat.pdf").
 */
export function contentDisposition(name: string): string {
  const fallback = name
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^\x20-\x7e]|["\\%]/g, '_');
  const encoded = encodeURIComponent(name.normalize('NFC')).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
