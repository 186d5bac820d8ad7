import { Module, type DynamicModule } from '@nestjs/common';
import type { Pool } from 'pg';
import { AttachmentsTable } from '../../infrastructure/attachments/attachments.table';
import { FILE_STORE, type FileStore } from '../../infrastructure/attachments/file-store.port';
import { LocalDiskFileStore } from '../../infrastructure/attachments/local-disk.file-store';
import { PostgresFileStore } from '../../infrastructure/attachments/postgres.file-store';
import { AttachmentsHttpController } from './attachments.http.controller';
import { AttachmentsService } from './attachments.service';

interface CommonOptions {
  /** Pool on the intake database; the `attachments` table goes in `schema` (created on start). */
  pool: Pool;
  schema: string;
  /** Defaults to the system clock. */
  clock?: () => Date;
}

/**
 * Where the bytes go: a directory (`<DATA_DIR>/attachments` by default), intake's schema in PostgreSQL
 * (`ATTACHMENT_STORE=postgres`: processes on several hosts share it), or any other adapter of the
 * FileStore port that keeps its contract (an object store).
 */
export type AttachmentsModuleOptions = CommonOptions &
  (
    | { rootDir: string; store?: never; fileStore?: never }
    | { store: 'postgres'; rootDir?: never; fileStore?: never }
    | { fileStore: FileStore; rootDir?: never; store?: never }
  );

/**
 * Attachments of intake: `intake/attachments` endpoints, the `attachments` table and the file store.
 * Exports `AttachmentsService` (for `resolveForPetition`) and `FILE_STORE`. Relies on AuthModule's
 * global guard for `@Roles`.
 */
@Module({})
export class AttachmentsModule {
  static register(options: AttachmentsModuleOptions): DynamicModule {
    return {
      module: AttachmentsModule,
      controllers: [AttachmentsHttpController],
      providers: [
        {
          provide: FILE_STORE,
          useFactory: async (): Promise<FileStore> => {
            if (options.fileStore) return options.fileStore;
            const store =
              options.store === 'postgres'
                ? new PostgresFileStore(options.pool, options.schema)
                : new LocalDiskFileStore(options.rootDir);
            await store.init();
            return store;
          },
        },
        {
          provide: AttachmentsTable,
          useFactory: async () => {
            const table = new AttachmentsTable(options.pool, options.schema);
            await table.migrate();
            return table;
          },
        },
        {
          provide: AttachmentsService,
          inject: [FILE_STORE, AttachmentsTable],
          useFactory: (store: FileStore, table: AttachmentsTable) =>
            new AttachmentsService(store, table, options.clock),
        },
      ],
      exports: [AttachmentsService, FILE_STORE],
    };
  }
}
