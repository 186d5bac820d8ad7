import { z } from 'zod';
import { respondentRefV1 } from '../intake/petition.integration-events';
import {
  AUTHORITY_LEVELS,
  PETITION_CHANNELS,
  PETITION_KINDS,
  PETITIONER_TYPES,
  SENSITIVE_TAGS,
} from '../intake/petition.vocabulary';
import {
  CASE_COMPLEXITIES,
  COMPLAINT_ROUNDS,
  DEADLINE_STAGES,
  FILING_REASONS,
  PROCESSING_OUTCOMES,
} from './routing.vocabulary';

/**
 * The `data` of the integration events on `routing.processing-events.v1` (key: petition id; envelope:
 * integration-event.ts): the processing of one petition (xử lý đơn) from its receipt to the decision.
 * Routing's relay publishes the domain events of services/routing/src/domain/processing as they are;
 * routing.relay-contract.spec.ts there fails when they and these schemas part. Objects are open: a
 * field may be added within the version, so consumers ignore the fields they do not know.
 */

const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD');
const instant = z.string().datetime({ offset: true });

/** A legal time limit: "10 ngày" counts calendar days, "10 ngày làm việc" working days. */
export const durationV1 = z.object({
  amount: z.number().int(),
  unit: z.enum(['calendar_days', 'working_days']),
});
export type DurationV1 = z.infer<typeof durationV1>;

/**
 * What routing keeps of intake's PetitionReceived (petition.integration-events.ts): the same facts,
 * without the representatives, the attachments and the source; petitioners as `P-…` refs only.
 */
export const petitionFactsV1 = z.object({
  petitionId: z.string().uuid(),
  kind: z.enum(PETITION_KINDS),
  channel: z.enum(PETITION_CHANNELS),
  receivedOn: localDate,
  classification: z.string(),
  sensitiveTags: z.array(z.enum(SENSITIVE_TAGS)),
  missingElements: z.array(z.string()),
  hamletCode: z.string().optional(),
  /** Intake: the commune lists the hamlet as remote; the decision's default. */
  remoteArea: z.boolean().optional(),
  petitioners: z.object({
    type: z.enum(PETITIONER_TYPES),
    headcount: z.number().int(),
    anonymous: z.boolean(),
    refs: z.array(z.string()),
  }),
  respondent: respondentRefV1.optional(),
  learnedOfDecisionOn: localDate.optional(),
  duplicateOf: z.object({ petitionId: z.string() }).optional(),
  repeatOf: z.object({ petitionId: z.string() }).optional(),
  splitFrom: z.string().uuid().optional(),
});
export type PetitionFactsV1 = z.infer<typeof petitionFactsV1>;

/** A text in Vietnamese and English (the admin UI shows either). */
export const localizedTextV1 = z.object({ vi: z.string(), en: z.string() });

/** A body that can be competent: a commune unit (`internal`) or an outside body. */
export const bodyRefV1 = z.object({
  code: z.string(),
  name: localizedTextV1,
  level: z.enum(AUTHORITY_LEVELS),
  internal: z.boolean(),
});
export type BodyRefV1 = z.infer<typeof bodyRefV1>;

const proposalFields = {
  filingReason: z.enum(FILING_REASONS).optional(),
  body: bodyRefV1.optional(),
  /** The commune unit an accepted petition goes to. */
  unitCode: z.string().optional(),
  /** The competence rule that placed the petition, and the version of the rule set it belongs to. */
  ruleId: z.string().optional(),
  ruleSetVersion: z.number().int().optional(),
  complaintRound: z.enum(COMPLAINT_ROUNDS).optional(),
  explanation: localizedTextV1,
};

/** What the rules propose; `undetermined` with a `gap` when no rule (or more than one) placed it. */
export const processingProposalV1 = z.object({
  outcome: z.enum([...PROCESSING_OUTCOMES, 'undetermined']),
  ...proposalFields,
  gap: z.object({ code: z.string(), message: z.string() }).optional(),
});
export type ProcessingProposalV1 = z.infer<typeof processingProposalV1>;

/** What the processor decided: the proposal confirmed, or overridden with a reason. */
export const processingDecisionV1 = z.object({
  outcome: z.enum(PROCESSING_OUTCOMES),
  ...proposalFields,
  complexity: z.enum(CASE_COMPLEXITIES),
  remoteArea: z.boolean(),
  /**
   * The decision differs from the proposal (counted for the misrouting rate). The `explanation` is
   * then a fixed text: the processor's written reason stays in routing (it may name people).
   */
  overridden: z.boolean(),
  /** `accept` only: the case the acceptance opens (its events come on `routing.case-events.v1`). */
  caseId: z.string().uuid().optional(),
});
export type ProcessingDecisionV1 = z.infer<typeof processingDecisionV1>;

export const processingOpenedV1 = z.object({
  petitionId: z.string().uuid(),
  facts: petitionFactsV1,
  /** The time to decide (TT 05/2021: 10 days from receipt), counted from `start` excluded. */
  deadline: z.object({ start: localDate, dueOn: localDate, duration: durationV1 }),
  openedAt: instant,
});
export type ProcessingOpenedV1 = z.infer<typeof processingOpenedV1>;

export const processingProposedV1 = z.object({
  petitionId: z.string().uuid(),
  proposal: processingProposalV1,
  proposedAt: instant,
});
export type ProcessingProposedV1 = z.infer<typeof processingProposedV1>;

export const processingFactsAmendedV1 = z.object({
  petitionId: z.string().uuid(),
  facts: petitionFactsV1,
  amendedAt: instant,
});
export type ProcessingFactsAmendedV1 = z.infer<typeof processingFactsAmendedV1>;

export const processingDecidedV1 = z.object({
  petitionId: z.string().uuid(),
  kind: z.enum(PETITION_KINDS),
  receivedOn: localDate,
  decision: processingDecisionV1,
  /** The proposal the decision was made on. */
  proposed: processingProposalV1,
  /** The processor's user id. */
  decidedBy: z.string(),
  decidedAt: instant,
  decidedOn: localDate,
  /** Decided after the processing deadline. */
  late: z.boolean(),
});
export type ProcessingDecidedV1 = z.infer<typeof processingDecidedV1>;

export const processingCancelledV1 = z.object({
  petitionId: z.string().uuid(),
  reason: z.enum(['withdrawn', 'split']),
  cancelledAt: instant,
});
export type ProcessingCancelledV1 = z.infer<typeof processingCancelledV1>;

/**
 * Announced once per stage by a clock tick while the petition waits for its decision; never an earlier
 * stage after a later one (a stage passed while no tick came is implied by the later one).
 */
export const processingDeadlineReachedV1 = z.object({
  petitionId: z.string().uuid(),
  stage: z.enum(DEADLINE_STAGES),
  dueOn: localDate,
  today: localDate,
});
export type ProcessingDeadlineReachedV1 = z.infer<typeof processingDeadlineReachedV1>;

export const PROCESSING_INTEGRATION_EVENTS = {
  ProcessingOpened: processingOpenedV1,
  ProcessingProposed: processingProposedV1,
  ProcessingFactsAmended: processingFactsAmendedV1,
  ProcessingDecided: processingDecidedV1,
  ProcessingCancelled: processingCancelledV1,
  ProcessingDeadlineReached: processingDeadlineReachedV1,
} as const;
