import { currentCorrelationId } from '@tiep-dan/platform';
import { randomUUID } from 'node:crypto';
import { DomainError, petitionSubmissionSchema, type PetitionSubmission } from '@tiep-dan/contracts';
import type { EventStore } from '@tiep-dan/event-store';
import type { Pool } from 'pg';
import type { Actor, PetitionCommand } from '../../domain/petition/petition.decide';

type AmendChanges = Extract<PetitionCommand, { type: 'AmendPetition' }>['changes'];
import type {
  PetitionLocation,
  PetitionReceived,
  PetitionRelation,
  RecordedAttachment,
  RecordedPetitioner,
} from '../../domain/petition/petition.events';
import { checkSubmission, missingElementsOf } from '../../domain/petition/petition.rules';
import type { PetitionState } from '../../domain/petition/petition.state';
import { nameBasedUuid, requestHash } from '../../infrastructure/petition/deterministic-id';
import { PetitionRepository } from '../../infrastructure/petition/petition.repository';
import { MatchCandidatesQuery } from '../../infrastructure/petition/match-candidates.query';
import type {
  KeyMaterial,
  PetitionSearchProjection,
} from '../../infrastructure/petition/petition-search.projection';
import { isErased, type PersonalDataPort } from './personal-data.port';

/** How the matcher (domain/matching) sees a petition. */
export interface MatchCandidate {
  petitionId: string;
  kind: string;
  petitionerKeys: string[];
  hamletKey?: string;
  subjectText: string;
  /** The classification code (phân loại): the same one corroborates a re-worded matter. */
  classification?: string;
  receivedOn: string;
  status: 'open' | 'resolved' | 'filed' | 'withdrawn';
}

export type RelatedFinder = (
  candidate: MatchCandidate,
  existing: MatchCandidate[],
) => { duplicateOf?: PetitionRelation; repeatOf?: PetitionRelation };

export interface SubmitContext {
  actor: Actor;
  now: Date;
  today: string;
  /** Scope + key of the client's idempotency key; absent: a new petition every time. */
  idempotency?: { scope: string; key: string };
  correlationId?: string;
}

export interface PetitionsServiceOptions {
  store: EventStore;
  pool: Pool;
  schema: string;
  personalData: PersonalDataPort;
  projection: PetitionSearchProjection;
  keyMaterial: KeyMaterial;
  findRelated: RelatedFinder;
  /** The earlier petitions a new one is compared with; default: one statement per lookup. */
  candidates?: MatchCandidatesQuery;
  /** Checks, and stores where given inline, the attachments of a submission (application/attachments). */
  attachments?: {
    resolveForPetition(inputs: PetitionSubmission['attachments']): Promise<RecordedAttachment[]>;
  };
  /** The commune's hamlet code for a code or an alias ("Thôn Ba" → thon-3); undefined if unknown. */
  resolveHamlet?: (codeOrAlias: string) => string | undefined;
  /** Whether the commune lists a hamlet (by code) as remote: longer time limits for complaints. */
  isRemoteHamlet?: (hamletCode: string) => boolean;
}

export interface SubmitResult {
  petitionId: string;
  version: number;
  /** False when this was a retry of a submission already recorded. */
  created: boolean;
  state: PetitionState;
}

/**
 * The use cases of petitions at intake. Every interface (REST, Kafka submissions, Open311) goes through
 * `submit`, so they share validation, error codes, idempotency and duplicate detection.
 */
export class PetitionsService {
  readonly repository: PetitionRepository;
  private readonly candidates: MatchCandidatesQuery;

  constructor(private readonly options: PetitionsServiceOptions) {
    this.repository = new PetitionRepository(options.store);
    this.candidates =
      options.candidates ?? new MatchCandidatesQuery({ pool: options.pool, schema: options.schema });
  }

  /** Validates a raw submission (shape, then the rules) and records it once. */
  async submit(raw: unknown, context: SubmitContext): Promise<SubmitResult> {
    const parsed = petitionSubmissionSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new DomainError(
        'PETITION.INVALID_INPUT',
        `Dữ liệu đơn không hợp lệ tại "${issue.path.join('.') || '(gốc)'}": ${issue.message}`,
        'validation',
        {
          path: issue.path.join('.'),
          issues: parsed.error.issues
            .slice(0, 10)
            .map((i) => ({ path: i.path.join('.'), message: i.message })),
        },
      );
    }
    return this.record(parsed.data, context);
  }

  private async record(input: PetitionSubmission, context: SubmitContext): Promise<SubmitResult> {
    const submission = this.withHamletCodes(input);
    const checked = checkSubmission(submission, context.today);
    const hash = requestHash(submission);
    const petitionId = context.idempotency
      ? nameBasedUuid(`petition:${context.idempotency.scope}:${context.idempotency.key}`)
      : randomUUID();

    const { personalData } = this.options;
    // Name-based, so that a retry reuses the persons' keys instead of creating orphan ones.
    const personIds = checked.petitioners.persons.map((_, index) =>
      nameBasedUuid(`${petitionId}:person:${index}`),
    );
    const officialName = submission.respondent?.officialName;
    const keys = new Set<string>();
    for (const person of checked.petitioners.persons)
      for (const material of this.options.keyMaterial(person)) keys.add(personalData.matchKey(material));
    const petitionerKeys = [...keys];
    // Independent round trips: the persons' keys are created while the candidates are looked up.
    const [identities, relations] = await Promise.all([
      personalData.protect([
        ...checked.petitioners.persons.map((person, index) => ({
          personId: personIds[index],
          fields: {
            fullName: person.fullName,
            citizenId: person.citizenId,
            phone: person.phone,
            email: person.email,
            address: person.address,
          },
        })),
        ...(officialName !== undefined
          ? [
              {
                personId: nameBasedUuid(`${petitionId}:official`),
                fields: { fullName: officialName.normalize('NFC') },
              },
            ]
          : []),
      ]),
      this.related(petitionId, submission, checked.summary, petitionerKeys),
    ]);
    const persons: RecordedPetitioner[] = checked.petitioners.persons.map((person, index) => ({
      personId: personIds[index],
      ref: personalData.pseudonym(personIds[index]),
      representative: person.representative === true,
      ...(person.hamletCode ? { hamletCode: person.hamletCode } : {}),
      hasCitizenId: person.citizenId !== undefined,
      hasPhone: person.phone !== undefined,
      identity: identities[index],
    }));
    const official = officialName !== undefined ? identities[persons.length] : undefined;

    const attachments = this.options.attachments
      ? await this.options.attachments.resolveForPetition(submission.attachments)
      : submission.attachments.map((a) => ({
          name: a.name.normalize('NFC'),
          contentType: a.contentType,
          size: a.size,
          sha256: a.sha256,
        }));

    const received: PetitionReceived['data'] = {
      petitionId,
      kind: submission.kind,
      channel: submission.channel,
      receivedOn: submission.receivedOn,
      ...(submission.writtenOn ? { writtenOn: submission.writtenOn } : {}),
      recordedAt: context.now.toISOString(),
      recordedBy: context.actor.username,
      petitioners: {
        type: checked.petitioners.type,
        headcount: checked.petitioners.headcount,
        anonymous: checked.petitioners.type === 'anonymous',
        persons,
      },
      summary: checked.summary,
      ...(checked.fullText !== undefined ? { fullText: checked.fullText } : {}),
      classification: submission.classification,
      sensitiveTags: [...new Set(submission.sensitiveTags)],
      eligibility: submission.eligibility,
      missingElements: checked.missingElements,
      location: this.locationOf(submission.location),
      ...(submission.respondent
        ? {
            respondent: {
              type: submission.respondent.type,
              level: submission.respondent.level,
              description: submission.respondent.description.normalize('NFC'),
              ...(submission.respondent.unitCode ? { unitCode: submission.respondent.unitCode } : {}),
              isChairman: submission.respondent.isChairman === true,
              ...(official ? { official } : {}),
            },
          }
        : {}),
      ...(submission.learnedOfDecisionOn ? { learnedOfDecisionOn: submission.learnedOfDecisionOn } : {}),
      attachments,
      ...(submission.receptionSessionId ? { receptionSessionId: submission.receptionSessionId } : {}),
      ...(submission.source ? { source: submission.source } : {}),
      ...(submission.note ? { note: submission.note.normalize('NFC') } : {}),
      ...relations,
      requestHash: hash,
    };

    // A new petition is the common case, so the stream is not read first: when it exists already (a
    // retry, or a key used again) the append is refused and the repository decides again on the stored
    // petition — no change for the same submission, IDEMPOTENCY.KEY_REUSED for another one. A retry
    // thus redoes the work above (the persons' keys are found again by their name-based ids).
    const result = await this.repository.handle(
      petitionId,
      { type: 'RecordPetition', now: context.now.toISOString(), received },
      this.metadata(context),
      { state: undefined, version: -1, events: [] },
    );
    // The hot path: apply what was just appended, with the match keys computed above, instead of
    // reading the stream back and decrypting the identities again.
    for (const event of result.recorded) await this.options.projection.apply(event, { petitionerKeys });
    return { petitionId, version: result.version, created: result.appended.length > 0, state: result.state };
  }

  /** The location as recorded: with whether its hamlet is a remote one, when the hamlet is known. */
  private locationOf(location: PetitionSubmission['location']): PetitionLocation {
    const { hamletCode } = location;
    const isRemote = this.options.isRemoteHamlet;
    return hamletCode !== undefined && isRemote
      ? { ...location, remoteArea: isRemote(hamletCode) }
      : location;
  }

  /** Hamlets must be the commune's: an alias becomes its code, an unknown one is refused. */
  private withHamletCodes(submission: PetitionSubmission): PetitionSubmission {
    const resolve = this.options.resolveHamlet;
    if (!resolve) return submission;
    const code = (value: string | undefined, field: string) => {
      if (value === undefined) return undefined;
      const resolved = resolve(value);
      if (!resolved) {
        throw new DomainError(
          'PETITION.UNKNOWN_HAMLET',
          `Xã không có thôn, tổ dân phố "${value}".`,
          'validation',
          {
            field,
          },
        );
      }
      return resolved;
    };
    const locationHamlet = code(submission.location.hamletCode, 'location.hamletCode');
    return {
      ...submission,
      location: { ...submission.location, ...(locationHamlet ? { hamletCode: locationHamlet } : {}) },
      petitioners: {
        ...submission.petitioners,
        persons: submission.petitioners.persons.map((person, i) => {
          const hamletCode = code(person.hamletCode, `petitioners.persons.${i}.hamletCode`);
          return hamletCode ? { ...person, hamletCode } : person;
        }),
      },
    };
  }

  async amend(
    petitionId: string,
    input: { reason: string; changes: Record<string, unknown> },
    context: SubmitContext,
  ): Promise<SubmitResult> {
    const loaded = await this.repository.load(petitionId);
    const current = loaded.state?.current;
    const amendedHamlet = (input.changes as AmendChanges).location?.hamletCode;
    const changes = (
      amendedHamlet !== undefined
        ? {
            ...input.changes,
            location: this.locationOf(
              this.withHamletCodes({
                location: (input.changes as AmendChanges).location,
                petitioners: { type: 'anonymous', persons: [] },
              } as unknown as PetitionSubmission).location,
            ),
          }
        : input.changes
    ) as AmendChanges;
    // The missing elements follow amended eligibility facts; persons and respondent are not amendable.
    const recomputed =
      current && changes.eligibility
        ? missingElementsOf({
            kind: current.kind,
            eligibility: changes.eligibility,
            ...(current.writtenOn !== undefined ? { writtenOn: current.writtenOn } : {}),
            anonymous: current.petitioners.anonymous,
            hasAddress: !current.missingElements.includes('address'),
            hasRespondent: current.respondent !== undefined,
          })
        : undefined;
    const result = await this.repository.handle(
      petitionId,
      {
        type: 'AmendPetition',
        now: context.now.toISOString(),
        today: context.today,
        actor: context.actor,
        reason: input.reason,
        changes,
        ...(recomputed ? { missingElements: recomputed } : {}),
      },
      this.metadata(context),
    );
    await this.refreshSearch(petitionId);
    return { petitionId, version: result.version, created: false, state: result.state };
  }

  /**
   * Tách đơn: a petition with several contents becomes one petition per content. The original records
   * the split; each part is a petition of its own (same petitioners, channel and dates, its own kind,
   * classification and summary) that links back to it. Part ids are name-based, so a retried split
   * (even after a crash between the two steps) ends with the same parts, each recorded once.
   */
  async split(
    petitionId: string,
    input: {
      reason: string;
      parts: Array<{
        kind: PetitionSubmission['kind'];
        classification: string;
        summary: string;
        sensitiveTags?: PetitionSubmission['sensitiveTags'];
      }>;
    },
    context: SubmitContext,
  ): Promise<{ petitionId: string; parts: string[] }> {
    const parts = input.parts.map((part, i) => ({
      ...part,
      petitionId: nameBasedUuid(`${petitionId}:part:${i}`),
    }));
    const result = await this.repository.handle(
      petitionId,
      {
        type: 'SplitPetition',
        now: context.now.toISOString(),
        actor: context.actor,
        reason: input.reason,
        parts,
      },
      this.metadata(context),
    );
    const original = result.state.current;
    const splitEvent = (await this.repository.load(petitionId)).events.find(
      (e) => e.type === 'PetitionSplit',
    );
    if (!splitEvent || splitEvent.type !== 'PetitionSplit')
      throw new Error('split petition without its PetitionSplit event');
    for (const part of splitEvent.data.parts) {
      const received: PetitionReceived['data'] = {
        ...original,
        petitionId: part.petitionId,
        kind: part.kind,
        classification: part.classification,
        summary: part.summary,
        sensitiveTags: part.sensitiveTags,
        recordedAt: context.now.toISOString(),
        recordedBy: context.actor.username,
        // The 90-day limit only concerns complaints; the other elements are rechecked for the new kind.
        ...(part.kind === 'complaint' ? {} : { learnedOfDecisionOn: undefined }),
        missingElements: missingElementsOf({
          kind: part.kind,
          eligibility: original.eligibility,
          ...(original.writtenOn !== undefined ? { writtenOn: original.writtenOn } : {}),
          anonymous: original.petitioners.anonymous,
          hasAddress: !original.missingElements.includes('address'),
          hasRespondent: original.respondent !== undefined,
        }),
        splitFrom: petitionId,
        requestHash: requestHash({ splitFrom: petitionId, part: part.petitionId }),
      };
      if (received.learnedOfDecisionOn === undefined) delete received.learnedOfDecisionOn;
      delete received.duplicateOf;
      delete received.repeatOf;
      await this.repository.handle(
        part.petitionId,
        { type: 'RecordPetition', now: context.now.toISOString(), received },
        this.metadata(context),
      );
      await this.refreshSearch(part.petitionId);
    }
    await this.refreshSearch(petitionId);
    return { petitionId, parts: splitEvent.data.parts.map((p) => p.petitionId) };
  }

  async withdraw(petitionId: string, reason: string, context: SubmitContext): Promise<SubmitResult> {
    const result = await this.repository.handle(
      petitionId,
      { type: 'WithdrawPetition', now: context.now.toISOString(), actor: context.actor, reason },
      this.metadata(context),
    );
    await this.refreshSearch(petitionId);
    return { petitionId, version: result.version, created: false, state: result.state };
  }

  /** Shows a denouncer's identity to an allowed role, recording who saw it and why (an event). */
  async revealIdentity(petitionId: string, reason: string, context: SubmitContext) {
    const result = await this.repository.handle(
      petitionId,
      { type: 'RevealPetitionerIdentity', now: context.now.toISOString(), actor: context.actor, reason },
      this.metadata(context),
    );
    await this.refreshSearch(petitionId);
    const persons = result.state.received.petitioners.persons;
    const identities = await this.options.personalData.reveal(persons.map((p) => p.identity));
    return persons.map((p, i) => ({
      personId: p.personId,
      ref: p.ref,
      representative: p.representative,
      ...(isErased(identities[i]) ? { erased: true } : identities[i]),
    }));
  }

  /** Erasure request: destroys the person's key, then records the fact on the petition. */
  async erasePerson(petitionId: string, personId: string, reason: string, context: SubmitContext) {
    const loaded = await this.repository.load(petitionId);
    if (!loaded.state) throw new DomainError('PETITION.NOT_FOUND', 'Không tìm thấy đơn.', 'not_found');
    if (!loaded.state.received.petitioners.persons.some((p) => p.personId === personId)) {
      throw new DomainError('PETITION.UNKNOWN_PERSON', 'Người này không có trong đơn.', 'not_found');
    }
    await this.options.personalData.erase(personId, context.actor.username, reason);
    const result = await this.repository.handle(
      petitionId,
      { type: 'ErasePetitionerData', now: context.now.toISOString(), actor: context.actor, reason, personId },
      this.metadata(context),
    );
    await this.refreshSearch(petitionId);
    return { petitionId, version: result.version };
  }

  async get(petitionId: string): Promise<{ state: PetitionState; version: number }> {
    const loaded = await this.repository.load(petitionId);
    if (!loaded.state) throw new DomainError('PETITION.NOT_FOUND', 'Không tìm thấy đơn.', 'not_found');
    return { state: loaded.state, version: loaded.version };
  }

  private async related(
    petitionId: string,
    submission: PetitionSubmission,
    summary: string,
    keys: string[],
  ): Promise<{ duplicateOf?: PetitionRelation; repeatOf?: PetitionRelation }> {
    const existing = await this.candidates.find(petitionId, keys);
    // Nobody to compare with: nothing to relate, and the matcher's text work can be spared.
    if (existing.length === 0) return {};
    const candidate: MatchCandidate = {
      petitionId,
      kind: submission.kind,
      petitionerKeys: keys,
      ...(submission.location.hamletCode ? { hamletKey: submission.location.hamletCode } : {}),
      subjectText: summary,
      classification: submission.classification,
      receivedOn: submission.receivedOn,
      status: 'open',
    };
    return this.options.findRelated(candidate, existing);
  }

  /** The projection also follows the store; applying right away makes a search after a write see it. */
  private async refreshSearch(petitionId: string): Promise<void> {
    const events = await this.options.store.readStream(PetitionRepository.streamId(petitionId));
    for (const event of events) await this.options.projection.apply(event);
  }

  private metadata(context: SubmitContext) {
    // The request's correlation id (platform logging) when the caller did not name one.
    const correlationId = context.correlationId ?? currentCorrelationId();
    return {
      actor: context.actor.userId,
      occurredAt: context.now.toISOString(),
      ...(correlationId ? { correlationId } : {}),
    };
  }
}
