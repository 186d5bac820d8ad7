import { DomainError } from '@tiep-dan/contracts';
import type { Pool } from 'pg';
import type { ProtectedData } from '../../domain/petition/petition.events';
import { PersonKeyCache, type PersonKeyState } from './person-key.cache';
import {
  DATA_KEY_BYTES,
  canonicalPersonId,
  checkEnvelope,
  deriveVaultKeys,
  matchKeyOf,
  openFields,
  pseudonymOf,
  sealFields,
  unwrapDataKey,
  wrapDataKey,
  type EncryptedPersonalData,
  type PersonalFields,
  type VaultKeys,
} from './personal-data.crypto';
import { PERSONAL_DATA_ERRORS, erasedError, tamperedError, unknownPersonError } from './personal-data.errors';
import { migrateUnderLock } from '@tiep-dan/platform';
import { pooledRandomBytes } from './random-pool';
import { GroupCommit, settle, type Settled } from '@tiep-dan/event-store';

export interface PersonalDataVaultOptions {
  pool: Pool;
  /** PostgreSQL schema of the `person_keys` table: a plain lower-case identifier. */
  schema: string;
  /** 32 bytes (see `parseMasterKey`). Pseudonyms and match keys derive from it too. */
  masterKey: Buffer;
  /**
   * In-memory cache of unwrapped keys. `ttlMs` (default 60 s) is how long this process may still
   * decrypt a person after another process erased them; an erasure made here takes effect at once.
   */
  cache?: { maxEntries?: number; ttlMs?: number };
  /** Clock of the cache, in milliseconds. */
  now?: () => number;
  /**
   * Commit new keys without waiting for the WAL flush (`synchronous_commit = off`). Only when everything
   * sealed under a new key is stored by later commits to the same PostgreSQL cluster, as intake's
   * events are with the PostgreSQL event store: WAL is replayed in order after a crash, so a key can
   * then only be lost together with every commit after it, hence with all data it sealed.
   */
  commitKeysAsynchronously?: boolean;
  /**
   * Group commit of new keys: the offers of concurrent callers made while `maxInFlight` statements of
   * offers run go together in one statement. Default: one statement per caller.
   */
  groupCommit?: { maxInFlight?: number; maxBatch?: number };
}

/** New keys offered by one caller: person ids and their wrapped keys, in the same order. */
interface KeyOffer {
  ids: string[];
  wrapped: Buffer[];
}

/** One person's fields to seal, as `encryptMany` takes them. */
export interface PersonalDataToSeal {
  personId: string;
  fields: Record<string, string | undefined>;
}

export type DecryptedPersonalData = PersonalFields | { erased: true };

export interface ErasureResult {
  /** False when the person had already been erased: nothing changed. */
  erasedNow: boolean;
  erasedAt: Date;
  erasedBy: string;
}

/** The only data-key version so far: a new version would come with a migration of this table. */
const KEY_VERSION = 1;

interface KeyRow {
  person_id: string;
  wrapped_key: Buffer | null;
  key_version: number | null;
}

/**
 * Personal data under a key per person (crypto-shredding). Names, citizen ids, phones and addresses
 * are encrypted before they enter an event; the person's data key is stored only wrapped with the
 * master key. Erasing a person destroys that key: every copy of their data, in every event and every
 * consumer, becomes unreadable while the event history stays intact. Other services only ever see the
 * pseudonym.
 *
 * Limits, by design: PostgreSQL keeps the old row version until VACUUM, and backups keep the wrapped key
 * until they expire, so an erasure is complete once the backups taken before it are gone (the wrapped
 * key is useless without the master key, which is never stored in the database). Another process may
 * keep decrypting from its cache for up to `cache.ttlMs` after an erasure.
 */
export class PersonalDataVault {
  private readonly keys: VaultKeys;
  private readonly cache: PersonKeyCache;
  private readonly table: string;
  private readonly offers: GroupCommit<KeyOffer, Set<string>> | undefined;

  constructor(private readonly options: PersonalDataVaultOptions) {
    if (!/^[a-z_][a-z0-9_]{0,62}$/.test(options.schema))
      throw new Error(
        `invalid schema name ${JSON.stringify(options.schema)}: use lower-case letters, digits and _`,
      );
    this.keys = deriveVaultKeys(options.masterKey);
    this.table = `"${options.schema}".person_keys`;
    this.cache = new PersonKeyCache({
      maxEntries: options.cache?.maxEntries ?? 10_000,
      ttlMs: options.cache?.ttlMs ?? 60_000,
      now: options.now ?? Date.now,
    });
    if (options.groupCommit)
      this.offers = new GroupCommit({
        run: (offers) => this.offerMany(offers),
        maxInFlight: options.groupCommit.maxInFlight ?? 1,
        maxBatch: options.groupCommit.maxBatch ?? 64,
      });
  }

  /** Idempotent, and safe when several processes start at once. */
  async migrate(): Promise<void> {
    await migrateUnderLock(this.options.pool, `tiep-dan.migrate:${this.table}`, async (client) => {
      await client.query(`CREATE SCHEMA IF NOT EXISTS "${this.options.schema}"`);
      // A row without a key is an erasure: the CHECKs keep an erased person from ever holding a key.
      await client.query(`
        CREATE TABLE IF NOT EXISTS ${this.table} (
          person_id uuid PRIMARY KEY,
          wrapped_key bytea NULL,
          key_version integer NULL,
          created_at timestamptz NOT NULL DEFAULT now(),
          erased_at timestamptz NULL,
          erased_by text NULL,
          erasure_reason text NULL,
          CONSTRAINT person_keys_key_or_erased CHECK ((wrapped_key IS NULL) = (erased_at IS NOT NULL)),
          CONSTRAINT person_keys_versioned CHECK (wrapped_key IS NULL OR key_version IS NOT NULL)
        )`);
    });
  }

  /**
   * Encrypts the defined fields for the person, creating their key on first use. Refused with
   * `PERSONAL_DATA.ERASED` once the person was erased.
   */
  async encrypt(
    personId: string,
    fields: Record<string, string | undefined>,
  ): Promise<EncryptedPersonalData> {
    const [sealed] = await this.encryptMany([{ personId, fields }]);
    return sealed;
  }

  /**
   * `encrypt` for several persons at once, one result per item in order: the keys of all new persons
   * are created with one statement, and those of persons known already are read with one more at most.
   * Refused as a whole with `PERSONAL_DATA.ERASED` if any person was erased.
   */
  async encryptMany(items: readonly PersonalDataToSeal[]): Promise<EncryptedPersonalData[]> {
    const ids = items.map((item) => canonicalPersonId(item.personId));
    const states = await this.keysToSealWith([...new Set(ids)]);
    return items.map((item, i) => {
      const state = states.get(ids[i]);
      if (!state) throw unknownPersonError(ids[i]);
      if (state.state === 'erased') throw erasedError(ids[i]);
      return sealFields(state.key, ids[i], state.version, item.fields);
    });
  }

  /** `{erased: true}` when the person's key was destroyed. */
  async decrypt(data: ProtectedData): Promise<DecryptedPersonalData> {
    const [result] = await this.decryptMany([data]);
    return result;
  }

  /** One result per item, in order; the keys of all persons are loaded with one query at most. */
  async decryptMany(items: readonly ProtectedData[]): Promise<DecryptedPersonalData[]> {
    const envelopes = items.map(checkEnvelope);
    const states = await this.loadKeys([...new Set(envelopes.map((e) => e.personId))]);
    return envelopes.map((envelope): DecryptedPersonalData => {
      const state = states.get(envelope.personId);
      if (!state) throw unknownPersonError(envelope.personId);
      if (state.state === 'erased') return { erased: true };
      if (envelope.keyVersion !== state.version)
        throw tamperedError(envelope.personId, `key version ${envelope.keyVersion} unknown`);
      return openFields(state.key, envelope);
    });
  }

  /**
   * Destroys the person's key, keeping who erased it, when and why. Idempotent. A person who never had a
   * key is recorded as erased too, so that nothing can be encrypted for them afterwards.
   */
  async erase(personId: string, erasure: { by: string; reason: string }): Promise<ErasureResult> {
    const id = canonicalPersonId(personId);
    for (const [name, value] of Object.entries({ by: erasure.by, reason: erasure.reason }))
      if (typeof value !== 'string' || value.trim() === '')
        throw new DomainError(
          PERSONAL_DATA_ERRORS.INVALID_ERASURE,
          `an erasure needs "${name}"`,
          'validation',
        );
    // On a concurrent erasure the row lock makes the second one re-check `erased_at` and do nothing.
    const erased = await this.options.pool.query<{ erased_at: Date; erased_by: string }>(
      `INSERT INTO ${this.table} AS k (person_id, wrapped_key, key_version, erased_at, erased_by, erasure_reason)
       VALUES ($1, NULL, NULL, now(), $2, $3)
       ON CONFLICT (person_id) DO UPDATE
         SET wrapped_key = NULL, erased_at = now(), erased_by = EXCLUDED.erased_by,
             erasure_reason = EXCLUDED.erasure_reason
         WHERE k.erased_at IS NULL
       RETURNING erased_at, erased_by`,
      [id, erasure.by, erasure.reason],
    );
    this.cache.set(id, { state: 'erased' });
    if (erased.rows.length === 1)
      return { erasedNow: true, erasedAt: erased.rows[0].erased_at, erasedBy: erased.rows[0].erased_by };
    const earlier = await this.options.pool.query<{ erased_at: Date; erased_by: string }>(
      `SELECT erased_at, erased_by FROM ${this.table} WHERE person_id = $1`,
      [id],
    );
    return { erasedNow: false, erasedAt: earlier.rows[0].erased_at, erasedBy: earlier.rows[0].erased_by };
  }

  /** The pseudonymous reference that integration events carry instead of the identity. */
  pseudonym(personId: string): string {
    return pseudonymOf(this.keys.pseudonym, canonicalPersonId(personId));
  }

  /** Keyed hash of normalised identifying material (e.g. a citizen id): same material, same key. */
  matchKey(material: string): string {
    return matchKeyOf(this.keys.match, material);
  }

  private async loadKeys(personIds: readonly string[]): Promise<Map<string, PersonKeyState>> {
    const states = new Map<string, PersonKeyState>();
    const missing: string[] = [];
    for (const id of personIds) {
      const cached = this.cache.get(id);
      if (cached) states.set(id, cached);
      else missing.push(id);
    }
    if (missing.length === 0) return states;
    const { rows } = await this.options.pool.query<KeyRow>(
      `SELECT person_id, wrapped_key, key_version FROM ${this.table} WHERE person_id = ANY($1::uuid[])`,
      [missing],
    );
    for (const row of rows) {
      const state = this.toState(row);
      this.cache.set(row.person_id, state);
      states.set(row.person_id, state);
    }
    return states;
  }

  private toState(row: KeyRow): PersonKeyState {
    if (row.wrapped_key === null || row.key_version === null) return { state: 'erased' };
    const key = unwrapDataKey(this.keys.wrap, row.person_id, row.key_version, row.wrapped_key);
    return { state: 'active', key, version: row.key_version };
  }

  /**
   * The keys to seal with, created for persons who have none. A person not in the cache is most often
   * new (a petition's persons are), so a key is offered for each of them first and only the persons
   * whose row already existed are read back. Concurrent first uses (here or in another process) race
   * on the primary key: the first insert wins and everyone else reads the winner's key, so a person
   * never ends up with two keys.
   */
  private async keysToSealWith(personIds: readonly string[]): Promise<Map<string, PersonKeyState>> {
    const states = new Map<string, PersonKeyState>();
    const offered = new Map<string, Buffer>();
    for (const id of personIds) {
      const cached = this.cache.get(id);
      if (cached) states.set(id, cached);
      else offered.set(id, pooledRandomBytes(DATA_KEY_BYTES));
    }
    if (offered.size === 0) return states;
    const ids = [...offered.keys()];
    const wrapped = [...offered].map(([id, key]) => wrapDataKey(this.keys.wrap, id, KEY_VERSION, key));
    const offer: KeyOffer = { ids, wrapped };
    const inserted = await (this.offers ? this.offers.submit(offer) : this.offer(offer));
    for (const id of inserted) {
      const key = offered.get(id);
      if (!key) continue;
      const state: PersonKeyState = { state: 'active', key, version: KEY_VERSION };
      this.cache.set(id, state);
      states.set(id, state);
    }
    const existing = ids.filter((id) => !states.has(id));
    if (existing.length === 0) return states;
    for (const [id, state] of await this.loadKeys(existing)) states.set(id, state);
    return states;
  }

  /** Inserts the keys offered (one statement), returning the persons whose key this offer created. */
  private async offer(offer: KeyOffer): Promise<Set<string>> {
    const asynchronous = this.options.commitKeysAsynchronously === true;
    const inserted = await this.options.pool.query<{ person_id: string }>({
      name: `person-keys-offer-${this.options.schema}-${asynchronous ? 'async' : 'sync'}`,
      text: `INSERT INTO ${this.table} (person_id, wrapped_key, key_version)
       SELECT person_id, wrapped_key, $3::integer
       FROM unnest($1::uuid[], $2::bytea[]) AS k(person_id, wrapped_key)
       ${asynchronous ? "WHERE set_config('synchronous_commit', 'off', true) IS NOT NULL" : ''}
       ON CONFLICT (person_id) DO NOTHING
       RETURNING person_id`,
      values: [offer.ids, offer.wrapped, KEY_VERSION],
    });
    return new Set(inserted.rows.map((row) => row.person_id));
  }

  /**
   * Several callers' offers in one statement. A person offered by two callers of the batch (a retry
   * with the same Idempotency-Key) is offered once, with the first caller's key: the other caller reads
   * it back, as it would after losing the race between two statements. If the statement fails, each
   * offer is made on its own, so that each caller gets its own outcome.
   */
  private async offerMany(offers: readonly KeyOffer[]): Promise<Settled<Set<string>>[]> {
    if (offers.length === 1) return [await settle(this.offer(offers[0]))];
    const ids: string[] = [];
    const wrapped: Buffer[] = [];
    const offeredBy = new Map<string, number>();
    offers.forEach((offer, index) =>
      offer.ids.forEach((id, i) => {
        if (offeredBy.has(id)) return;
        offeredBy.set(id, index);
        ids.push(id);
        wrapped.push(offer.wrapped[i]);
      }),
    );
    let created: Set<string>;
    try {
      created = await this.offer({ ids, wrapped });
    } catch {
      return Promise.all(offers.map((offer) => settle(this.offer(offer))));
    }
    return offers.map((offer, index) => ({
      ok: true as const,
      value: new Set(offer.ids.filter((id) => created.has(id) && offeredBy.get(id) === index)),
    }));
  }
}
