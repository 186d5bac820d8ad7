/**
 * Personal data never reaches the logs. Three layers keep it out:
 * 1. request logging records method, path (no query string), route, status and duration — never bodies,
 *    query strings or headers other than the ones below;
 * 2. pino `redact` replaces the values of the keys below wherever they appear in a logged object
 *    (up to `REDACT_DEPTH` levels deep, arrays included) and the credentials headers;
 * 3. messages are fixed text: code logs ids (petition id, case id), never names or numbers of people.
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

/** Headers that carry credentials. */
const CREDENTIAL_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.cookie',
];

/** How deep below the top of a logged object the personal-data keys are found. */
export const REDACT_DEPTH = 6;

export const REDACTED = '[REDACTED]';

/** The `redact.paths` given to pino: each key at the top level and under 1..REDACT_DEPTH wildcards. */
export function redactPaths(keys: readonly string[] = PERSONAL_DATA_KEYS): string[] {
  const paths = [...CREDENTIAL_PATHS];
  for (const key of keys) {
    for (let depth = 0; depth <= REDACT_DEPTH; depth++) {
      paths.push(`${'*.'.repeat(depth)}${key}`);
    }
  }
  return paths;
}
