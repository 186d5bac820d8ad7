import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { DomainError } from '@tiep-dan/contracts';
import { LocalDiskFileStore } from './local-disk.file-store';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const KiB = 1024;

/** Every file under the root, relative, partial uploads included. */
async function filesUnder(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(root.length + 1))
    .sort();
}

/** A source that yields `chunks` chunks of `chunkSize` bytes and counts how many were pulled. */
function counted(chunks: number, chunkSize: number, fill = 7) {
  const state = { pulled: 0 };
  async function* source() {
    for (let i = 0; i < chunks; i++) {
      state.pulled++;
      yield Buffer.alloc(chunkSize, fill);
    }
  }
  return { source: source(), state };
}

async function errorCode(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof DomainError)) throw new Error(`expected a DomainError, got ${String(error)}`);
  return error.code;
}

describe('LocalDiskFileStore', () => {
  let root: string;
  let store: LocalDiskFileStore;

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'attachments-'));
    store = new LocalDiskFileStore(root, { maxBytes: 256 * KiB });
    await store.init();
  });

  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('keeps bytes under their SHA-256 at <root>/<aa>/<sha256> and gives them back unchanged', async () => {
    const bytes = randomBytes(100 * KiB);
    const stored = await store.put(Readable.from([bytes.subarray(0, 10), bytes.subarray(10)]), {
      contentType: 'application/pdf',
    });
    expect(stored).toEqual({ key: sha256(bytes), sha256: sha256(bytes), size: bytes.length });
    expect(await filesUnder(root)).toEqual([join(stored.key.slice(0, 2), stored.key)]);
    const file = await store.get(stored.key);
    expect(file?.size).toBe(bytes.length);
    const chunks: Buffer[] = [];
    for await (const chunk of file!.stream) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).equals(bytes)).toBe(true);
  });

  it('is idempotent: the same bytes stored twice give one key and one file', async () => {
    const bytes = Buffer.from('Đơn khiếu nại về thu hồi đất');
    const first = await store.put(bytes, { contentType: 'text/plain' });
    const second = await store.put(Readable.from([bytes]), { contentType: 'text/plain' });
    expect(second).toEqual(first);
    expect(await filesUnder(root)).toHaveLength(1);
  });

  it('stays consistent under concurrent uploads of the same bytes: one complete file, no leftovers', async () => {
    const bytes = randomBytes(200 * KiB);
    const slices = (step: number) =>
      Readable.from(
        Array.from({ length: Math.ceil(bytes.length / step) }, (_, i) =>
          bytes.subarray(i * step, (i + 1) * step),
        ),
      );
    const results = await Promise.all(
      [1, 3, 7, 16, 64, 1, 3, 7, 16, 64].map((k) => store.put(slices(k * KiB), { contentType: 'image/png' })),
    );
    expect(new Set(results.map((r) => r.key))).toEqual(new Set([sha256(bytes)]));
    expect(await filesUnder(root)).toEqual([join(sha256(bytes).slice(0, 2), sha256(bytes))]);
    expect((await readFile(join(root, sha256(bytes).slice(0, 2), sha256(bytes)))).equals(bytes)).toBe(true);
  });

  it('never shows a partial upload, and removes it when the upload breaks off', async () => {
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
    // The first half is on disk by now, only under .partial.
    expect(await store.exists(sha256(whole))).toBe(false);
    expect(await store.exists(sha256(half))).toBe(false);
    expect(await store.get(sha256(half))).toBeUndefined();
    expect(await filesUnder(root)).toEqual([expect.stringMatching(/^\.partial\/[^/]+\.part$/)]);

    release(new Error('client went away'));
    await expect(put).rejects.toThrow('client went away');
    expect(await filesUnder(root)).toEqual([]);
  });

  it('refuses more bytes than the limit while streaming: stops reading, keeps nothing', async () => {
    const { source, state } = counted(1000, 16 * KiB);
    expect(await errorCode(store.put(source, { contentType: 'video/mp4' }))).toBe('ATTACHMENT.TOO_LARGE');
    // 256 KiB = 16 chunks; the 17th crosses the limit and is the last one read.
    expect(state.pulled).toBe(17);
    expect(await filesUnder(root)).toEqual([]);
  });

  it('accepts exactly the limit', async () => {
    const { source } = counted(16, 16 * KiB);
    const stored = await store.put(source, { contentType: 'video/mp4' });
    expect(stored.size).toBe(256 * KiB);
  });

  it('applies a per-call limit and refuses an oversized buffer before writing anything', async () => {
    expect(await errorCode(store.put(Buffer.alloc(11), { contentType: 'text/plain', maxBytes: 10 }))).toBe(
      'ATTACHMENT.TOO_LARGE',
    );
    expect(await filesUnder(root)).toEqual([]);
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
    expect(await filesUnder(root)).toHaveLength(1);
  });

  it('stores the bytes when the declared SHA-256 is right', async () => {
    const bytes = Buffer.from('đúng');
    const stored = await store.put(bytes, { contentType: 'text/plain', expectedSha256: sha256(bytes) });
    expect(await store.exists(stored.key)).toBe(true);
  });

  it('deletes bytes for erasure; deleting a missing key does nothing', async () => {
    const stored = await store.put(Buffer.from('xóa tôi'), { contentType: 'text/plain' });
    await store.delete(stored.key);
    expect(await store.exists(stored.key)).toBe(false);
    expect(await store.get(stored.key)).toBeUndefined();
    await expect(store.delete(stored.key)).resolves.toBeUndefined();
  });

  it('only accepts a hex SHA-256 as key, so a key can never name a path outside the store', async () => {
    await expect(store.get('../../etc/passwd')).rejects.toThrow('invalid file store key');
    await expect(store.exists('A'.repeat(64))).rejects.toThrow('invalid file store key');
    await expect(store.delete(`${'a'.repeat(63)}/`)).rejects.toThrow('invalid file store key');
  });

  it('removes partial files left by a crash once they are stale, and only those', async () => {
    const stale = join(root, '.partial', 'crashed.part');
    const fresh = join(root, '.partial', 'in-progress.part');
    await writeFile(stale, 'half');
    await writeFile(fresh, 'half');
    const twoDaysAgo = new Date(Date.now() - 2 * 24 * 60 * 60 * 1000);
    await utimes(stale, twoDaysAgo, twoDaysAgo);
    await store.init();
    await expect(stat(stale)).rejects.toMatchObject({ code: 'ENOENT' });
    await expect(stat(fresh)).resolves.toBeDefined();
  });

  it('keeps files private to the service user', async () => {
    const stored = await store.put(Buffer.from('tố cáo'), { contentType: 'text/plain' });
    const mode = (await stat(join(root, stored.key.slice(0, 2), stored.key))).mode & 0o777;
    expect(mode & 0o077).toBe(0);
  });
});
