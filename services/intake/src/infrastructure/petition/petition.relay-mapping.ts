import {
  Topics,
  type PetitionAmendedV1,
  type PetitionReceivedV1,
  type PetitionSplitV1,
  type PetitionWithdrawnV1,
  type PetitionerDataErasedV1,
} from '@tiep-dan/contracts';
import type { RecordedEvent } from '@tiep-dan/event-store';
import type { RelayMessage } from '@tiep-dan/messaging';
import { integrationMessage } from '@tiep-dan/platform';
import type { PetitionEvent } from '../../domain/petition/petition.events';

/** Streams of the petition aggregate: `petition-<id>`. */
export const PETITION_STREAM_PREFIX = 'petition-';

/**
 * Maps stored petition events to the public events of `intake.petition-events.v1`: identity and free
 * texts stay in intake (see petition.integration-events.ts). Internal events map to `null`.
 */
export function petitionRelayMapper(recorded: RecordedEvent): RelayMessage | null {
  if (!recorded.streamId.startsWith(PETITION_STREAM_PREFIX)) return null;
  const petitionId = recorded.streamId.slice(PETITION_STREAM_PREFIX.length);
  const data = publicData(petitionId, { type: recorded.type, data: recorded.data } as PetitionEvent);
  return data ? integrationMessage(Topics.intakePetitionEvents, petitionId, recorded, data) : null;
}

function publicData(petitionId: string, event: PetitionEvent): Record<string, unknown> | null {
  switch (event.type) {
    case 'PetitionReceived': {
      const d = event.data;
      const persons = d.petitioners.persons;
      const data: PetitionReceivedV1 = {
        petitionId,
        kind: d.kind,
        channel: d.channel,
        receivedOn: d.receivedOn,
        ...(d.writtenOn ? { writtenOn: d.writtenOn } : {}),
        classification: d.classification,
        sensitiveTags: d.sensitiveTags,
        missingElements: d.missingElements,
        ...(d.location.hamletCode ? { hamletCode: d.location.hamletCode } : {}),
        ...(d.location.remoteArea !== undefined ? { remoteArea: d.location.remoteArea } : {}),
        petitioners: {
          type: d.petitioners.type,
          headcount: d.petitioners.headcount,
          anonymous: d.petitioners.anonymous,
          refs: persons.map((p) => p.ref),
          representativeRefs: persons.filter((p) => p.representative).map((p) => p.ref),
        },
        ...(d.respondent
          ? {
              respondent: {
                type: d.respondent.type,
                level: d.respondent.level,
                ...(d.respondent.unitCode ? { unitCode: d.respondent.unitCode } : {}),
                isChairman: d.respondent.isChairman,
                namesOfficial: d.respondent.official !== undefined,
              },
            }
          : {}),
        ...(d.learnedOfDecisionOn ? { learnedOfDecisionOn: d.learnedOfDecisionOn } : {}),
        attachmentCount: d.attachments.length,
        ...(d.receptionSessionId ? { receptionSessionId: d.receptionSessionId } : {}),
        ...(d.source ? { sourceSystem: d.source.system } : {}),
        ...(d.duplicateOf ? { duplicateOf: d.duplicateOf } : {}),
        ...(d.repeatOf ? { repeatOf: d.repeatOf } : {}),
        ...(d.splitFrom ? { splitFrom: d.splitFrom } : {}),
      };
      return data;
    }
    case 'PetitionAmended': {
      const c = event.data.changes;
      const data: PetitionAmendedV1 = {
        petitionId,
        ...(c.classification !== undefined ? { classification: c.classification } : {}),
        ...(c.sensitiveTags !== undefined ? { sensitiveTags: c.sensitiveTags } : {}),
        ...(c.missingElements !== undefined ? { missingElements: c.missingElements } : {}),
        ...(c.location?.hamletCode !== undefined ? { hamletCode: c.location.hamletCode } : {}),
        ...(c.location?.remoteArea !== undefined ? { remoteArea: c.location.remoteArea } : {}),
        ...(c.learnedOfDecisionOn !== undefined ? { learnedOfDecisionOn: c.learnedOfDecisionOn } : {}),
      };
      // An amendment of texts only changes nothing other services see.
      return Object.keys(data).length > 1 ? data : null;
    }
    case 'PetitionWithdrawn': {
      const data: PetitionWithdrawnV1 = { petitionId, withdrawnAt: event.data.withdrawnAt };
      return data;
    }
    case 'PetitionSplit': {
      const data: PetitionSplitV1 = {
        petitionId,
        parts: event.data.parts.map((p) => ({
          petitionId: p.petitionId,
          kind: p.kind,
          classification: p.classification,
        })),
      };
      return data;
    }
    case 'PetitionerDataErased': {
      const data: PetitionerDataErasedV1 = { petitionId, petitionerRef: event.data.personRef };
      return data;
    }
    case 'PetitionProcessingStarted':
    case 'PetitionerIdentityRevealed':
      return null;
    default:
      // A type the mapper does not know would otherwise be skipped silently: stop the relay instead.
      throw new Error(`No public mapping for petition event type "${(event as { type: string }).type}"`);
  }
}
