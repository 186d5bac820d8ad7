import { createCipheriv, createHmac, randomBytes, randomUUID } from 'node:crypto';
import { DomainError } from '@tiep-dan/contracts';
import {
  canonicalPersonId,
  checkEnvelope,
  deriveVaultKeys,
  matchKeyOf,
  openFields,
  pseudonymOf,
  sealFields,
  unwrapDataKey,
  wrapDataKey,
} from './personal-data.crypto';
import { PersonalDataKeyError } from './personal-data.errors';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
    return undefined;
  } catch (error) {
    return error instanceof DomainError ? error.code : String(error);
  }
}

const master = randomBytes(32);
const keys = deriveVaultKeys(master);

describe('keys derived from the master key', () => {
  it('gives each purpose its own key, none equal to the master key', () => {
    const all = [master, keys.wrap, keys.pseudonym, keys.match].map((k) => k.toString('hex'));
    expect(new Set(all).size).toBe(4);
  });

  it('derives the same keys from the same master key (pseudonyms survive a restart)', () => {
    const again = deriveVaultKeys(Buffer.from(master));
    expect(again.pseudonym.equals(keys.pseudonym)).toBe(true);
    expect(again.match.equals(keys.match)).toBe(true);
    expect(again.wrap.equals(keys.wrap)).toBe(true);
  });

  it('refuses a master key that is not 32 bytes', () => {
    expect(() => deriveVaultKeys(randomBytes(16))).toThrow(/32 bytes/);
  });
});

describe('pseudonymous petitioner reference', () => {
  const person = randomUUID();

  it('is stable for the same person and has the P- form of about 20 characters', () => {
    const ref = pseudonymOf(keys.pseudonym, person);
    expect(ref).toBe(pseudonymOf(keys.pseudonym, person));
    expect(ref).toMatch(/^P-[0-9A-HJKMNP-TV-Z]{18}$/);
  });

  it('differs between persons', () => {
    const refs = new Set(Array.from({ length: 1000 }, () => pseudonymOf(keys.pseudonym, randomUUID())));
    expect(refs.size).toBe(1000);
  });

  it('depends on the master key, so it cannot be recomputed from the person id alone', () => {
    const other = deriveVaultKeys(randomBytes(32));
    expect(pseudonymOf(other.pseudonym, person)).not.toBe(pseudonymOf(keys.pseudonym, person));
  });
});

describe('match keys', () => {
  it('gives the same key for the same citizen id, whatever its spacing or case', () => {
    expect(matchKeyOf(keys.match, 'cccd:001085012345')).toBe(matchKeyOf(keys.match, '  CCCD:001085012345 '));
    expect(matchKeyOf(keys.match, 'Nguyễn  Văn An')).toBe(matchKeyOf(keys.match, 'nguyễn văn an'));
  });

  it('treats composed and decomposed Vietnamese as the same text', () => {
    const nfc = 'Trần Thị Hằng'.normalize('NFC');
    const nfd = nfc.normalize('NFD');
    expect(nfd).not.toBe(nfc);
    expect(matchKeyOf(keys.match, nfd)).toBe(matchKeyOf(keys.match, nfc));
  });

  it('keeps diacritics significant: Nguyễn and Nguyên are different names', () => {
    expect(matchKeyOf(keys.match, 'Nguyễn An')).not.toBe(matchKeyOf(keys.match, 'Nguyên An'));
  });

  it('differs from the pseudonym hash of the same input (separate derived keys)', () => {
    const material = randomUUID();
    const withPseudonymKey = createHmac('sha256', keys.pseudonym).update(material).digest('hex');
    expect(matchKeyOf(keys.match, material)).not.toBe(withPseudonymKey);
    expect(matchKeyOf(keys.match, material)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses empty material, which would make all persons without that identifier match', () => {
    expect(codeOf(() => matchKeyOf(keys.match, ' \t '))).toBe('PERSONAL_DATA.EMPTY_MATCH_MATERIAL');
  });
});

describe('person ids', () => {
  it('are compared in lower case', () => {
    const id = randomUUID();
    expect(canonicalPersonId(id.toUpperCase())).toBe(id);
  });

  it('must be UUIDs', () => {
    expect(codeOf(() => canonicalPersonId('Nguyễn Văn An'))).toBe('PERSONAL_DATA.INVALID_PERSON_ID');
  });
});

describe('field encryption', () => {
  const dataKey = randomBytes(32);
  const person = randomUUID();

  it('round-trips the defined fields and drops undefined ones', () => {
    const sealed = sealFields(dataKey, person, 1, { fullName: 'Lê Văn Bình', phone: undefined });
    expect(openFields(dataKey, checkEnvelope(sealed))).toEqual({ fullName: 'Lê Văn Bình' });
  });

  it('uses a fresh IV each time, so equal data does not give equal ciphertexts', () => {
    const a = sealFields(dataKey, person, 1, { fullName: 'Lê Văn Bình' });
    const b = sealFields(dataKey, person, 1, { fullName: 'Lê Văn Bình' });
    expect(a.iv).not.toBe(b.iv);
    expect(a.ciphertext).not.toBe(b.ciphertext);
  });

  it('refuses a blob whose person id was changed (authenticated data)', () => {
    const sealed = sealFields(dataKey, person, 1, { fullName: 'Lê Văn Bình' });
    expect(codeOf(() => openFields(dataKey, { ...sealed, personId: randomUUID() }))).toBe(
      'PERSONAL_DATA.TAMPERED',
    );
  });

  it('refuses a truncated tag instead of accepting a weaker check', () => {
    const sealed = sealFields(dataKey, person, 1, { fullName: 'Lê Văn Bình' });
    const short = Buffer.from(sealed.tag, 'base64').subarray(0, 4).toString('base64');
    expect(codeOf(() => checkEnvelope({ ...sealed, tag: short }))).toBe('PERSONAL_DATA.TAMPERED');
    expect(codeOf(() => openFields(dataKey, { ...sealed, tag: short }))).toBe('PERSONAL_DATA.TAMPERED');
  });

  it.each([
    ['another algorithm', { alg: 'A128CBC' }],
    ['a person id that is not a UUID', { personId: 'x' }],
    ['an iv that is not base64', { iv: '***' }],
    ['a missing key version', { keyVersion: undefined }],
  ])('refuses an envelope with %s', (_, change) => {
    const sealed = sealFields(dataKey, person, 1, { fullName: 'Lê Văn Bình' });
    expect(codeOf(() => checkEnvelope({ ...sealed, ...(change as object) } as typeof sealed))).toBe(
      'PERSONAL_DATA.TAMPERED',
    );
  });

  it('refuses authentic content that is not a record of strings', () => {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', dataKey, iv, { authTagLength: 16 });
    cipher.setAAD(Buffer.from(person));
    const ciphertext = Buffer.concat([cipher.update('{"age":42}'), cipher.final()]);
    const envelope = {
      personId: person,
      alg: 'A256GCM',
      keyVersion: 1,
      iv: iv.toString('base64'),
      tag: cipher.getAuthTag().toString('base64'),
      ciphertext: ciphertext.toString('base64'),
    };
    expect(codeOf(() => openFields(dataKey, envelope))).toBe('PERSONAL_DATA.TAMPERED');
  });
});

describe('wrapped data keys', () => {
  const person = randomUUID();
  const dataKey = randomBytes(32);

  it('unwrap with the wrap key they were wrapped with', () => {
    const wrapped = wrapDataKey(keys.wrap, person, 1, dataKey);
    expect(unwrapDataKey(keys.wrap, person, 1, wrapped).equals(dataKey)).toBe(true);
    expect(wrapped.includes(dataKey)).toBe(false);
  });

  it('do not unwrap under another master key', () => {
    const wrapped = wrapDataKey(keys.wrap, person, 1, dataKey);
    const other = deriveVaultKeys(randomBytes(32));
    expect(() => unwrapDataKey(other.wrap, person, 1, wrapped)).toThrow(PersonalDataKeyError);
  });

  it('do not unwrap when copied onto another person or version', () => {
    const wrapped = wrapDataKey(keys.wrap, person, 1, dataKey);
    expect(() => unwrapDataKey(keys.wrap, randomUUID(), 1, wrapped)).toThrow(PersonalDataKeyError);
    expect(() => unwrapDataKey(keys.wrap, person, 2, wrapped)).toThrow(PersonalDataKeyError);
  });
});
