import { randomUUID } from 'node:crypto';
import { mkdir, open, readdir, rename, rm, stat, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { SUBMISSION_LIMITS } from '@tiep-dan/contracts';
import {
  assertStoreKey,
  type FileStore,
  type PutOptions,
  type StoredContent,
  type StoredFile,
} from './file-store.port';
import { MeteredContent } from './metered-content';

/** Uploads in progress; under the root so that the final rename stays on one file system (atomic). */
const PARTIAL_DIR = '.partial';

export interface LocalDiskFileStoreOptions {
  /** Default limit of `put`; the per-call `maxBytes` overrides it. Default 20 MiB. */
  maxBytes?: number;
  /** `init` removes leftovers of uploads cut by a crash once they are this old. Default one day. */
  staleAfterMs?: number;
}

/**
 * Attachment bytes on a local disk, at `<root>/<first two hex digits>/<sha256>`. A put streams into a
 * private file under `<root>/.partial/`, hashing and counting as it goes, fsyncs it and only then
 * renames it into place, so a final name only ever holds complete bytes, even after a crash. Two
 * concurrent puts of the same bytes each write their own partial file; both end with the same
 * complete file (a rename replaces atomically), and the second finds it and drops its own.
 *
 * Files are private to the service user (0600, directories 0700): attachments may identify a denouncer.
 */
export class LocalDiskFileStore implements FileStore {
  private readonly maxBytes: number;
  private readonly staleAfterMs: number;

  constructor(
    private readonly root: string,
    options: LocalDiskFileStoreOptions = {},
  ) {
    this.maxBytes = options.maxBytes ?? SUBMISSION_LIMITS.attachmentBytes;
    this.staleAfterMs = options.staleAfterMs ?? 24 * 60 * 60 * 1000;
  }

  /** Creates the directories and removes partial files that a crash left behind. */
  async init(): Promise<void> {
    const partials = join(this.root, PARTIAL_DIR);
    await mkdir(partials, { recursive: true, mode: 0o700 });
    const cutoff = Date.now() - this.staleAfterMs;
    for (const name of await readdir(partials)) {
      const path = join(partials, name);
      const info = await stat(path).catch(() => undefined);
      if (info && info.mtimeMs < cutoff) await rm(path, { force: true });
    }
  }

  async put(content: Buffer | AsyncIterable<Uint8Array>, options: PutOptions): Promise<StoredContent> {
    const metered = new MeteredContent(content, options.maxBytes ?? this.maxBytes);
    const partials = join(this.root, PARTIAL_DIR);
    await mkdir(partials, { recursive: true, mode: 0o700 });
    const partial = join(partials, `${randomUUID()}.part`);
    const file = await open(partial, 'wx', 0o600);
    try {
      for await (const chunk of metered.chunks()) await writeAll(file, chunk);
      await file.sync();
    } catch (error) {
      await file.close();
      await rm(partial, { force: true });
      throw error;
    }
    await file.close();

    try {
      const { sha256, size } = metered.finish(options.expectedSha256);
      await this.commit(partial, sha256, size);
      return { key: sha256, sha256, size };
    } catch (error) {
      await rm(partial, { force: true });
      throw error;
    }
  }

  async get(key: string): Promise<StoredFile | undefined> {
    let file: FileHandle;
    try {
      file = await open(this.pathOf(key), 'r');
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
    // Opened before measuring: a concurrent delete cannot cut the stream short.
    const { size } = await file.stat();
    return { stream: file.createReadStream({ autoClose: true }), size };
  }

  async exists(key: string): Promise<boolean> {
    try {
      await stat(this.pathOf(key));
      return true;
    } catch (error) {
      if (isMissing(error)) return false;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
    await syncDirectory(this.shardOf(key));
  }

  private async commit(partial: string, sha256: string, size: number): Promise<void> {
    const shard = this.shardOf(sha256);
    const target = this.pathOf(sha256);
    const existing = await stat(target).catch((error: unknown) => {
      if (isMissing(error)) return undefined;
      throw error;
    });
    // The same bytes are already there: keep the one copy. (A file of another size under this name can
    // only be damage; the fresh copy replaces it.)
    if (existing?.size === size) {
      await rm(partial, { force: true });
      return;
    }
    const created = await mkdir(shard, { recursive: true, mode: 0o700 });
    await rename(partial, target);
    // Makes the rename (and a new shard directory) survive a power cut, not only a process crash.
    await syncDirectory(shard);
    if (created !== undefined) await syncDirectory(this.root);
  }

  private shardOf(key: string): string {
    assertStoreKey(key);
    return join(this.root, key.slice(0, 2));
  }

  private pathOf(key: string): string {
    return join(this.shardOf(key), key);
  }
}

async function writeAll(file: FileHandle, chunk: Uint8Array): Promise<void> {
  let offset = 0;
  while (offset < chunk.length) {
    const { bytesWritten } = await file.write(chunk, offset, chunk.length - offset);
    offset += bytesWritten;
  }
}

async function syncDirectory(path: string): Promise<void> {
  let directory: FileHandle;
  try {
    directory = await open(path, 'r');
  } catch (error) {
    if (isMissing(error)) return;
    throw error;
  }
  try {
    await directory.sync();
  } finally {
    await directory.close();
  }
}

function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';
}
