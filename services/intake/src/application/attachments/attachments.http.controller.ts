import { Controller, Get, Param, Post, Req, Res, StreamableFile, UseFilters } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiHeader,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { DomainError, SUBMISSION_LIMITS } from '@tiep-dan/contracts';
import { CurrentUser, Roles, type AuthPrincipal, type Role } from '@tiep-dan/platform';
import type { Request, Response } from 'express';
import { attachmentErrors } from '../../infrastructure/attachments/attachment.errors';
import type { AttachmentRecord } from '../../infrastructure/attachments/attachments.table';
import { ATTACHMENT_TYPES, SNIFFED_TYPES, allowedType } from './attachment-content';
import { AttachmentErrorFilter } from './attachment-error.filter';
import {
  checkContentEncoding,
  checkDeclaredLength,
  contentDisposition,
  declaredSha256,
  fileNameFrom,
} from './attachment-headers';
import { AttachmentsService } from './attachments.service';

const UPLOADERS: Role[] = ['reception_officer', 'petition_processor', 'chairman'];
/** Those who read petitions, except police and Front supervisors: a file may identify a denouncer. */
const READERS: Role[] = [...UPLOADERS, 'unit_head', 'unit_handler'];

/** What an upload answers, and what a petition then refers to. */
export interface AttachmentUploadView {
  attachmentId: string;
  name: string;
  contentType: string;
  size: number;
  sha256: string;
}

export interface AttachmentView extends AttachmentUploadView {
  uploadedBy: string;
  uploadedAt: string;
}

/**
 * Attachments at intake. A file is uploaded first, as the raw request body (not multipart: any client
 * can stream it, and it reaches the store without being buffered), then a petition names it by
 * `attachmentId`. The app's JSON and form parsers only read their own content types, so they never
 * touch these bodies.
 */
@ApiTags('intake: attachments')
@ApiBearerAuth()
@UseFilters(AttachmentErrorFilter)
@Controller('intake/attachments')
export class AttachmentsHttpController {
  constructor(private readonly attachments: AttachmentsService) {}

  @Post()
  @Roles(...UPLOADERS)
  @ApiOperation({
    summary:
      'Upload one file (≤ 20 MiB) as the raw body. 201 with its attachmentId; the same file again by the same user under the same name and type answers 200 with the same id.',
    description: `Refused: a type outside the list (415 ATTACHMENT.UNSUPPORTED_TYPE), bytes that do not match the declared type for ${SNIFFED_TYPES.join(', ')} (415), more than 20 MiB (413 ATTACHMENT.TOO_LARGE), a missing name (400 ATTACHMENT.NAME_REQUIRED), a declared SHA-256 that differs (400 ATTACHMENT.CHECKSUM_MISMATCH). A refused upload keeps nothing.`,
  })
  @ApiConsumes(...ATTACHMENT_TYPES)
  @ApiBody({ description: 'The bytes of the file.', schema: { type: 'string', format: 'binary' } })
  @ApiHeader({
    name: 'X-File-Name',
    required: true,
    description:
      "The file name, percent-encoded UTF-8 (e.g. ho-so-%C4%91%E1%BA%A5t.pdf), or UTF-8''… (RFC 5987).",
  })
  @ApiHeader({
    name: 'X-Content-SHA256',
    required: false,
    description:
      'Hex SHA-256 of the bytes; `Digest: SHA-256=<base64>` and `Content-Digest: sha-256=:<base64>:` also work.',
  })
  async upload(
    @Req() request: Request,
    @CurrentUser() user: AuthPrincipal,
    @Res({ passthrough: true }) response: Response,
  ): Promise<AttachmentUploadView> {
    try {
      checkDeclaredLength(request.headers['content-length']);
      checkContentEncoding(request.headers['content-encoding']);
      const contentType = allowedType(request.headers['content-type']);
      const name = fileNameFrom(request.headers['x-file-name']);
      const expectedSha256 = declaredSha256(request.headers);
      const { record, created } = await this.attachments.upload({
        // Not destroyed when the store stops reading early: the request must live on to be answered.
        content: request.iterator({ destroyOnReturn: false }),
        name,
        contentType,
        ...(expectedSha256 !== undefined ? { expectedSha256 } : {}),
        uploadedBy: user.userId,
      });
      response.status(created ? 201 : 200);
      return uploadView(record);
    } catch (error) {
      if (!(error instanceof DomainError) && request.destroyed && !request.complete) {
        throw attachmentErrors.incomplete();
      }
      await readOff(request, response);
      throw error;
    }
  }

  @Get(':id')
  @Roles(...READERS)
  @ApiOperation({ summary: 'The metadata of an uploaded file.' })
  async describe(@Param('id') id: string): Promise<AttachmentView> {
    const record = await this.attachments.describe(checkId(id));
    return { ...uploadView(record), uploadedBy: record.uploadedBy, uploadedAt: record.uploadedAt };
  }

  @Get(':id/content')
  @Roles(...READERS)
  @ApiProduces(...ATTACHMENT_TYPES)
  @ApiOperation({ summary: 'The bytes of an uploaded file, as a download.' })
  async content(
    @Param('id') id: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    const { record, file } = await this.attachments.open(checkId(id));
    // A download, never a page: no type guessing, no rendering in the app's origin, no cached copy.
    response.setHeader('X-Content-Type-Options', 'nosniff');
    response.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
    response.setHeader('Cache-Control', 'private, no-store');
    return new StreamableFile(file.stream, {
      type: record.contentType,
      length: file.size,
      disposition: contentDisposition(record.name),
    });
  }
}

/** Beyond the limit, how much of a refused body is read off before the answer (see `readOff`). */
const READ_OFF_BYTES = SUBMISSION_LIMITS.attachmentBytes;

/**
 * Node stops reading a connection once its response is sent, so a client still sending a refused body
 * would stall and never see the answer. As Express's body parsers do, the rest of the body is read off
 * (and dropped) first. A body with more than READ_OFF_BYTES left is not worth it: the answer then
 * closes the connection (RFC 9110 allows it for 413), without reading when the declared length
 * already says so.
 */
async function readOff(request: Request, response: Response): Promise<void> {
  if (request.complete || request.destroyed) return;
  const declared = Number(request.headers['content-length']);
  if (declared > SUBMISSION_LIMITS.attachmentBytes + READ_OFF_BYTES) {
    response.setHeader('Connection', 'close');
    return;
  }
  await new Promise<void>((resolve) => {
    let dropped = 0;
    const done = () => {
      request.off('data', onData).off('end', done).off('close', done);
      resolve();
    };
    const onData = (chunk: Buffer) => {
      dropped += chunk.length;
      if (dropped <= READ_OFF_BYTES) return;
      request.pause();
      response.setHeader('Connection', 'close');
      done();
    };
    request.on('data', onData).once('end', done).once('close', done);
  });
}

function uploadView(record: AttachmentRecord): AttachmentUploadView {
  return {
    attachmentId: record.attachmentId,
    name: record.name,
    contentType: record.contentType,
    size: record.size,
    sha256: record.sha256,
  };
}

function checkId(id: string): string {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) {
    throw attachmentErrors.notFound();
  }
  return id.toLowerCase();
}
