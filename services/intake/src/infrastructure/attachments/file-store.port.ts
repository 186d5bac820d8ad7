import type { Readable } from 'node:stream';

/** DI token of the attachment byte store. */
export const FILE_STORE = Symbol('FILE_STORE');

/** What `put` kept: content-addressed, so `key` is the SHA-256 and equal bytes share one key. */
export interface StoredContent {
  key: string;
  /** Lower-case hex SHA-256 of the bytes. */
  sha256: string;
  size: number;
}

export interface PutOptions {
  contentType: string;
  /** More bytes than this and nothing is kept (`ATTACHMENT.TOO_LARGE`); defaults to the store's limit. */
  maxBytes?: number;
  /**
   * The hash the client declared. Checked before the bytes become visible, so a mismatch keeps nothing
   * and can never touch an already stored copy with the declared key (`ATTACHMENT.CHECKSUM_MISMATCH`).
   */
  expectedSha256?: string;
}

export interface StoredFile {
  stream: Readable;
  size: number;
}

/**
 * Where attachment bytes live (local disk in embedded mode; an object store adapter can replace it).
 * Contract, shared by every adapter:
 * - `put` is idempotent: the same bytes twice give the same key and one copy;
 * - a `put` that fails or is refused leaves nothing visible, and readers never see a partial file;
 * - `put` reads a stream once and never buffers it whole; it stops reading at the size limit. When it
 *   stops early it calls `return()` on the iterator, so a caller that must keep its source (an HTTP
 *   request, to answer it) passes `readable.iterator({ destroyOnReturn: false })`.
 */
export interface FileStore {
  put(content: Buffer | AsyncIterable<Uint8Array>, options: PutOptions): Promise<StoredContent>;
  /** The bytes under `key`, or undefined if there are none (never stored, or deleted). */
  get(key: string): Promise<StoredFile | undefined>;
  exists(key: string): Promise<boolean>;
  /**
   * Removes the bytes (erasure). Keys are shared by every upload of the same bytes: the caller checks
   * that nothing else refers to the key first. Deleting a missing key does nothing.
   */
  delete(key: string): Promise<void>;
}

const KEY = /^[0-9a-f]{64}$/;

/** Keys become file or object names: only a hex SHA-256 is one. */
export function assertStoreKey(key: string): void {
  if (!KEY.test(key)) throw new Error(`invalid file store key: ${JSON.stringify(key.slice(0, 80))}`);
}
