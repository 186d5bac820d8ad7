import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * An Open311 application allowed to submit reflections. `id` names the application in records and in
 * the idempotency scope; `key` is the secret it sends as `api_key` and is never stored with a petition.
 */
export interface Open311ApiKey {
  id: string;
  key: string;
}

/** DI token of the allowed applications (`readonly Open311ApiKey[]`). */
export const OPEN311_API_KEYS = Symbol('OPEN311_API_KEYS');

/** Ids end up in petition references and idempotency scopes: no separators, no spaces. */
const KEY_ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,39}$/;
/** Long enough that guessing is hopeless; keys are generated, not chosen by people. */
const MIN_KEY_LENGTH = 24;

/**
 * Reads keys from configuration text `id:key,id2:key2` (for example the `OPEN311_API_KEYS`
 * environment variable). An empty or missing value allows no application. Throws on a malformed,
 * short or repeated entry, so that a typo stops the service at start instead of locking apps out.
 */
export function parseOpen311ApiKeys(value: string | undefined): Open311ApiKey[] {
  const entries = (value ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  const keys = entries.map((entry, index) => {
    const separator = entry.indexOf(':');
    const id = separator > 0 ? entry.slice(0, separator) : '';
    const key = separator > 0 ? entry.slice(separator + 1) : '';
    if (!KEY_ID_PATTERN.test(id)) {
      throw new Error(
        `Open311 API key #${index + 1}: expected "id:key" with a lower-case id (a-z, 0-9, -, at most 40)`,
      );
    }
    if (key.length < MIN_KEY_LENGTH || /\s/.test(key)) {
      throw new Error(
        `Open311 API key "${id}": the key needs at least ${MIN_KEY_LENGTH} characters and no spaces`,
      );
    }
    return { id, key };
  });
  return checkUnique(keys);
}

function checkUnique(keys: Open311ApiKey[]): Open311ApiKey[] {
  const ids = new Set<string>();
  const secrets = new Set<string>();
  for (const { id, key } of keys) {
    if (ids.has(id)) throw new Error(`Open311 API key id "${id}" is listed twice`);
    if (secrets.has(key)) throw new Error(`Open311 API key "${id}" reuses another application's key`);
    ids.add(id);
    secrets.add(key);
  }
  return keys;
}

/** Checks presented keys in constant time and derives per-application pseudonyms. */
export class Open311ApiKeyring {
  private readonly keys: { id: string; key: string; digest: Buffer }[];

  constructor(keys: readonly Open311ApiKey[]) {
    this.keys = checkUnique(
      keys.map((k) => {
        if (!KEY_ID_PATTERN.test(k.id) || k.key.length < MIN_KEY_LENGTH) {
          throw new Error(`Open311 API key "${k.id}" is malformed (see parseOpen311ApiKeys)`);
        }
        return { ...k };
      }),
    ).map((k) => ({ ...k, digest: sha256(k.key) }));
  }

  /**
   * The id of the application whose key this is, or undefined. Digests have a fixed length, so
   * `timingSafeEqual` applies whatever was sent, and every key is compared, so the time taken does not
   * tell which key came close.
   */
  identify(presented: unknown): string | undefined {
    if (typeof presented !== 'string' || presented.length === 0 || presented.length > 1_000) return undefined;
    const digest = sha256(presented);
    let match: string | undefined;
    for (const key of this.keys) {
      if (timingSafeEqual(digest, key.digest) && match === undefined) match = key.id;
    }
    return match;
  }

  /**
   * A stable pseudonym of a client-side identifier (device or account id), keyed with the
   * application's secret: the same device gets the same pseudonym, but nobody without the key can
   * test a guessed device or account id against stored references.
   */
  pseudonym(keyId: string, kind: string, value: string): string {
    const key = this.keys.find((k) => k.id === keyId);
    if (!key) throw new Error(`unknown Open311 application "${keyId}"`);
    return createHmac('sha256', key.key).update(`${kind}:${value}`, 'utf8').digest('hex').slice(0, 16);
  }
}

function sha256(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}
