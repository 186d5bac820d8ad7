import { SUBMISSION_LIMITS } from '@tiep-dan/contracts';
import { z } from 'zod';
import { open311Error } from './open311.errors';

/**
 * The parameters of GeoReport v2 as Open311 apps send them: form fields (all strings, empty when not
 * filled in) or JSON. Names stay the spec's; unknown fields (`jurisdiction_id`, `attribute[…]`) are
 * ignored, since this server has one jurisdiction and no service attributes. Messages are Vietnamese
 * and name the Open311 field, which is all an app developer sees.
 */

const blankAsMissing = (value: unknown) =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;

const optionalText = (field: string, max: number) =>
  z.preprocess(
    blankAsMissing,
    z
      .string({ invalid_type_error: `${field} phải là chuỗi ký tự.` })
      .trim()
      .max(max, `${field} dài quá ${max} ký tự.`)
      .optional(),
  );

/** Form fields arrive as text: "21.59" becomes a number; anything else fails as "not a number". */
const optionalCoordinate = (field: string, limit: number) =>
  z.preprocess(
    (value) => {
      const present = blankAsMissing(value);
      return typeof present === 'string' && /^\s*[-+]?\d+(\.\d+)?\s*$/.test(present)
        ? Number(present)
        : present;
    },
    z
      .number({ invalid_type_error: `${field} phải là số thập phân (WGS84).` })
      .min(-limit, `${field} phải trong khoảng -${limit} đến ${limit}.`)
      .max(limit, `${field} phải trong khoảng -${limit} đến ${limit}.`)
      .optional(),
  );

const requestSchema = z.object({
  service_code: optionalText('service_code', 64),
  description: optionalText('description', SUBMISSION_LIMITS.fullText),
  lat: optionalCoordinate('lat', 90),
  long: optionalCoordinate('long', 180),
  address_string: optionalText('address_string', SUBMISSION_LIMITS.address),
  email: z.preprocess(
    blankAsMissing,
    z
      .string({ invalid_type_error: 'email phải là chuỗi ký tự.' })
      .trim()
      .max(254, 'email dài quá 254 ký tự.')
      .email('email không hợp lệ.')
      .optional(),
  ),
  first_name: optionalText('first_name', 100),
  last_name: optionalText('last_name', 100),
  phone: optionalText('phone', 30),
  media_url: z.preprocess(
    blankAsMissing,
    z
      .string({ invalid_type_error: 'media_url phải là chuỗi ký tự.' })
      .trim()
      .max(1_000, 'media_url dài quá 1000 ký tự.')
      .url('media_url phải là một địa chỉ URL.')
      .refine((url) => /^https?:\/\//i.test(url), 'media_url phải là địa chỉ http hoặc https.')
      .optional(),
  ),
  device_id: optionalText('device_id', 200),
  account_id: optionalText('account_id', 200),
});

/** A POSTed service request, checked. */
export interface Open311RequestInput {
  serviceCode: string;
  description: string;
  /** Both or neither. */
  coordinates?: { lat: number; long: number };
  addressString?: string;
  email?: string;
  firstName?: string;
  lastName?: string;
  phone?: string;
  mediaUrl?: string;
  deviceId?: string;
  accountId?: string;
}

/**
 * Checks a POST body. Per GeoReport v2 a location is required (`lat` and `long`, or
 * `address_string`); `description` is required here too, since a reflection must state its content
 * (TT 05/2021 art. 6). `address_id` is not supported (no address registry) and counts as no location.
 */
export function parseRequestInput(body: unknown): Open311RequestInput {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw open311Error('OPEN311.INVALID_REQUEST', 'Yêu cầu phải gồm các trường của GeoReport v2.');
  }
  const parsed = requestSchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw open311Error('OPEN311.INVALID_REQUEST', issue.message, 'validation', {
      field: String(issue.path[0] ?? ''),
    });
  }
  const v = parsed.data;
  if (v.service_code === undefined) {
    throw open311Error('OPEN311.INVALID_REQUEST', 'service_code là bắt buộc.', 'validation', {
      field: 'service_code',
    });
  }
  if (v.description === undefined) {
    throw open311Error(
      'OPEN311.INVALID_REQUEST',
      'description (nội dung phản ánh) là bắt buộc.',
      'validation',
      { field: 'description' },
    );
  }
  if ((v.lat === undefined) !== (v.long === undefined)) {
    throw open311Error('OPEN311.INVALID_REQUEST', 'Cần gửi cả lat và long.', 'validation', {
      field: v.lat === undefined ? 'lat' : 'long',
    });
  }
  if (v.lat === undefined && v.address_string === undefined) {
    throw open311Error(
      'OPEN311.LOCATION_REQUIRED',
      'Cần cho biết vị trí: lat và long, hoặc address_string.',
      'validation',
      { field: 'address_string' },
    );
  }
  return {
    serviceCode: v.service_code,
    description: v.description,
    ...(v.lat !== undefined && v.long !== undefined ? { coordinates: { lat: v.lat, long: v.long } } : {}),
    ...(v.address_string !== undefined ? { addressString: v.address_string } : {}),
    ...(v.email !== undefined ? { email: v.email } : {}),
    ...(v.first_name !== undefined ? { firstName: v.first_name } : {}),
    ...(v.last_name !== undefined ? { lastName: v.last_name } : {}),
    ...(v.phone !== undefined ? { phone: v.phone } : {}),
    ...(v.media_url !== undefined ? { mediaUrl: v.media_url } : {}),
    ...(v.device_id !== undefined ? { deviceId: v.device_id } : {}),
    ...(v.account_id !== undefined ? { accountId: v.account_id } : {}),
  };
}

export type Open311Status = 'open' | 'closed';

/** GET requests.json, checked. Without ids, the window is at most 90 days (GeoReport v2). */
export interface Open311ListQuery {
  ids?: string[];
  serviceCode?: string;
  start: Date;
  end: Date;
  statuses?: Open311Status[];
}

export const MAX_WINDOW_DAYS = 90;
const DAY_MS = 24 * 60 * 60 * 1000;
/** More ids than an app shows on a screen; keeps one call's work bounded. */
export const MAX_IDS = 100;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** W3C date-time with a time zone, as GeoReport v2 requires ("2025-07-01T08:00:00+07:00"). */
const W3C_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** Express hands a repeated parameter over as an array; GeoReport lists are comma-separated. */
function param(query: Record<string, unknown>, name: string): string | undefined {
  const raw = query[name];
  const value = Array.isArray(raw) ? raw.filter((v) => typeof v === 'string').join(',') : raw;
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw invalidQuery(name, `${name} không hợp lệ.`);
  return value.trim() === '' ? undefined : value.trim();
}

function list(value: string): string[] {
  return [
    ...new Set(
      value
        .split(',')
        .map((v) => v.trim())
        .filter(Boolean),
    ),
  ];
}

function invalidQuery(field: string, message: string) {
  return open311Error('OPEN311.INVALID_QUERY', message, 'validation', { field });
}

function dateParam(query: Record<string, unknown>, name: string): Date | undefined {
  const value = param(query, name);
  if (value === undefined) return undefined;
  const time = W3C_DATETIME.test(value) ? Date.parse(value) : NaN;
  if (Number.isNaN(time)) {
    throw invalidQuery(name, `${name} phải là ngày giờ W3C có múi giờ, ví dụ 2025-07-01T08:00:00+07:00.`);
  }
  return new Date(time);
}

export function parseListQuery(query: Record<string, unknown>, now: Date): Open311ListQuery {
  const idsParam = param(query, 'service_request_id');
  const ids = idsParam === undefined ? undefined : list(idsParam.toLowerCase());
  if (ids && ids.length > MAX_IDS) {
    throw invalidQuery('service_request_id', `Tối đa ${MAX_IDS} mã trong service_request_id.`);
  }
  const serviceCode = param(query, 'service_code');
  if (serviceCode !== undefined && serviceCode.length > 64) {
    throw invalidQuery('service_code', 'service_code dài quá 64 ký tự.');
  }
  const statusParam = param(query, 'status');
  const statuses = statusParam === undefined ? undefined : list(statusParam);
  if (statuses?.some((s) => s !== 'open' && s !== 'closed')) {
    throw invalidQuery('status', 'status chỉ nhận open hoặc closed.');
  }
  const startParam = dateParam(query, 'start_date');
  const endParam = dateParam(query, 'end_date');
  const end = endParam ?? (startParam ? new Date(startParam.getTime() + MAX_WINDOW_DAYS * DAY_MS) : now);
  const start = startParam ?? new Date(end.getTime() - MAX_WINDOW_DAYS * DAY_MS);
  if (start > end) throw invalidQuery('start_date', 'start_date phải trước end_date.');
  if (end.getTime() - start.getTime() > MAX_WINDOW_DAYS * DAY_MS) {
    throw invalidQuery('end_date', `Khoảng thời gian tìm kiếm tối đa ${MAX_WINDOW_DAYS} ngày.`);
  }
  return {
    // Malformed ids cannot name a request: they simply match nothing, as unknown ids do.
    ...(ids ? { ids: ids.filter((id) => UUID.test(id)) } : {}),
    ...(serviceCode !== undefined ? { serviceCode } : {}),
    start,
    end,
    ...(statuses ? { statuses: statuses as Open311Status[] } : {}),
  };
}

export function isRequestId(value: string): boolean {
  return UUID.test(value);
}
