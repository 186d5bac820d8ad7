import { attachmentErrors } from '../../infrastructure/attachments/attachment.errors';

/** The kinds of file a petition may carry: documents, scans and photos, recordings. */
export const ATTACHMENT_TYPES = [
  'application/pdf',
  'image/jpeg',
  'image/png',
  'image/heic',
  'image/tiff',
  'audio/mpeg',
  'audio/mp4',
  'video/mp4',
  'application/msword',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'text/plain',
] as const;
export type AttachmentType = (typeof ATTACHMENT_TYPES)[number];

const ALLOWED = new Set<string>(ATTACHMENT_TYPES);

/** Bytes read before the first one is stored: enough for every signature below. */
export const SNIFF_BYTES = 1024;

const bytes = (...values: number[]) => Buffer.from(values);
const startsWith = (head: Buffer, prefix: Buffer) =>
  head.length >= prefix.length && head.subarray(0, prefix.length).equals(prefix);

/**
 * Signatures ("magic bytes") of the declared types that have a reliable one; a file whose bytes do not
 * match its declared type is refused. Not sniffed, because valid files may lack a fixed signature:
 * image/heic, audio/mp4 and video/mp4 (their `ftyp` box is usually, not always, first), audio/mpeg
 * (an ID3 tag or a bare frame) and text/plain.
 */
const SIGNATURES: Partial<Record<AttachmentType, (head: Buffer) => boolean>> = {
  // Readers accept the header anywhere in the first 1024 bytes (ISO 32000-1, annex H); scanners rely on it.
  'application/pdf': (head) => head.subarray(0, SNIFF_BYTES).includes('%PDF-'),
  'image/jpeg': (head) => startsWith(head, bytes(0xff, 0xd8, 0xff)),
  'image/png': (head) => startsWith(head, bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)),
  // Little- or big-endian; TIFF (42) or BigTIFF (43).
  'image/tiff': (head) =>
    [
      bytes(0x49, 0x49, 0x2a, 0x00),
      bytes(0x4d, 0x4d, 0x00, 0x2a),
      bytes(0x49, 0x49, 0x2b, 0x00),
      bytes(0x4d, 0x4d, 0x00, 0x2b),
    ].some((prefix) => startsWith(head, prefix)),
  // Word 97–2003 documents are OLE2 compound files.
  'application/msword': (head) => startsWith(head, bytes(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1)),
  // A .docx is a ZIP package (this admits any ZIP: it catches a mislabelled file, not a forged one).
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': (head) =>
    startsWith(head, bytes(0x50, 0x4b, 0x03, 0x04)),
};

/** Types whose content is checked against a signature. */
export const SNIFFED_TYPES = Object.keys(SIGNATURES) as AttachmentType[];

/** `Application/PDF; charset=x` → `application/pdf`. */
export function mediaTypeOf(contentType: string): string {
  return contentType.split(';')[0].trim().toLowerCase();
}

/**
 * The media type of a Content-Type (parameters dropped, lower case) if it is one we accept; refuses
 * anything else with `ATTACHMENT.UNSUPPORTED_TYPE`.
 */
export function allowedType(contentType: string | undefined, path?: string): AttachmentType {
  const mediaType = mediaTypeOf(contentType ?? '');
  if (!ALLOWED.has(mediaType)) throw attachmentErrors.unsupportedType(mediaType, 'not_allowed', path);
  return mediaType as AttachmentType;
}

/** Refuses bytes whose beginning does not match their declared type (for the sniffed types). */
export function checkSignature(head: Buffer, contentType: AttachmentType, path?: string): void {
  const matches = SIGNATURES[contentType];
  if (matches && !matches(head))
    throw attachmentErrors.unsupportedType(contentType, 'content_mismatch', path);
}

/**
 * Passes a stream through, after checking its first `SNIFF_BYTES` against the declared type: a
 * mismatch stops the stream before anything past that head is read.
 */
export async function* sniffed(
  source: AsyncIterable<Uint8Array>,
  contentType: AttachmentType,
): AsyncGenerator<Uint8Array> {
  if (!SIGNATURES[contentType]) {
    yield* source;
    return;
  }
  let pending: Buffer[] | undefined = [];
  let length = 0;
  for await (const chunk of source) {
    if (!pending) {
      yield chunk;
      continue;
    }
    pending.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    length += chunk.byteLength;
    if (length < SNIFF_BYTES) continue;
    const head = Buffer.concat(pending);
    pending = undefined;
    checkSignature(head, contentType);
    yield head;
  }
  if (pending) {
    const head = Buffer.concat(pending);
    checkSignature(head, contentType);
    if (head.length > 0) yield head;
  }
}
