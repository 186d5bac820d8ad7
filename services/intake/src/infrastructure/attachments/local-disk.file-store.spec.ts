import { mkdtemp, readdir, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { fileStoreContract, KiB, sha256 } from '../../../test/file-store.contract';
import { LocalDiskFileStore } from './local-disk.file-store';

/** Every file under the root, relative, partial uploads included. */
async function filesUnder(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(root.length + 1))
    .sort();
}

fileStoreContract('LocalDiskFileStore', async () => {
  const root = await mkdtemp(join(tmpdir(), 'attachments-'));
  return {
    create: async (maxBytes) => {
      const store = new LocalDiskFileStore(root, { maxBytes });
      await store.init();
      return store;
    },
    copies: async () => (await filesUnder(root)).filter((f) => !f.startsWith('.partial/')).length,
    partials: async () => (await filesUnder(root)).filter((f) => f.startsWith('.partial/')).length,
    teardown: () => rm(root, { recursive: true, force: true }),
  };
});

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

  it('keeps bytes at <root>/<aa>/<sha256>', async () => {
    const bytes = Buffer.from('Biên bản tiếp công dân');
    const stored = await store.put(Readable.from([bytes]), { contentType: 'text/plain' });
    expect(await filesUnder(root)).toEqual([join(stored.key.slice(0, 2), stored.key)]);
    expect(stored.key).toBe(sha256(bytes));
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
