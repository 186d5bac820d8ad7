import type { EventStore, RecordedEvent, Subscription } from '@tiep-dan/event-store';
import type { Pool } from 'pg';
import type { PetitionEvent, PetitionReceived } from '../../domain/petition/petition.events';
import { isErased, type PersonalDataPort } from '../../application/petitions/personal-data.port';
import { PETITION_STREAM_PREFIX } from './petition.relay-mapping';
import { migrateUnderLock } from '@tiep-dan/platform';

/** Identifying material of a person, normalised, to be turned into match keys (see matching/). */
export type KeyMaterial = (person: {
  fullName?: string;
  citizenId?: string;
  phone?: string;
  hamletCode?: string;
}) => string[];

export interface PetitionSearchRow {
  petitionId: string;
  version: number;
  kind: string;
  channel: string;
  status: string;
  receivedOn: string;
  recordedAt: string;
  classification: string;
  sensitiveTags: string[];
  hamletCode: string | null;
  petitionerType: string;
  headcount: number;
  anonymous: boolean;
  petitionerRefs: string[];
  summary: string;
  missingElements: string[];
  duplicateOf: string | null;
  repeatOf: string | null;
  receptionSessionId: string | null;
  sourceSystem: string | null;
  resolved: boolean;
}

export const SEARCH_SUBSCRIBER = 'intake:petition-search';

/**
 * The list of petitions that search, paging and duplicate matching read: a projection of the petition
 * streams, kept by a durable subscription, rebuildable by dropping the table and the checkpoint. Each
 * row carries its stream version, so a redelivered event never moves a row backwards. Petitioners are
 * kept only as pseudonymous references and keyed hashes (`petitioner_keys`); an erasure recomputes them
 * without the erased person.
 */
export class PetitionSearchProjection {
  private subscription: Subscription | undefined;
  private readonly table: string;

  constructor(
    private readonly options: {
      pool: Pool;
      schema: string;
      store: EventStore;
      personalData: PersonalDataPort;
      keyMaterial: KeyMaterial;
      foldText: (text: string) => string;
      onError?: (error: unknown) => void;
    },
  ) {
    this.table = `"${options.schema}".petition_search`;
  }

  async migrate(): Promise<void> {
    await migrateUnderLock(this.options.pool, `tiepdan.migrate:${this.table}`, async (client) => {
      await client.query(`CREATE SCHEMA IF NOT EXISTS "${this.options.schema}"`);
      await client.query(`
        CREATE TABLE IF NOT EXISTS ${this.table} (
          petition_id uuid PRIMARY KEY,
          version integer NOT NULL,
          kind text NOT NULL,
          channel text NOT NULL,
          status text NOT NULL,
          received_on date NOT NULL,
          recorded_at timestamptz NOT NULL,
          classification text NOT NULL,
          sensitive_tags text[] NOT NULL,
          hamlet_code text,
          petitioner_type text NOT NULL,
          headcount integer NOT NULL,
          anonymous boolean NOT NULL,
          petitioner_refs text[] NOT NULL,
          petitioner_keys text[] NOT NULL,
          summary text NOT NULL,
          search_text text NOT NULL,
          missing_elements text[] NOT NULL,
          duplicate_of uuid,
          repeat_of uuid,
          reception_session_id uuid,
          source_system text,
          resolved boolean NOT NULL DEFAULT false
        )`);
      await client.query(
        `CREATE INDEX IF NOT EXISTS petition_search_received ON ${this.table} (received_on DESC, petition_id)`,
      );
      await client.query(
        `CREATE INDEX IF NOT EXISTS petition_search_keys ON ${this.table} USING gin (petitioner_keys)`,
      );
      await client.query(
        `CREATE INDEX IF NOT EXISTS petition_search_refs ON ${this.table} USING gin (petitioner_refs)`,
      );
    });
  }

  async start(): Promise<void> {
    this.subscription = await this.options.store.subscribe({
      subscriberId: SEARCH_SUBSCRIBER,
      filter: { streamPrefixes: [PETITION_STREAM_PREFIX] },
      handler: (event) => this.apply(event),
      onError: (error) => this.options.onError?.(error),
    });
  }

  async stop(): Promise<void> {
    await this.subscription?.stop();
    this.subscription = undefined;
  }

  /** Applies one stored event; also used directly after an append so that a search right after sees it. */
  async apply(recorded: RecordedEvent): Promise<void> {
    const petitionId = recorded.streamId.slice(PETITION_STREAM_PREFIX.length);
    const event = { type: recorded.type, data: recorded.data } as PetitionEvent;
    const version = recorded.streamVersion;
    const { pool } = this.options;
    switch (event.type) {
      case 'PetitionReceived': {
        const d = event.data;
        const keys = await this.petitionerKeys(d.petitioners.persons);
        await pool.query(
          `INSERT INTO ${this.table} (petition_id, version, kind, channel, status, received_on, recorded_at,
             classification, sensitive_tags, hamlet_code, petitioner_type, headcount, anonymous, petitioner_refs,
             petitioner_keys, summary, search_text, missing_elements, duplicate_of, repeat_of, reception_session_id, source_system)
           VALUES ($1,$2,$3,$4,'received',$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21)
           ON CONFLICT (petition_id) DO NOTHING`,
          [
            petitionId,
            version,
            d.kind,
            d.channel,
            d.receivedOn,
            d.recordedAt,
            d.classification,
            d.sensitiveTags,
            d.location.hamletCode ?? null,
            d.petitioners.type,
            d.petitioners.headcount,
            d.petitioners.anonymous,
            d.petitioners.persons.map((p) => p.ref),
            keys,
            d.summary,
            this.options.foldText(d.summary),
            d.missingElements,
            d.duplicateOf?.petitionId ?? null,
            d.repeatOf?.petitionId ?? null,
            d.receptionSessionId ?? null,
            d.source?.system ?? null,
          ],
        );
        return;
      }
      case 'PetitionAmended': {
        const c = event.data.changes;
        await pool.query(
          `UPDATE ${this.table} SET version = $2,
             summary = COALESCE($3, summary), search_text = COALESCE($4, search_text),
             classification = COALESCE($5, classification), sensitive_tags = COALESCE($6, sensitive_tags),
             missing_elements = COALESCE($7, missing_elements),
             hamlet_code = CASE WHEN $8::boolean THEN $9 ELSE hamlet_code END
           WHERE petition_id = $1 AND version < $2`,
          [
            petitionId,
            version,
            c.summary ?? null,
            c.summary !== undefined ? this.options.foldText(c.summary) : null,
            c.classification ?? null,
            c.sensitiveTags ?? null,
            c.missingElements ?? null,
            c.location !== undefined,
            c.location?.hamletCode ?? null,
          ],
        );
        return;
      }
      case 'PetitionWithdrawn':
        await this.setStatus(petitionId, version, 'withdrawn');
        return;
      case 'PetitionSplit':
        await this.setStatus(petitionId, version, 'split');
        return;
      case 'PetitionProcessingStarted':
        await this.setStatus(petitionId, version, 'processing');
        return;
      case 'PetitionerDataErased': {
        const stream = await this.options.store.readStream(recorded.streamId);
        const received = stream.find((e) => e.type === 'PetitionReceived')?.data as
          PetitionReceived['data'] | undefined;
        const persons = (received?.petitioners.persons ?? []).filter(
          (p) => p.personId !== event.data.personId,
        );
        const keys = await this.petitionerKeys(persons);
        await pool.query(
          `UPDATE ${this.table} SET version = $2, petitioner_keys = $3 WHERE petition_id = $1 AND version < $2`,
          [petitionId, version, keys],
        );
        return;
      }
      case 'PetitionerIdentityRevealed':
        await pool.query(`UPDATE ${this.table} SET version = $2 WHERE petition_id = $1 AND version < $2`, [
          petitionId,
          version,
        ]);
        return;
    }
  }

  private async setStatus(petitionId: string, version: number, status: string): Promise<void> {
    await this.options.pool.query(
      `UPDATE ${this.table} SET version = $2, status = $3 WHERE petition_id = $1 AND version < $2`,
      [petitionId, version, status],
    );
  }

  private async petitionerKeys(
    persons: PetitionReceived['data']['petitioners']['persons'],
  ): Promise<string[]> {
    if (persons.length === 0) return [];
    const revealed = await this.options.personalData.reveal(persons.map((p) => p.identity));
    const keys = new Set<string>();
    revealed.forEach((identity, i) => {
      if (isErased(identity)) return;
      for (const material of this.options.keyMaterial({ ...identity, hamletCode: persons[i].hamletCode })) {
        keys.add(this.options.personalData.matchKey(material));
      }
    });
    return [...keys].sort();
  }
}
