import { Topics } from '@tiep-dan/contracts';
import type { RecordedEvent } from '@tiep-dan/event-store';
import type { RelayMessage } from '@tiep-dan/messaging';
import { integrationMessage } from '@tiep-dan/platform';
import type { ReceptionSessionEvent, SessionDetails, VisitDetails } from '../../domain/reception';
import {
  RECEPTION_STREAM_PREFIX,
  toReceptionEvent,
} from '../../infrastructure/reception/reception-session.streams';

/**
 * The public face of reception sessions on `intake.reception-events.v1` (key: session id), for the
 * 01/TCD report and the compliance checks. Free text (matter summaries, notes, reasons, the grounds
 * of an "other" refusal, guidance), visitor references and meeting links stay inside intake: consumers
 * count and check, they do not need to know who came or what was said.
 */

function publicDetails(details: SessionDetails): Record<string, unknown> {
  const { venue } = details;
  return {
    kind: details.kind,
    date: details.date,
    mode: venue.mode,
    ...(venue.mode === 'in_person'
      ? { site: venue.site }
      : { platform: venue.platform, linkedSites: venue.linkedSites }),
    presidedBy: details.presidedBy,
    receivingOfficialIds: details.receivingOfficialIds,
  };
}

function publicVisit(visitId: string, visit: VisitDetails): Record<string, unknown> {
  const { outcome } = visit;
  return {
    visitId,
    peopleCount: visit.peopleCount,
    ...(visit.delegation ? { delegation: visit.delegation } : {}),
    firstTime: visit.firstTime,
    outcome:
      outcome.type === 'petition_recorded'
        ? { type: outcome.type, petitionIds: outcome.petitionIds }
        : outcome.type === 'refused'
          ? { type: outcome.type, reason: outcome.reason.code }
          : { type: outcome.type },
  };
}

/** `null`: the event is internal (notes). */
function publicData(event: ReceptionSessionEvent): Record<string, unknown> | null {
  switch (event.type) {
    case 'ReceptionSessionOpened':
      return { sessionId: event.data.sessionId, ...publicDetails(event.data) };
    case 'ReceptionSessionCorrected':
      return publicDetails(event.data);
    case 'CitizenReceived':
    case 'VisitCorrected':
      return publicVisit(event.data.visitId, event.data);
    case 'VisitVoided':
      return { visitId: event.data.visitId };
    case 'PetitionLinked':
      return event.data.visitId === undefined
        ? { petitionId: event.data.petitionId }
        : { petitionId: event.data.petitionId, visitId: event.data.visitId };
    case 'PetitionUnlinked':
      return { petitionId: event.data.petitionId };
    case 'ReceptionSessionClosed':
      return { closedAt: event.data.closedAt, summary: event.data.summary };
    case 'NoteAdded':
      return null;
  }
}

export function receptionRelayMapper(event: RecordedEvent): RelayMessage | null {
  if (!event.streamId.startsWith(RECEPTION_STREAM_PREFIX)) return null;
  const data = publicData(toReceptionEvent(event));
  if (data === null) return null;
  return integrationMessage(
    Topics.intakeReceptionEvents,
    event.streamId.slice(RECEPTION_STREAM_PREFIX.length),
    event,
    data,
  );
}
