import { createDecipheriv, randomBytes, randomUUID } from 'node:crypto';
import { DomainError } from '@tiep-dan/contracts';
import { createTestDatabase, type TestDatabase } from '@tiep-dan/testing';
import { Pool } from 'pg';
import {
  PersonalDataKeyError,
  PersonalDataVault,
  VaultPersonalDataAdapter,
  type PersonalDataVaultOptions,
} from '../src/infrastructure/personal-data';

const SCHEMA = 'intake';
const NAME = 'Nguyễn Thị Hằng';
const CITIZEN_ID = '001185012345';
const PHONE = '0912345678';

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  const error = await rejection(promise);
  return error instanceof DomainError ? error.code : String(error);
}

describe('personal-data vault with PostgreSQL', () => {
  let db: TestDatabase;
  let pool: Pool;
  const masterKey = randomBytes(32);
  const vault = (options: Partial<PersonalDataVaultOptions> = {}) =>
    new PersonalDataVault({ pool, schema: SCHEMA, masterKey, ...options });

  beforeAll(async () => {
    db = await createTestDatabase('personal_data');
    pool = new Pool({ connectionString: db.url, max: 8 });
    // Dropping the database at the end terminates any connection still open: not a test failure.
    pool.on('error', () => undefined);
    // Several processes starting at once all migrate.
    await Promise.all(Array.from({ length: 5 }, () => vault().migrate()));
  });

  afterAll(async () => {
    await pool?.end();
    await db?.drop();
  });

  const keyRows = async (personId: string) =>
    (
      await pool.query<{
        wrapped_key: Buffer | null;
        key_version: number | null;
        erased_at: Date | null;
        erased_by: string | null;
        erasure_reason: string | null;
      }>(`SELECT * FROM ${SCHEMA}.person_keys WHERE person_id = $1`, [personId])
    ).rows;

  it('migrates again without error (idempotent)', async () => {
    await expect(vault().migrate()).resolves.toBeUndefined();
  });

  it('refuses a schema name that is not a plain identifier', () => {
    expect(() => vault({ schema: 'intake"; DROP TABLE x; --' })).toThrow(/invalid schema name/);
  });

  it('round-trips Vietnamese text exactly, NFC stays NFC and NFD stays NFD', async () => {
    const person = randomUUID();
    const nfc = NAME.normalize('NFC');
    const address = 'Thôn Đồng Tâm, xã Hòa Bình'.normalize('NFD');
    const sealed = await vault().encrypt(person, { fullName: nfc, address, email: undefined });
    const revealed = await vault().decrypt(JSON.parse(JSON.stringify(sealed)));
    expect(revealed).toEqual({ fullName: nfc, address });
    expect((revealed as Record<string, string>).fullName.normalize('NFC')).toBe(nfc);
    expect((revealed as Record<string, string>).address).not.toBe(address.normalize('NFC'));
  });

  it('gives a person one key under 20 concurrent first encrypts from separate processes', async () => {
    const person = randomUUID();
    const processes = Array.from({ length: 20 }, () => vault());
    const sealed = await Promise.all(
      processes.map((v, i) => v.encrypt(person, { fullName: `${NAME} ${i}` })),
    );
    expect(await keyRows(person)).toHaveLength(1);
    const reader = vault();
    const revealed = await reader.decryptMany(sealed);
    expect(revealed).toEqual(sealed.map((_, i) => ({ fullName: `${NAME} ${i}` })));
  });

  it('gives a person one key under 20 concurrent first encrypts in one process', async () => {
    const person = randomUUID();
    const v = vault();
    const sealed = await Promise.all(
      Array.from({ length: 20 }, (_, i) => v.encrypt(person, { phone: `09123456${10 + i}` })),
    );
    expect(await keyRows(person)).toHaveLength(1);
    expect(await vault().decryptMany(sealed)).toEqual(sealed.map((_, i) => ({ phone: `09123456${10 + i}` })));
  });

  /** A pool that counts its statements, for the tests of how many round trips something takes. */
  const countingPool = () => {
    const counted = new Pool({ connectionString: db.url, max: 2 });
    counted.on('error', () => undefined);
    const statements: string[] = [];
    const query = counted.query.bind(counted);
    counted.query = ((...args: Parameters<typeof query>) => {
      const config = args[0] as string | { text: string };
      statements.push(typeof config === 'string' ? config : config.text);
      return query(...args);
    }) as typeof counted.query;
    return { pool: counted, statements };
  };

  it("creates the keys of a petition's new persons with one statement, a key per person", async () => {
    const persons = [randomUUID(), randomUUID(), randomUUID()];
    const { pool: counted, statements } = countingPool();
    try {
      const sealed = await vault({ pool: counted }).encryptMany([
        { personId: persons[0], fields: { fullName: NAME, citizenId: CITIZEN_ID } },
        { personId: persons[1], fields: { fullName: 'Trần Văn Bình', phone: PHONE } },
        { personId: persons[2].toUpperCase(), fields: { fullName: 'Lê Thị Mai' } },
      ]);
      expect(statements).toHaveLength(1);
      expect(sealed.map((item) => item.personId)).toEqual(persons);
      for (const person of persons) expect(await keyRows(person)).toHaveLength(1);
      const wrapped = await Promise.all(persons.map(async (p) => (await keyRows(p))[0].wrapped_key));
      expect(new Set(wrapped.map((key) => key?.toString('hex'))).size).toBe(3);
      expect(await vault().decryptMany(sealed)).toEqual([
        { fullName: NAME, citizenId: CITIZEN_ID },
        { fullName: 'Trần Văn Bình', phone: PHONE },
        { fullName: 'Lê Thị Mai' },
      ]);
      // Each blob is bound to its own person: swapped, it opens for nobody.
      expect(await codeOf(vault().decrypt({ ...sealed[0], personId: persons[1] }))).toBe(
        'PERSONAL_DATA.TAMPERED',
      );
    } finally {
      await counted.end();
    }
  });

  it('keeps the key of a person known already when a batch mixes known and new persons', async () => {
    const known = randomUUID();
    const fresh = randomUUID();
    const before = await vault().encrypt(known, { fullName: NAME });
    const [keyBefore] = await keyRows(known);
    const { pool: counted, statements } = countingPool();
    try {
      const sealed = await vault({ pool: counted }).encryptMany([
        { personId: known, fields: { phone: PHONE } },
        { personId: fresh, fields: { fullName: 'Lê Thị Mai' } },
        { personId: known, fields: { citizenId: CITIZEN_ID } },
      ]);
      // The insert offered a key for each uncached person; the known one is read back.
      expect(statements).toHaveLength(2);
      expect((await keyRows(known))[0].wrapped_key).toEqual(keyBefore.wrapped_key);
      expect(await vault().decryptMany([before, ...sealed])).toEqual([
        { fullName: NAME },
        { phone: PHONE },
        { fullName: 'Lê Thị Mai' },
        { citizenId: CITIZEN_ID },
      ]);
    } finally {
      await counted.end();
    }
  });

  it('refuses a batch with an erased person as a whole', async () => {
    const erased = randomUUID();
    await vault().erase(erased, { by: 'chutich', reason: 'r' });
    expect(
      await codeOf(
        vault().encryptMany([
          { personId: randomUUID(), fields: { fullName: NAME } },
          { personId: erased, fields: { fullName: NAME } },
        ]),
      ),
    ).toBe('PERSONAL_DATA.ERASED');
  });

  it('gives a person one key under concurrent batches with asynchronous key commits', async () => {
    const shared = randomUUID();
    const processes = Array.from({ length: 10 }, () => vault({ commitKeysAsynchronously: true }));
    const sealed = await Promise.all(
      processes.map((v, i) =>
        v.encryptMany([
          { personId: randomUUID(), fields: { fullName: `${NAME} ${i}` } },
          { personId: shared, fields: { phone: `09123456${10 + i}` } },
        ]),
      ),
    );
    expect(await keyRows(shared)).toHaveLength(1);
    const revealed = await vault().decryptMany(sealed.flat());
    expect(revealed).toEqual(
      sealed.flatMap((_, i) => [{ fullName: `${NAME} ${i}` }, { phone: `09123456${10 + i}` }]),
    );
  });

  it('makes an erased person unreadable everywhere while other persons still decrypt', async () => {
    const erased = randomUUID();
    const kept = randomUUID();
    const writer = vault();
    const a = await writer.encrypt(erased, { fullName: NAME, citizenId: CITIZEN_ID });
    const b = await writer.encrypt(kept, { fullName: 'Trần Văn Bình' });

    const first = await writer.erase(erased, { by: 'chutich', reason: 'yêu cầu xóa dữ liệu cá nhân' });
    expect(first.erasedNow).toBe(true);
    expect(first.erasedBy).toBe('chutich');

    expect(await writer.decrypt(a)).toEqual({ erased: true });
    expect(await vault().decrypt(a)).toEqual({ erased: true });
    expect(await vault().decryptMany([a, b, a])).toEqual([
      { erased: true },
      { fullName: 'Trần Văn Bình' },
      { erased: true },
    ]);

    const [row] = await keyRows(erased);
    expect(row.wrapped_key).toBeNull();
    expect(row.erased_by).toBe('chutich');
    expect(row.erasure_reason).toBe('yêu cầu xóa dữ liệu cá nhân');
    expect(row.erased_at).toEqual(first.erasedAt);
  });

  it('erases idempotently: a second erasure changes nothing and says it was already done', async () => {
    const person = randomUUID();
    await vault().encrypt(person, { fullName: NAME });
    const first = await vault().erase(person, { by: 'chutich', reason: 'first' });
    const again = await vault().erase(person, { by: 'quantri', reason: 'second' });
    expect(first.erasedNow).toBe(true);
    expect(again).toEqual({ erasedNow: false, erasedAt: first.erasedAt, erasedBy: 'chutich' });
    const [row] = await keyRows(person);
    expect(row.erasure_reason).toBe('first');
  });

  it('lets exactly one of several concurrent erasures do the erasing', async () => {
    const person = randomUUID();
    await vault().encrypt(person, { fullName: NAME });
    const results = await Promise.all(
      Array.from({ length: 5 }, (_, i) => vault().erase(person, { by: `user${i}`, reason: 'r' })),
    );
    expect(results.filter((r) => r.erasedNow)).toHaveLength(1);
  });

  it('stores no personal data in clear: neither in the key table nor in the encrypted blob', async () => {
    const person = randomUUID();
    const sealed = await vault().encrypt(person, { fullName: NAME, citizenId: CITIZEN_ID, phone: PHONE });
    const table = await pool.query<{ row: string; key_text: string }>(
      `SELECT row_to_json(k)::text AS row, encode(coalesce(wrapped_key, ''), 'escape') AS key_text
         FROM ${SCHEMA}.person_keys k`,
    );
    const ciphertext = Buffer.from(sealed.ciphertext, 'base64');
    for (const secret of [NAME, NAME.normalize('NFD'), CITIZEN_ID, PHONE, 'Hằng']) {
      for (const row of table.rows) {
        expect(row.row).not.toContain(secret);
        expect(row.key_text).not.toContain(secret);
      }
      expect(JSON.stringify(sealed)).not.toContain(secret);
      expect(ciphertext.includes(Buffer.from(secret, 'utf8'))).toBe(false);
    }
  });

  it('stores the data key only wrapped: no 32 bytes of the stored row open the blob', async () => {
    const person = randomUUID();
    const sealed = await vault().encrypt(person, { fullName: NAME });
    const [{ wrapped_key: wrapped }] = await keyRows(person);
    expect(wrapped).not.toBeNull();
    const opens = (key: Buffer) => {
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64'));
        decipher.setAAD(Buffer.from(person));
        decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
        decipher.update(Buffer.from(sealed.ciphertext, 'base64'));
        decipher.final();
        return true;
      } catch {
        return false;
      }
    };
    for (let offset = 0; offset + 32 <= wrapped!.length; offset++)
      expect(opens(wrapped!.subarray(offset, offset + 32))).toBe(false);
  });

  it('rejects a tampered ciphertext or tag', async () => {
    const person = randomUUID();
    const sealed = await vault().encrypt(person, { fullName: NAME });
    const flipped = Buffer.from(sealed.ciphertext, 'base64');
    flipped[0] ^= 1;
    const tag = Buffer.from(sealed.tag, 'base64');
    tag[15] ^= 0x80;
    expect(await codeOf(vault().decrypt({ ...sealed, ciphertext: flipped.toString('base64') }))).toBe(
      'PERSONAL_DATA.TAMPERED',
    );
    expect(await codeOf(vault().decrypt({ ...sealed, tag: tag.toString('base64') }))).toBe(
      'PERSONAL_DATA.TAMPERED',
    );
    expect(await codeOf(vault().decrypt({ ...sealed, keyVersion: 2 }))).toBe('PERSONAL_DATA.TAMPERED');
  });

  it("rejects a blob copied into another person's record", async () => {
    const owner = randomUUID();
    const other = randomUUID();
    const v = vault();
    const sealed = await v.encrypt(owner, { fullName: NAME });
    await v.encrypt(other, { fullName: 'Phạm Văn Cường' });
    expect(await codeOf(v.decrypt({ ...sealed, personId: other }))).toBe('PERSONAL_DATA.TAMPERED');
  });

  it('says which person is unknown instead of pretending the data was erased', async () => {
    const sealed = await vault().encrypt(randomUUID(), { fullName: NAME });
    const error = await rejection(vault().decrypt({ ...sealed, personId: randomUUID() }));
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('PERSONAL_DATA.UNKNOWN_PERSON');
    expect((error as DomainError).kind).toBe('not_found');
  });

  it('refuses to encrypt for an erased person, in this process and in a fresh one', async () => {
    const person = randomUUID();
    const v = vault();
    await v.encrypt(person, { fullName: NAME });
    await v.erase(person, { by: 'chutich', reason: 'r' });
    const error = await rejection(v.encrypt(person, { fullName: NAME }));
    expect((error as DomainError).code).toBe('PERSONAL_DATA.ERASED');
    expect((error as DomainError).kind).toBe('gone');
    expect(await codeOf(vault().encrypt(person, { fullName: NAME }))).toBe('PERSONAL_DATA.ERASED');
    expect(await keyRows(person)).toEqual([expect.objectContaining({ wrapped_key: null })]);
  });

  it('records the erasure of a person who never had a key, so a later encrypt is refused', async () => {
    const person = randomUUID();
    const result = await vault().erase(person, { by: 'chutich', reason: 'erased before any record' });
    expect(result.erasedNow).toBe(true);
    expect(await codeOf(vault().encrypt(person, { fullName: NAME }))).toBe('PERSONAL_DATA.ERASED');
    expect(await keyRows(person)).toEqual([
      expect.objectContaining({ wrapped_key: null, key_version: null, erased_by: 'chutich' }),
    ]);
  });

  it('refuses an erasure without who or why', async () => {
    expect(await codeOf(vault().erase(randomUUID(), { by: ' ', reason: 'r' }))).toBe(
      'PERSONAL_DATA.INVALID_ERASURE',
    );
    expect(await codeOf(vault().erase(randomUUID(), { by: 'chutich', reason: '' }))).toBe(
      'PERSONAL_DATA.INVALID_ERASURE',
    );
  });

  it('loads the keys of a whole page with one query, and none once they are cached', async () => {
    const persons: string[] = Array.from({ length: 30 }, () => randomUUID());
    const writer = vault();
    const page = await Promise.all(persons.map((p, i) => writer.encrypt(p, { fullName: `${NAME} ${i}` })));
    await writer.erase(persons[7], { by: 'chutich', reason: 'r' });

    const counted = new Pool({ connectionString: db.url, max: 2 });
    counted.on('error', () => undefined);
    let queries = 0;
    const query = counted.query.bind(counted);
    counted.query = ((...args: Parameters<typeof query>) => {
      queries++;
      return query(...args);
    }) as typeof counted.query;
    try {
      const reader = vault({ pool: counted });
      const items = [...page, page[0], page[29]];
      const expected = items.map((item) =>
        item.personId === persons[7]
          ? { erased: true }
          : { fullName: `${NAME} ${persons.indexOf(item.personId)}` },
      );
      expect(await reader.decryptMany(items)).toEqual(expected);
      expect(queries).toBe(1);
      expect(await reader.decryptMany(items)).toEqual(expected);
      expect(queries).toBe(1);
    } finally {
      await counted.end();
    }
  });

  it('keeps decrypting from its cache for at most the TTL after another process erased the person', async () => {
    let clock = 1_000_000;
    const person = randomUUID();
    const reader = vault({ cache: { ttlMs: 60_000 }, now: () => clock });
    const sealed = await reader.encrypt(person, { fullName: NAME });
    await vault().erase(person, { by: 'chutich', reason: 'r' });
    clock += 59_000;
    expect(await reader.decrypt(sealed)).toEqual({ fullName: NAME });
    clock += 1_000;
    expect(await reader.decrypt(sealed)).toEqual({ erased: true });
  });

  it('cannot decrypt, nor encrypt for a known person, with another master key', async () => {
    const person = randomUUID();
    const sealed = await vault().encrypt(person, { fullName: NAME });
    const intruder = vault({ masterKey: randomBytes(32) });
    const error = await rejection(intruder.decrypt(sealed));
    expect(error).toBeInstanceOf(PersonalDataKeyError);
    expect(String(error)).not.toContain(NAME);
    await expect(intruder.encrypt(person, { fullName: 'x' })).rejects.toBeInstanceOf(PersonalDataKeyError);
  });

  it('derives pseudonyms and match keys from the master key: same vault key, same values', () => {
    const person = randomUUID();
    expect(vault().pseudonym(person)).toBe(vault().pseudonym(person.toUpperCase()));
    expect(vault().pseudonym(person)).not.toBe(vault({ masterKey: randomBytes(32) }).pseudonym(person));
    expect(vault().matchKey(`cccd:${CITIZEN_ID}`)).toBe(vault().matchKey(`CCCD:${CITIZEN_ID}`));
    expect(vault().matchKey(`cccd:${CITIZEN_ID}`)).not.toContain(CITIZEN_ID);
  });

  it('serves the application port: protect, reveal in order, erase', async () => {
    const port = new VaultPersonalDataAdapter(vault());
    const a = randomUUID();
    const b = randomUUID();
    const items = await port.protect([
      { personId: a, fields: { fullName: NAME } },
      { personId: b, fields: { fullName: 'Lê Thị Mai' } },
    ]);
    expect(items.map((item) => item.personId)).toEqual([a, b]);
    await port.erase(a, 'chutich', 'yêu cầu của công dân');
    expect(await port.reveal(items)).toEqual([{ erased: true }, { fullName: 'Lê Thị Mai' }]);
    expect(port.pseudonym(b)).toMatch(/^P-/);
  });
});
