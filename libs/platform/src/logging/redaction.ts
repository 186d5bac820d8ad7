/**
 * Personal data never reaches the logs. Three layers keep it out:
 * 1. request logging records method, path (no query string), route, status and duration — never bodies,
 *    query strings or headers;
 * 2. every logged object passes through `redactPersonalData`, which replaces the value of each key in
 *    `PERSONAL_DATA_KEYS` at any depth, arrays and errors included; pino `redact` paths mask the same keys
 *    at the top level of child-logger bindings (bind ids, never people: nested binding values are not
 *    walked) and credential headers should a request object ever be logged;
 * 3. messages are fixed text: code logs ids (petition id, case id), never names or numbers of people,
 *    and never a database error's `detail` (PostgreSQL puts the offending row's values there).
 *
 * Why a walk for the keys and pino paths only for the headers: pino's wildcard paths reach a fixed depth
 * and cost about 70 µs per line with one path per key and depth (measured: 3.5 s per 50 000 lines), while
 * the walk reaches any depth and costs about as much as logging itself.
 */
export const PERSONAL_DATA_KEYS = [
  'fullName',
  'name',
  'citizenId',
  'idNumber',
  'phone',
  'phoneNumber',
  'address',
  'email',
  'dateOfBirth',
  'birthDate',
  'content',
  'password',
  'token',
  'secret',
] as const;

/** pino `redact.paths` for headers that carry credentials. */
export const CREDENTIAL_PATHS: readonly string[] = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.cookie',
];

export const REDACTED = '[REDACTED]';

// Deeper than any real log object; a cycle or an absurdly deep value is cut here rather than walked.
const MAX_DEPTH = 32;
const personalKeys: ReadonlySet<string> = new Set(PERSONAL_DATA_KEYS);

/**
 * A copy of `value` with the personal-data keys' values replaced by `[REDACTED]`. Copies only the
 * branches that change, so the caller's object is never modified and clean lines cost no allocation.
 */
export function redactPersonalData<T>(value: T): T {
  return scrub(value, 0) as T;
}

function scrub(value: unknown, depth: number): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (depth > MAX_DEPTH) return '[TOO DEEP]';
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    value.forEach((item: unknown, index) => {
      const clean = scrub(item, depth + 1);
      if (clean !== item) (copy ??= [...value])[index] = clean;
    });
    return copy ?? value;
  }
  if (value instanceof Date || Buffer.isBuffer(value)) return value;
  let copy: Record<string, unknown> | undefined;
  const source = value as Record<string, unknown>;
  for (const key of Object.keys(source)) {
    const current = source[key];
    const clean = personalKeys.has(key) ? REDACTED : scrub(current, depth + 1);
    if (clean !== current) (copy ??= cloneShell(value))[key] = clean;
  }
  return copy ?? value;
}

/** A shallow copy that stays an Error when it was one, so pino's error serializer still recognises it. */
function cloneShell(value: object): Record<string, unknown> {
  if (value instanceof Error) {
    const error = Object.create(Object.getPrototypeOf(value) as object) as Record<string, unknown>;
    Object.assign(error, { message: value.message, stack: value.stack }, value);
    return error;
  }
  return { ...(value as Record<string, unknown>) };
}
