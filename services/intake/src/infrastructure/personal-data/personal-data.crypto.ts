import { createCipheriv, createDecipheriv, createHmac, hkdfSync } from 'node:crypto';
import { pooledRandomBytes } from './random-pool';
import { DomainError } from '@tiep-dan/contracts';
import type { ProtectedData } from '../../domain/petition/petition.events';
import { MASTER_KEY_BYTES } from './master-key';
import { PERSONAL_DATA_ERRORS, PersonalDataKeyError, tamperedError } from './personal-data.errors';

export const ALGORITHM = 'A256GCM';
export const DATA_KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** Personal data as events store it: JSON of base64 strings, readable only with the person's key. */
export interface EncryptedPersonalData extends ProtectedData {
  alg: typeof ALGORITHM;
}

export type PersonalFields = Record<string, string>;

/**
 * Keys derived from the master key with HKDF, one per purpose: the master key itself never touches
 * data, and a pseudonym can never be mistaken for (or turned into) a match key.
 */
export interface VaultKeys {
  wrap: Buffer;
  pseudonym: Buffer;
  match: Buffer;
}

const HKDF_SALT = 'tiep-dan/personal-data';

export function deriveVaultKeys(masterKey: Buffer): VaultKeys {
  if (masterKey.length !== MASTER_KEY_BYTES)
    throw new Error(
      `the personal-data master key must be ${MASTER_KEY_BYTES} bytes, got ${masterKey.length}`,
    );
  const derive = (info: string) => Buffer.from(hkdfSync('sha256', masterKey, HKDF_SALT, info, 32));
  return { wrap: derive('key-wrap/v1'), pseudonym: derive('pseudonym/v1'), match: derive('match-key/v1') };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Person ids are UUIDs, compared in lower case: the authenticated data, the pseudonym and the key row
 * must not depend on how a caller spelt the id.
 */
export function canonicalPersonId(personId: string): string {
  const id = typeof personId === 'string' ? personId.trim().toLowerCase() : '';
  if (!UUID.test(id))
    throw new DomainError(PERSONAL_DATA_ERRORS.INVALID_PERSON_ID, 'a person id must be a UUID', 'validation');
  return id;
}

// The key row's authenticated data binds a wrapped key to its person: a key copied onto another row
// does not unwrap.
function wrapAad(personId: string, keyVersion: number): Buffer {
  return Buffer.from(`tiep-dan/person-key:${personId}:${keyVersion}`, 'utf8');
}

/** `iv ‖ tag ‖ ciphertext` of the data key under the wrap key (AES-256-GCM). */
export function wrapDataKey(wrapKey: Buffer, personId: string, keyVersion: number, dataKey: Buffer): Buffer {
  const iv = pooledRandomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', wrapKey, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(wrapAad(personId, keyVersion));
  const ciphertext = Buffer.concat([cipher.update(dataKey), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), ciphertext]);
}

export function unwrapDataKey(
  wrapKey: Buffer,
  personId: string,
  keyVersion: number,
  wrapped: Buffer,
): Buffer {
  try {
    const decipher = createDecipheriv('aes-256-gcm', wrapKey, wrapped.subarray(0, IV_BYTES), {
      authTagLength: TAG_BYTES,
    });
    decipher.setAAD(wrapAad(personId, keyVersion));
    decipher.setAuthTag(wrapped.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    const key = Buffer.concat([decipher.update(wrapped.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
    if (key.length !== DATA_KEY_BYTES) throw new Error('wrong data key length');
    return key;
  } catch {
    throw new PersonalDataKeyError(personId);
  }
}

/**
 * Encrypts the defined fields as JSON under the person's key. The person id is authenticated data, so
 * a blob copied into another person's record fails to decrypt instead of revealing someone else.
 */
export function sealFields(
  dataKey: Buffer,
  personId: string,
  keyVersion: number,
  fields: Record<string, string | undefined>,
): EncryptedPersonalData {
  const defined: PersonalFields = {};
  for (const [name, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    if (typeof value !== 'string')
      throw new DomainError(
        PERSONAL_DATA_ERRORS.INVALID_FIELD,
        `personal-data field "${name}" must be a string`,
      );
    defined[name] = value;
  }
  const iv = pooledRandomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', dataKey, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(personId, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(JSON.stringify(defined), 'utf8'), cipher.final()]);
  return {
    personId,
    alg: ALGORITHM,
    keyVersion,
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    ciphertext: ciphertext.toString('base64'),
  };
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** An envelope as read from an event (untrusted JSON), checked before any key is looked up. */
export function checkEnvelope(data: ProtectedData): ProtectedData {
  if (!data || typeof data !== 'object') throw tamperedError('unknown', 'not an object');
  const personId = canonicalEnvelopePersonId(data.personId);
  if (data.alg !== ALGORITHM) throw tamperedError(personId, `unsupported algorithm ${String(data.alg)}`);
  if (!Number.isInteger(data.keyVersion)) throw tamperedError(personId, 'key version missing');
  for (const part of ['iv', 'tag', 'ciphertext'] as const)
    if (typeof data[part] !== 'string' || !BASE64.test(data[part]))
      throw tamperedError(personId, `${part} not base64`);
  if (Buffer.from(data.iv, 'base64').length !== IV_BYTES) throw tamperedError(personId, 'iv length');
  if (Buffer.from(data.tag, 'base64').length !== TAG_BYTES) throw tamperedError(personId, 'tag length');
  return { ...data, personId };
}

function canonicalEnvelopePersonId(personId: unknown): string {
  try {
    return canonicalPersonId(personId as string);
  } catch {
    throw tamperedError('unknown', 'person id is not a UUID');
  }
}

export function openFields(dataKey: Buffer, data: ProtectedData): PersonalFields {
  let plaintext: string;
  try {
    const decipher = createDecipheriv('aes-256-gcm', dataKey, Buffer.from(data.iv, 'base64'), {
      authTagLength: TAG_BYTES,
    });
    decipher.setAAD(Buffer.from(data.personId, 'utf8'));
    decipher.setAuthTag(Buffer.from(data.tag, 'base64'));
    plaintext = Buffer.concat([
      decipher.update(Buffer.from(data.ciphertext, 'base64')),
      decipher.final(),
    ]).toString('utf8');
  } catch {
    throw tamperedError(data.personId, 'authentication failed');
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(plaintext);
  } catch {
    throw tamperedError(data.personId, 'content is not JSON');
  }
  if (
    !parsed ||
    typeof parsed !== 'object' ||
    Array.isArray(parsed) ||
    Object.values(parsed).some((v) => typeof v !== 'string')
  )
    throw tamperedError(data.personId, 'content is not a record of strings');
  return parsed as PersonalFields;
}

// Crockford's base32: no I, L, O or U, so a reference read aloud or copied by hand stays unambiguous.
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

function base32(bytes: Buffer): string {
  let out = '';
  let value = 0;
  let bits = 0;
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += CROCKFORD[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  if (bits > 0) out += CROCKFORD[(value << (5 - bits)) & 31];
  return out;
}

/** 18 base32 characters = 90 bits: collisions stay negligible far beyond a province's population. */
const PSEUDONYM_CHARS = 18;

/** `P-` and a keyed hash of the person id: stable, and meaningless without the master key. */
export function pseudonymOf(pseudonymKey: Buffer, personId: string): string {
  const mac = createHmac('sha256', pseudonymKey).update(personId, 'utf8').digest();
  return `P-${base32(mac).slice(0, PSEUDONYM_CHARS)}`;
}

/**
 * Unicode NFC, trimmed, inner whitespace collapsed, lower case. Anything coarser (dropping diacritics,
 * reordering names) is the caller's choice of material: "Nguyễn" and "Nguyên" are different names.
 */
export function normaliseMatchMaterial(material: string): string {
  return material.normalize('NFC').trim().replace(/\s+/gu, ' ').toLowerCase();
}

export function matchKeyOf(matchKey: Buffer, material: string): string {
  const normalised = normaliseMatchMaterial(material);
  // An empty material would make every person without that identifier "the same person".
  if (normalised === '')
    throw new DomainError(PERSONAL_DATA_ERRORS.EMPTY_MATCH_MATERIAL, 'match material is empty', 'validation');
  return createHmac('sha256', matchKey).update(normalised, 'utf8').digest('hex');
}
