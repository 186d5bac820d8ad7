import { createHash } from 'node:crypto';
import { SUBMISSION_LIMITS, type AttachmentInput } from '@tiep-dan/contracts';
import type { RecordedAttachment } from '../../domain/petition/petition.events';
import { attachmentErrors } from '../../infrastructure/attachments/attachment.errors';
import type { AttachmentRecord, AttachmentsTable } from '../../infrastructure/attachments/attachments.table';
import type { FileStore, StoredFile } from '../../infrastructure/attachments/file-store.port';
import { nameBasedUuid } from '../../infrastructure/petition/deterministic-id';
import { allowedType, checkSignature, mediaTypeOf, sniffed, type AttachmentType } from './attachment-content';

export interface UploadInput {
  /** The bytes; an HTTP request body is passed as `request.iterator({ destroyOnReturn: false })`. */
  content: AsyncIterable<Uint8Array>;
  /** NFC file name. */
  name: string;
  contentType: AttachmentType;
  /** SHA-256 the client declared (hex); a mismatch keeps nothing. */
  expectedSha256?: string;
  /** User id of the uploader. */
  uploadedBy: string;
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * Attachments of petitions (tài liệu kèm theo đơn): uploads, their metadata and bytes, and the check
 * that turns a submission's attachments into what the petition records.
 */
export class AttachmentsService {
  constructor(
    private readonly store: FileStore,
    private readonly table: AttachmentsTable,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /**
   * Stores an upload, then records it. The id is derived from who uploaded which bytes under which
   * name and type, so a retried upload (even one whose answer was lost) finds the first record instead
   * of adding another: `created: false`. The bytes are stored before the row exists, so a row never
   * points at missing bytes; a crash in between leaves bytes that the retry reuses.
   */
  async upload(input: UploadInput): Promise<{ record: AttachmentRecord; created: boolean }> {
    const stored = await this.store.put(sniffed(input.content, input.contentType), {
      contentType: input.contentType,
      ...(input.expectedSha256 !== undefined ? { expectedSha256: input.expectedSha256 } : {}),
    });
    const attachmentId = nameBasedUuid(
      `attachment:${JSON.stringify([input.uploadedBy, stored.sha256, input.contentType, input.name])}`,
    );
    return this.table.insert({
      attachmentId,
      storageKey: stored.key,
      name: input.name,
      contentType: input.contentType,
      size: stored.size,
      sha256: stored.sha256,
      uploadedBy: input.uploadedBy,
      uploadedAt: this.clock().toISOString(),
    });
  }

  async describe(attachmentId: string): Promise<AttachmentRecord> {
    const record = await this.table.find(attachmentId);
    if (!record) throw attachmentErrors.notFound();
    return record;
  }

  /** The record and its bytes; `ATTACHMENT.CONTENT_GONE` once the bytes have been erased. */
  async open(attachmentId: string): Promise<{ record: AttachmentRecord; file: StoredFile }> {
    const record = await this.describe(attachmentId);
    const file = await this.store.get(record.storageKey);
    if (!file) throw attachmentErrors.contentGone();
    return { record, file };
  }

  /**
   * The attachments of a submission as the petition records them:
   * - with `attachmentId`: an earlier upload, whose size, SHA-256 and type must be the ones declared;
   * - with `contentBase64` (Kafka): the bytes themselves, checked (size ≤ the inline limit, SHA-256,
   *   allowed type and signature) and stored; storing is idempotent, so a redelivered message is safe;
   * - with neither: a paper attachment the clerk describes; only its metadata is kept.
   * Every attachment is checked before any is stored, so a refused submission leaves nothing behind.
   */
  async resolveForPetition(inputs: readonly AttachmentInput[]): Promise<RecordedAttachment[]> {
    const checked: Array<{ recorded: RecordedAttachment; inline?: Buffer }> = [];
    for (const [index, input] of inputs.entries()) {
      const path = `attachments.${index}`;
      const name = input.name.normalize('NFC');
      if (input.attachmentId !== undefined && input.contentBase64 !== undefined) {
        throw attachmentErrors.ambiguousSource(path);
      }
      if (input.attachmentId !== undefined) {
        checked.push({ recorded: { name, ...(await this.uploaded(input, input.attachmentId, path)) } });
      } else if (input.contentBase64 !== undefined) {
        const contentType = allowedType(input.contentType, path);
        const bytes = decodeInline(input.contentBase64, path);
        if (bytes.length !== input.size) throw attachmentErrors.checksumMismatch('size', path);
        if (sha256(bytes) !== input.sha256) throw attachmentErrors.checksumMismatch('sha256', path);
        checkSignature(bytes, contentType, path);
        checked.push({
          recorded: { name, contentType, size: bytes.length, sha256: input.sha256 },
          inline: bytes,
        });
      } else {
        checked.push({
          recorded: { name, contentType: input.contentType, size: input.size, sha256: input.sha256 },
        });
      }
    }
    const recorded: RecordedAttachment[] = [];
    for (const { recorded: attachment, inline } of checked) {
      if (!inline) {
        recorded.push(attachment);
        continue;
      }
      const stored = await this.store.put(inline, {
        contentType: attachment.contentType,
        expectedSha256: attachment.sha256,
      });
      recorded.push({ ...attachment, storageKey: stored.key });
    }
    return recorded;
  }

  private async uploaded(
    input: AttachmentInput,
    attachmentId: string,
    path: string,
  ): Promise<Omit<RecordedAttachment, 'name'>> {
    const record = await this.table.find(attachmentId.toLowerCase());
    // Bytes erased since the upload count as unknown: the petition must not point at nothing.
    if (!record || !(await this.store.exists(record.storageKey))) throw attachmentErrors.unknown(path);
    if (record.sha256 !== input.sha256) throw attachmentErrors.checksumMismatch('sha256', path);
    if (record.size !== input.size) throw attachmentErrors.checksumMismatch('size', path);
    if (mediaTypeOf(input.contentType) !== record.contentType) throw attachmentErrors.typeMismatch(path);
    return {
      contentType: record.contentType,
      size: record.size,
      sha256: record.sha256,
      storageKey: record.storageKey,
    };
  }
}

/** Strict base64 (RFC 4648, no line breaks): `Buffer.from` would silently skip invalid characters. */
function decodeInline(content: string, path: string): Buffer {
  const limit = SUBMISSION_LIMITS.inlineAttachmentBytes;
  // Measured before decoding, so an oversized message costs no decoding.
  if (content.length > Math.ceil(limit / 3) * 4) throw attachmentErrors.tooLarge(limit, path);
  if (content.length % 4 !== 0 || !BASE64.test(content)) throw attachmentErrors.invalidBase64(path);
  const bytes = Buffer.from(content, 'base64');
  if (bytes.length > limit) throw attachmentErrors.tooLarge(limit, path);
  return bytes;
}

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}
