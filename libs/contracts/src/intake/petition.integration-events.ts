import { z } from 'zod';
import {
  AUTHORITY_LEVELS,
  PETITION_CHANNELS,
  PETITION_KINDS,
  PETITIONER_TYPES,
  RESPONDENT_TYPES,
  SENSITIVE_TAGS,
} from './petition.vocabulary';

/**
 * The `data` of the integration events on `intake.petition-events.v1` (envelope: integration-event.ts).
 * They never carry identity: petitioners appear as pseudonymous references (`P-…`), stable per person,
 * and free texts that may name people (summary, full text, reasons, addresses) stay inside intake —
 * a service that needs them asks intake's API with its own authorisation.
 */

const relation = z.object({ petitionId: z.string(), score: z.number(), reasons: z.array(z.string()) });

/** Whose decision or act, at which level: never the official's identity (`namesOfficial` says one is named). */
export const respondentRefV1 = z.object({
  type: z.enum(RESPONDENT_TYPES),
  level: z.enum(AUTHORITY_LEVELS),
  unitCode: z.string().optional(),
  isChairman: z.boolean(),
  namesOfficial: z.boolean(),
});

export const petitionReceivedV1 = z.object({
  petitionId: z.string().uuid(),
  kind: z.enum(PETITION_KINDS),
  channel: z.enum(PETITION_CHANNELS),
  receivedOn: z.string(),
  writtenOn: z.string().optional(),
  classification: z.string(),
  sensitiveTags: z.array(z.enum(SENSITIVE_TAGS)),
  missingElements: z.array(z.string()),
  hamletCode: z.string().optional(),
  /**
   * Whether the commune lists the hamlet as remote (vùng sâu, vùng xa): longer time limits for
   * complaints. Present whenever `hamletCode` is.
   */
  remoteArea: z.boolean().optional(),
  petitioners: z.object({
    type: z.enum(PETITIONER_TYPES),
    headcount: z.number().int(),
    anonymous: z.boolean(),
    refs: z.array(z.string()),
    representativeRefs: z.array(z.string()),
  }),
  respondent: respondentRefV1.optional(),
  learnedOfDecisionOn: z.string().optional(),
  attachmentCount: z.number().int(),
  receptionSessionId: z.string().optional(),
  sourceSystem: z.string().optional(),
  duplicateOf: relation.optional(),
  repeatOf: relation.optional(),
  /** Set on a part of a split petition: the petition it came from. */
  splitFrom: z.string().uuid().optional(),
});
export type PetitionReceivedV1 = z.infer<typeof petitionReceivedV1>;

export const petitionAmendedV1 = z.object({
  petitionId: z.string().uuid(),
  classification: z.string().optional(),
  sensitiveTags: z.array(z.enum(SENSITIVE_TAGS)).optional(),
  missingElements: z.array(z.string()).optional(),
  hamletCode: z.string().optional(),
  /** With a new `hamletCode`: whether that hamlet is a remote one. */
  remoteArea: z.boolean().optional(),
  learnedOfDecisionOn: z.string().optional(),
});
export type PetitionAmendedV1 = z.infer<typeof petitionAmendedV1>;

export const petitionWithdrawnV1 = z.object({ petitionId: z.string().uuid(), withdrawnAt: z.string() });
export type PetitionWithdrawnV1 = z.infer<typeof petitionWithdrawnV1>;

/** The petition had several contents: it is replaced by its parts (each also gets PetitionReceived). */
export const petitionSplitV1 = z.object({
  petitionId: z.string().uuid(),
  parts: z.array(
    z.object({ petitionId: z.string().uuid(), kind: z.enum(PETITION_KINDS), classification: z.string() }),
  ),
});
export type PetitionSplitV1 = z.infer<typeof petitionSplitV1>;

/** The person asked for erasure: consumers drop what they keep under this reference. */
export const petitionerDataErasedV1 = z.object({ petitionId: z.string().uuid(), petitionerRef: z.string() });
export type PetitionerDataErasedV1 = z.infer<typeof petitionerDataErasedV1>;

export const PETITION_INTEGRATION_EVENTS = {
  PetitionReceived: petitionReceivedV1,
  PetitionAmended: petitionAmendedV1,
  PetitionWithdrawn: petitionWithdrawnV1,
  PetitionSplit: petitionSplitV1,
  PetitionerDataErased: petitionerDataErasedV1,
} as const;
