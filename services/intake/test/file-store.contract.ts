import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { DomainError } from '@tiep-dan/contracts';
import type { FileStore } from '../src/infrastructure/attachments/file-store.port';

export const KiB = 1024;
export const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** How a contract run reaches one adapter. */
export interface FileStoreHarness {
  /** A fresh, empty store whose limit is `maxBytes`. */
  create(maxBytes: number): Promise<FileStore>;
  /** Copies of bytes kept (files, objects), so that a test sees one copy per content. */
  copies(): Promise<number>;
  /** What an upload in progress or cut short may have left (partial files, unnamed chunks). */
  partials(): Promise<number>;
  teardown?(): Promise<void>;
}

/** A source that yields `chunks` chunks of `chunkSize` bytes and counts how many were pulled. */
export function counted(chunks: number, chunkSize: number, fill = 7) {
  const state = { pulled: 0 };
  async function* source() {
    for (let i = 0; i < chunks; i++) {
      state.pulled++;
      yield Buffer.alloc(chunkSize, fill);
    }
  }
  return { source: source(), state };
}

export async function errorCode(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof DomainError)) throw new Error(`expected a DomainError, got ${String(error)}`);
  return error.code;
}

export async function bytesOf(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * The contract of the FileStore port (file-store.port.ts) that every adapter passes: content
 * addressing, idempotence, nothing visible before a put completes or after it fails, the size limit
 * while streaming, the declared SHA-256, erasure and key validation.
 */
export function fileStoreContract(name: string, createHarness: () => Promise<FileStoreHarness>): void {
  describe(`${name} file store (contract)`, () => {
    let harness: FileStoreHarness;
    let store: FileStore;

    beforeEach(async () => {
      harness = await createHarness();
      store = await harness.create(256 * KiB);
    });

    afterEach(async () => {
      await harness.teardown?.();
    });

    it('keeps bytes under their SHA-256 and gives them back unchanged', async () => {
      const bytes = randomBytes(100 * KiB);
      const stored = await store.put(Readable.from([bytes.subarray(0, 10), bytes.subarray(10)]), {
        contentType: 'application/pdf',
      });
      expect(stored).toEqual({ key: sha256(bytes), sha256: sha256(bytes), size: bytes.length });
      expect(await store.exists(stored.key)).toBe(true);
      const file = await store.get(stored.key);
      expect(file?.size).toBe(bytes.length);
      expect((await bytesOf(file!.stream)).equals(bytes)).toBe(true);
    });

    it('gives back an empty file', async () => {
      const stored = await store.put(Buffer.alloc(0), { contentType: 'text/plain' });
      const file = await store.get(stored.key);
      expect(file?.size).toBe(0);
      expect((await bytesOf(file!.stream)).length).toBe(0);
    });

    it('is idempotent: the same bytes stored twice give one key and one copy', async () => {
      const bytes = Buffer.from('Đơn khiếu nại về thu hồi đất');
      const first = await store.put(bytes, { contentType: 'text/plain' });
      const second = await store.put(Readable.from([bytes]), { contentType: 'text/plain' });
      expect(second).toEqual(first);
      expect(await harness.copies()).toBe(1);
    });

    it('stays consistent under concurrent uploads of the same bytes: one complete copy, no leftovers', async () => {
      const bytes = randomBytes(200 * KiB);
      const slices = (step: number) =>
        Readable.from(
          Array.from({ length: Math.ceil(bytes.length / step) }, (_, i) =>
            bytes.subarray(i * step, (i + 1) * step),
          ),
        );
      const results = await Promise.all(
        [1, 3, 7, 16, 64, 1, 3, 7, 16, 64].map((k) =>
          store.put(slices(k * KiB), { contentType: 'image/png' }),
        ),
      );
      expect(new Set(results.map((r) => r.key))).toEqual(new Set([sha256(bytes)]));
      expect(await harness.copies()).toBe(1);
      expect(await harness.partials()).toBe(0);
      expect((await bytesOf((await store.get(sha256(bytes)))!.stream)).equals(bytes)).toBe(true);
    });

    it('never shows a partial upload, and removes what it stored when the upload breaks off', async () => {
      const half = Buffer.alloc(64 * KiB, 1);
      const whole = Buffer.concat([half, half]);
      let release!: (error: Error) => void;
      const cut = new Promise<never>((_, reject) => (release = reject));
      let halfWritten!: () => void;
      const written = new Promise<void>((resolve) => (halfWritten = resolve));
      async function* source() {
        yield half;
        halfWritten();
        yield await cut;
      }
      const put = store.put(source(), { contentType: 'application/pdf' });
      await written;
      await new Promise((resolve) => setTimeout(resolve, 50));
      // The first half is stored by now, under no key.
      expect(await harness.partials()).toBeGreaterThan(0);
      expect(await store.exists(sha256(whole))).toBe(false);
      expect(await store.exists(sha256(half))).toBe(false);
      expect(await store.get(sha256(half))).toBeUndefined();

      release(new Error('client went away'));
      await expect(put).rejects.toThrow('client went away');
      expect(await harness.partials()).toBe(0);
      expect(await harness.copies()).toBe(0);
    });

    it('refuses more bytes than the limit while streaming: stops reading, keeps nothing', async () => {
      const { source, state } = counted(1000, 16 * KiB);
      expect(await errorCode(store.put(source, { contentType: 'video/mp4' }))).toBe('ATTACHMENT.TOO_LARGE');
      // 256 KiB = 16 chunks; the 17th crosses the limit and is the last one read.
      expect(state.pulled).toBe(17);
      expect(await harness.partials()).toBe(0);
      expect(await harness.copies()).toBe(0);
    });

    it('accepts exactly the limit', async () => {
      const { source } = counted(16, 16 * KiB);
      const stored = await store.put(source, { contentType: 'video/mp4' });
      expect(stored.size).toBe(256 * KiB);
    });

    it('applies a per-call limit and refuses an oversized buffer before storing anything', async () => {
      expect(await errorCode(store.put(Buffer.alloc(11), { contentType: 'text/plain', maxBytes: 10 }))).toBe(
        'ATTACHMENT.TOO_LARGE',
      );
      expect(await harness.partials()).toBe(0);
      expect(await harness.copies()).toBe(0);
    });

    it('keeps nothing when the bytes do not match the declared SHA-256, and leaves the declared copy alone', async () => {
      const original = Buffer.from('bản gốc');
      const stored = await store.put(original, { contentType: 'text/plain' });
      const other = Buffer.from('bản khác');
      expect(
        await errorCode(store.put(other, { contentType: 'text/plain', expectedSha256: stored.sha256 })),
      ).toBe('ATTACHMENT.CHECKSUM_MISMATCH');
      expect(await store.exists(sha256(other))).toBe(false);
      expect(await text((await store.get(stored.key))!.stream)).toBe('bản gốc');
      expect(await harness.copies()).toBe(1);
      expect(await harness.partials()).toBe(0);
    });

    it('stores the bytes when the declared SHA-256 is right', async () => {
      const bytes = Buffer.from('đúng');
      const stored = await store.put(bytes, { contentType: 'text/plain', expectedSha256: sha256(bytes) });
      expect(await store.exists(stored.key)).toBe(true);
    });

    it('deletes bytes for erasure; deleting a missing key does nothing', async () => {
      const stored = await store.put(randomBytes(70 * KiB), { contentType: 'application/pdf' });
      await store.delete(stored.key);
      expect(await store.exists(stored.key)).toBe(false);
      expect(await store.get(stored.key)).toBeUndefined();
      expect(await harness.copies()).toBe(0);
      await expect(store.delete(stored.key)).resolves.toBeUndefined();
    });

    it('only accepts a hex SHA-256 as key, so a key can never name anything outside the store', async () => {
      await expect(store.get('../../etc/passwd')).rejects.toThrow('invalid file store key');
      await expect(store.exists('A'.repeat(64))).rejects.toThrow('invalid file store key');
      await expect(store.delete(`${'a'.repeat(63)}/`)).rejects.toThrow('invalid file store key');
    });
  });
}
