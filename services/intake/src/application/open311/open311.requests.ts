import { matterResolvedSql } from '../../infrastructure/resolutions/case-outcomes.store';
import { DomainError } from '@tiep-dan/contracts';
import type { Pool } from 'pg';
import type { CommuneDirectory } from '../../commune/commune.directory';
import type { PetitionEvent } from '../../domain/petition/petition.events';
import type { PetitionState } from '../../domain/petition/petition.state';
import { localDateIn as localDate } from '@tiep-dan/platform/calendar';
import type { PetitionsService } from '../petitions/petitions.service';
import type { Open311ApiKeyring } from './open311.api-keys';
import type { Open311Catalogue } from './open311.catalogue';
import {
  isRequestId,
  parseRequestInput,
  type Open311ListQuery,
  type Open311RequestInput,
  type Open311Status,
} from './open311.dto';
import { open311Error, requestNotFound } from './open311.errors';
import {
  OPEN311_SOURCE_SYSTEM,
  serviceCodeOf,
  toPetitionSubmission,
  type SubmissionContext,
} from './open311.submission';

/** The answer to a POST (GeoReport v2): the id is immediate, so no token. */
export interface Open311Created {
  service_request_id: string;
  service_notice: string;
  account_id: null;
}

/**
 * A service request as anyone may read it. GET requests needs no key, so it carries no citizen text
 * and no place (description, address, coordinates, media are always null): a reflection names people
 * and places in the commune, and its writer chose to send it to the committee, not to publish it.
 */
export interface Open311RequestView {
  service_request_id: string;
  status: Open311Status;
  status_notes: string;
  service_name: string | null;
  service_code: string | null;
  description: null;
  agency_responsible: string | null;
  service_notice: string;
  requested_datetime: string;
  updated_datetime: string;
  expected_datetime: null;
  address: null;
  address_id: null;
  zipcode: null;
  lat: null;
  long: null;
  media_url: null;
}

export interface Open311RequestsOptions {
  petitions: PetitionsService;
  catalogue: Open311Catalogue;
  keyring: Open311ApiKeyring;
  directory: CommuneDirectory;
  /** Pool on the intake database, to read the petition list projection. */
  pool: Pool;
  /** Intake's schema (`intake`): the list reads `"<schema>".petition_search`. */
  schema: string;
  /** The commune's time zone: the date a request is received on. */
  timeZone: string;
}

/** The most requests one GET requests.json returns (GeoReport v2). */
export const MAX_LIST_SIZE = 1_000;
/** Streams read at once when building a list, so that a long list does not take every connection. */
const READ_CONCURRENCY = 8;

const STATUS_NOTES: Record<PetitionState['status'], string> = {
  received: 'Đã tiếp nhận, đang chờ xử lý.',
  processing: 'Đang xem xét, xử lý.',
  withdrawn: 'Phản ánh đã được rút.',
  split: 'Phản ánh có nhiều nội dung, đã được tách để xử lý riêng từng nội dung.',
};
/** A reflection whose case the commune closed (routing's CaseClosed, as intake learned it). */
const RESOLVED_NOTE = 'Phản ánh đã được giải quyết xong.';

/**
 * Open311 GeoReport v2 over intake's petitions. Submitting goes through PetitionsService.submit like
 * every other channel (same validation, idempotency and duplicate detection); reading shows only
 * petitions that came in through Open311, so staff records (a denunciation above all) never appear.
 */
export class Open311Requests {
  private readonly table: string;

  constructor(private readonly options: Open311RequestsOptions) {
    if (!/^[a-z_][a-z0-9_]{0,62}$/.test(options.schema)) {
      throw new Error(`invalid schema name: ${JSON.stringify(options.schema)}`);
    }
    this.table = `"${options.schema}".petition_search`;
  }

  /**
   * Records a request as a reflection. With an `Idempotency-Key`, a retry of the same request returns
   * the same id (`created: false`); without one, every POST is a new request.
   */
  async submit(
    body: unknown,
    idempotencyKey: string | undefined,
  ): Promise<{ created: boolean; answer: Open311Created[] }> {
    const apiKey =
      body !== null && typeof body === 'object' ? (body as Record<string, unknown>).api_key : undefined;
    const keyId = this.options.keyring.identify(apiKey);
    if (keyId === undefined) {
      throw open311Error(
        'OPEN311.INVALID_API_KEY',
        'api_key không hợp lệ hoặc chưa được cung cấp.',
        'forbidden',
      );
    }
    if (idempotencyKey !== undefined && (idempotencyKey.length === 0 || idempotencyKey.length > 200)) {
      throw new DomainError('IDEMPOTENCY.INVALID_KEY', 'Idempotency-Key phải có từ 1 đến 200 ký tự.');
    }
    const input = parseRequestInput(body);
    const service = this.options.catalogue.find(input.serviceCode);
    if (!service) {
      throw open311Error(
        'OPEN311.UNKNOWN_SERVICE',
        `Không có dịch vụ "${input.serviceCode}"; xem danh sách tại services.json.`,
        'not_found',
        { field: 'service_code' },
      );
    }
    const now = new Date();
    const client = this.client(keyId, input);
    const hamletCode = this.hamletOf(input.addressString);
    const context: SubmissionContext = {
      today: localDate(now, this.options.timeZone),
      keyId,
      service,
      ...(hamletCode ? { hamletCode } : {}),
      ...(client ? { client } : {}),
    };
    const actor = `open311:${keyId}`;
    const result = await this.options.petitions.submit(toPetitionSubmission(input, context), {
      actor: { userId: actor, username: actor, roles: [] },
      now,
      today: context.today,
      ...(idempotencyKey !== undefined ? { idempotency: { scope: actor, key: idempotencyKey } } : {}),
    });
    const anonymous = result.state.received.petitioners.anonymous;
    return {
      created: result.created,
      answer: [
        {
          service_request_id: result.petitionId,
          service_notice: this.receivedNotice(result.petitionId, anonymous),
          account_id: null,
        },
      ],
    };
  }

  async find(id: string): Promise<Open311RequestView> {
    const view = await this.tryFind(id);
    if (!view) throw requestNotFound();
    return view;
  }

  /**
   * Requests by ids (which override every other parameter, per GeoReport v2), else those received in
   * the window, newest first, filtered by status and service. At most MAX_LIST_SIZE are read from the
   * projection before the service filter, which needs each petition's stream.
   */
  async list(query: Open311ListQuery): Promise<Open311RequestView[]> {
    if (query.ids) {
      const views = await this.findMany(query.ids);
      return views.filter((view): view is Open311RequestView => view !== undefined);
    }
    const values: unknown[] = [OPEN311_SOURCE_SYSTEM, query.start.toISOString(), query.end.toISOString()];
    const statuses = query.statuses ?? [];
    // Open311's "closed" is a withdrawn or resolved reflection; an empty or full list filters nothing.
    const closed = `(status = 'withdrawn' OR ${matterResolvedSql(this.options.schema, 'ps')})`;
    const statusClause =
      statuses.length === 1 ? (statuses[0] === 'closed' ? `AND ${closed}` : `AND NOT ${closed}`) : '';
    const rows = await this.options.pool.query<{ petition_id: string }>(
      `SELECT petition_id FROM ${this.table} ps
       WHERE source_system = $1 AND kind = 'reflection' AND channel = 'online'
         AND recorded_at >= $2 AND recorded_at <= $3 ${statusClause}
       ORDER BY recorded_at DESC, petition_id
       LIMIT ${MAX_LIST_SIZE}`,
      values,
    );
    const views = await this.findMany(rows.rows.map((r) => r.petition_id));
    return views.filter(
      (view): view is Open311RequestView =>
        view !== undefined &&
        (query.serviceCode === undefined || view.service_code === query.serviceCode) &&
        (statuses.length === 0 || statuses.includes(view.status)),
    );
  }

  /** Several requests: the resolutions of all in one statement, the streams a few at a time. */
  private async findMany(ids: readonly string[]): Promise<(Open311RequestView | undefined)[]> {
    const resolved = await this.resolvedAmong(ids.filter(isRequestId).map((id) => id.toLowerCase()));
    return inBatches(ids, READ_CONCURRENCY, (id) => this.tryFind(id, resolved));
  }

  private async tryFind(id: string, resolved?: ReadonlySet<string>): Promise<Open311RequestView | undefined> {
    if (!isRequestId(id)) return undefined;
    const petitionId = id.toLowerCase();
    const [loaded, resolvedNow] = await Promise.all([
      this.options.petitions.repository.load(petitionId),
      resolved ?? this.resolvedAmong([petitionId]),
    ]);
    return loaded.state ? this.view(loaded.state, loaded.events, resolvedNow.has(petitionId)) : undefined;
  }

  /** Those of the petitions whose case routing closed (or the case of the one each repeats). */
  private async resolvedAmong(petitionIds: readonly string[]): Promise<ReadonlySet<string>> {
    if (petitionIds.length === 0) return new Set();
    const result = await this.options.pool.query<{ petition_id: string }>(
      `SELECT ps.petition_id FROM ${this.table} ps
       WHERE ps.petition_id = ANY($1::uuid[]) AND ${matterResolvedSql(this.options.schema, 'ps')}`,
      [petitionIds],
    );
    return new Set(result.rows.map((r) => r.petition_id));
  }

  private view(
    state: PetitionState,
    events: PetitionEvent[],
    resolved: boolean,
  ): Open311RequestView | undefined {
    const { current } = state;
    if (
      current.source?.system !== OPEN311_SOURCE_SYSTEM ||
      current.kind !== 'reflection' ||
      current.channel !== 'online'
    ) {
      return undefined;
    }
    const serviceCode = serviceCodeOf(current.source.reference) ?? null;
    const entry = serviceCode ? this.options.catalogue.find(serviceCode) : undefined;
    return {
      service_request_id: state.petitionId,
      status: state.status === 'withdrawn' || resolved ? 'closed' : 'open',
      status_notes: resolved && state.status !== 'withdrawn' ? RESOLVED_NOTE : STATUS_NOTES[state.status],
      service_name: entry?.service.service_name ?? null,
      service_code: serviceCode,
      description: null,
      agency_responsible: entry?.agency ?? null,
      service_notice: `Phản ánh trực tuyến gửi ${this.options.catalogue.committeeName}; kết quả xử lý được thông báo theo quy định.`,
      requested_datetime: current.recordedAt,
      updated_datetime: lastChange(events) ?? current.recordedAt,
      expected_datetime: null,
      address: null,
      address_id: null,
      zipcode: null,
      lat: null,
      long: null,
      media_url: null,
    };
  }

  private receivedNotice(petitionId: string, anonymous: boolean): string {
    const received = `${this.options.catalogue.committeeName} đã tiếp nhận phản ánh của bạn, mã ${petitionId}. Kết quả xử lý sẽ được thông báo theo quy định.`;
    return anonymous
      ? `${received} Phản ánh không ghi họ tên là phản ánh nặc danh và có thể không được xử lý (Thông tư 05/2021/TT-TTCP).`
      : received;
  }

  /** The account if the app sent one (it names the person), else the device. */
  private client(keyId: string, input: Open311RequestInput): SubmissionContext['client'] {
    if (input.accountId) {
      return {
        kind: 'account',
        pseudonym: this.options.keyring.pseudonym(keyId, 'account', input.accountId),
      };
    }
    if (input.deviceId) {
      return { kind: 'device', pseudonym: this.options.keyring.pseudonym(keyId, 'device', input.deviceId) };
    }
    return undefined;
  }

  /** "Thôn Ba, xã Phượng Tiến" → thon-3: the first comma-separated part that names a hamlet. */
  private hamletOf(addressString: string | undefined): string | undefined {
    for (const part of (addressString ?? '').split(/[,;]/)) {
      const hamlet = part.trim() === '' ? undefined : this.options.directory.hamlet(part.trim());
      if (hamlet) return hamlet.code;
    }
    return undefined;
  }
}

/** When the petition last changed in a way its sender cares about (not a reveal or an erasure). */
function lastChange(events: readonly PetitionEvent[]): string | undefined {
  let last: string | undefined;
  for (const event of events) {
    const at =
      event.type === 'PetitionReceived'
        ? event.data.recordedAt
        : event.type === 'PetitionAmended'
          ? event.data.amendedAt
          : event.type === 'PetitionProcessingStarted'
            ? event.data.startedAt
            : event.type === 'PetitionWithdrawn'
              ? event.data.withdrawnAt
              : undefined;
    if (at !== undefined && (last === undefined || at > last)) last = at;
  }
  return last;
}

async function inBatches<T, R>(items: readonly T[], size: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let i = 0; i < items.length; i += size) {
    results.push(...(await Promise.all(items.slice(i, i + size).map(fn))));
  }
  return results;
}
