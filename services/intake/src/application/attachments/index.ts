export { AttachmentsModule, type AttachmentsModuleOptions } from './attachments.module';
export { AttachmentsService, type UploadInput } from './attachments.service';
export { ATTACHMENT_TYPES, SNIFFED_TYPES, type AttachmentType } from './attachment-content';
export type { AttachmentUploadView, AttachmentView } from './attachments.http.controller';
export {
  FILE_STORE,
  type FileStore,
  type StoredContent,
  type StoredFile,
} from '../../infrastructure/attachments/file-store.port';
export { LocalDiskFileStore } from '../../infrastructure/attachments/local-disk.file-store';
export { PostgresFileStore } from '../../infrastructure/attachments/postgres.file-store';
