import { createHash } from 'node:crypto';
import { DomainError } from '@tiep-dan/contracts';
import {
  checkContentEncoding,
  checkDeclaredLength,
  contentDisposition,
  declaredSha256,
  fileNameFrom,
} from './attachment-headers';

const codeOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
    return undefined;
  } catch (error) {
    return error instanceof DomainError ? error.code : String(error);
  }
};

const HASH = createHash('sha256').update('nội dung').digest();
const HEX = HASH.toString('hex');
const B64 = HASH.toString('base64');

describe('X-File-Name', () => {
  it('decodes percent-encoded UTF-8 to NFC', () => {
    const decomposed = encodeURIComponent('hồ sơ đất.pdf'.normalize('NFD'));
    expect(fileNameFrom(decomposed)).toBe('hồ sơ đất.pdf'.normalize('NFC'));
    expect(fileNameFrom('ho-so-%C4%91%E1%BA%A5t.pdf')).toBe('ho-so-đất.pdf');
  });

  it("accepts the RFC 5987 form UTF-8''… (with or without a language)", () => {
    expect(fileNameFrom("UTF-8''%C4%91%C6%A1n.pdf")).toBe('đơn.pdf');
    expect(fileNameFrom("utf-8'vi'%C4%91%C6%A1n.pdf")).toBe('đơn.pdf');
  });

  it('keeps plain ASCII names, apostrophes included', () => {
    expect(fileNameFrom("Don't panic (1).txt")).toBe("Don't panic (1).txt");
  });

  it.each([[undefined], [''], ['   '], ['%20%20']])('requires a name (%p)', (header) => {
    expect(codeOf(() => fileNameFrom(header))).toBe('ATTACHMENT.NAME_REQUIRED');
  });

  it.each([
    ['raw non-ASCII bytes', 'Ä\u0091Æ¡n.pdf'],
    ['broken percent-encoding', '100%.pdf'],
    ['a path', 'a%2Fb.pdf'],
    ['a Windows path', 'C:%5Cdon.pdf'],
    ['a control character', 'a%0Ab.pdf'],
    ['a parent reference', '..'],
    ['more than 255 characters', `${'a'.repeat(256)}`],
  ])('refuses %s', (_case, header) => {
    expect(codeOf(() => fileNameFrom(header))).toBe('ATTACHMENT.INVALID_NAME');
  });
});

describe('declared length and encoding', () => {
  it('refuses a Content-Length over 20 MiB and accepts 20 MiB', () => {
    expect(codeOf(() => checkDeclaredLength(String(20 * 1024 * 1024 + 1)))).toBe('ATTACHMENT.TOO_LARGE');
    expect(codeOf(() => checkDeclaredLength(String(20 * 1024 * 1024)))).toBeUndefined();
    expect(codeOf(() => checkDeclaredLength(undefined))).toBeUndefined();
  });

  it('accepts only identity bodies', () => {
    expect(codeOf(() => checkContentEncoding(undefined))).toBeUndefined();
    expect(codeOf(() => checkContentEncoding('identity'))).toBeUndefined();
    expect(codeOf(() => checkContentEncoding('gzip'))).toBe('ATTACHMENT.UNSUPPORTED_TYPE');
  });
});

describe('declared SHA-256', () => {
  it('reads X-Content-SHA256 (hex, any case), Digest and Content-Digest', () => {
    expect(declaredSha256({ 'x-content-sha256': HEX.toUpperCase() })).toBe(HEX);
    expect(declaredSha256({ digest: `MD5=abc==, SHA-256=${B64}` })).toBe(HEX);
    expect(declaredSha256({ 'content-digest': `sha-512=:AAAA:, sha-256=:${B64}:` })).toBe(HEX);
    expect(declaredSha256({ 'x-content-sha256': HEX, digest: `sha-256=${B64}` })).toBe(HEX);
  });

  it('has nothing to check without a SHA-256 among the headers', () => {
    expect(declaredSha256({})).toBeUndefined();
    expect(declaredSha256({ digest: 'MD5=HUXZLQLMuI/KZ5KDcJPcOA==' })).toBeUndefined();
  });

  it('refuses two SHA-256 values that disagree', () => {
    const other = createHash('sha256').update('khác').digest('base64');
    expect(codeOf(() => declaredSha256({ 'x-content-sha256': HEX, digest: `SHA-256=${other}` }))).toBe(
      'ATTACHMENT.CHECKSUM_MISMATCH',
    );
  });

  it.each([
    [{ 'x-content-sha256': 'abc' }],
    [{ 'x-content-sha256': B64 }],
    [{ digest: 'SHA-256=not-base64' }],
    [{ digest: 'SHA-256' }],
    [{ 'content-digest': `sha-256=${B64}` }],
  ])('refuses a malformed checksum header %p', (headers) => {
    expect(codeOf(() => declaredSha256(headers))).toBe('ATTACHMENT.INVALID_CHECKSUM');
  });
});

describe('Content-Disposition of a download', () => {
  it('gives the UTF-8 name (RFC 5987) and an ASCII fallback without diacritics', () => {
    expect(contentDisposition('Đơn khiếu nại.pdf')).toBe(
      'attachment; filename="Don khieu nai.pdf"; filename*=UTF-8\'\'%C4%90%C6%A1n%20khi%E1%BA%BFu%20n%E1%BA%A1i.pdf',
    );
  });

  it("escapes what would end the header's values: quotes, backslashes, apostrophes, brackets", () => {
    expect(contentDisposition(`a"b\\c'd(e)*.txt`)).toBe(
      `attachment; filename="a_b_c'd(e)*.txt"; filename*=UTF-8''a%22b%5Cc%27d%28e%29%2A.txt`,
    );
  });
});
