import { createHash } from 'node:crypto';
import { attachmentErrors } from './attachment.errors';

/**
 * What every FileStore adapter does to the bytes of a `put` on their way in (file-store.port.ts):
 * hash and count them, refuse them with `ATTACHMENT.TOO_LARGE` at the first chunk beyond the limit,
 * before that chunk is stored, and check the declared SHA-256 once they are all in.
 */
export class MeteredContent {
  private readonly hash = createHash('sha256');
  private bytes = 0;

  /** Refuses an oversized buffer at once, before the adapter stores anything. */
  constructor(
    private readonly content: Buffer | AsyncIterable<Uint8Array>,
    private readonly maxBytes: number,
  ) {
    if (Buffer.isBuffer(content) && content.length > maxBytes) throw attachmentErrors.tooLarge(maxBytes);
  }

  /**
   * The chunks, each hashed and counted as it passes. Reading stops at the limit, and ending this
   * iteration early (the adapter failed) calls `return()` on the source iterator.
   */
  async *chunks(): AsyncGenerator<Uint8Array> {
    const source: AsyncIterable<Uint8Array> | Uint8Array[] = Buffer.isBuffer(this.content)
      ? [this.content]
      : this.content;
    for await (const chunk of source) {
      this.bytes += chunk.length;
      if (this.bytes > this.maxBytes) throw attachmentErrors.tooLarge(this.maxBytes);
      this.hash.update(chunk);
      yield chunk;
    }
  }

  /** Once every chunk went through: the SHA-256 and size, refused if the client declared another hash. */
  finish(expectedSha256?: string): { sha256: string; size: number } {
    const sha256 = this.hash.digest('hex');
    if (expectedSha256 !== undefined && expectedSha256 !== sha256)
      throw attachmentErrors.checksumMismatch('sha256');
    return { sha256, size: this.bytes };
  }
}
