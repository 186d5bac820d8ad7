import { z } from 'zod';
import { PETITION_KINDS, SENSITIVE_TAGS } from '../intake/petition.vocabulary';
import { CASE_INTEGRATION_EVENTS } from './case.integration-events';
import { CASE_COMPLEXITIES, CONCLUSION_RESULTS, UNIT_UPDATE_TYPES } from './routing.vocabulary';

const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD');
const unitCode = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'a unit code (lower-case letters, digits, -)');

/**
 * A unit's report on a case it was assigned, on `units.case-updates.v1` (key: case id). `updateId` is
 * the unit's own id for this report: routing applies each id once, so a unit may resend freely.
 * The same actions exist over REST (`/api/routing/cases/{caseId}/...`) for units that work in the UI.
 */
export const unitCaseUpdateSchema = z
  .object({
    updateId: z.string().uuid(),
    caseId: z.string().uuid(),
    unitCode,
    type: z.enum(UNIT_UPDATE_TYPES),
    /** When the unit did it (ISO 8601 with offset). */
    occurredAt: z.string().datetime({ offset: true }),
    /** The unit's handler (an id in the unit's system; never a citizen's data). */
    handler: z.string().min(1).max(200).optional(),
    note: z.string().min(1).max(5000).optional(),
    /**
     * `extension_request`: the written reason (required by law), the number of the written decision,
     * the days it adds when fewer than the law's most (the default), and the complexity it declares.
     */
    extension: z
      .object({
        reason: z.string().min(1).max(2000),
        decisionNumber: z.string().max(100).optional(),
        amount: z.number().int().min(1).max(90).optional(),
        complexity: z.enum(CASE_COMPLEXITIES).optional(),
      })
      .strict()
      .optional(),
    /** `conclusion`: the decision (complaint) or conclusion (denunciation) issued. */
    conclusion: z
      .object({
        result: z.enum(CONCLUSION_RESULTS),
        documentNumber: z.string().min(1).max(100),
        issuedOn: localDate,
        summary: z.string().max(5000).optional(),
      })
      .optional(),
  })
  .strict()
  .superRefine((update, ctx) => {
    if (update.type === 'extension_request' && !update.extension)
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['extension'],
        message: 'an extension request needs its written reason',
      });
    if (update.type === 'conclusion' && !update.conclusion)
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['conclusion'],
        message: 'a conclusion needs its result, document number and date',
      });
    if (update.type === 'progress_note' && !update.note)
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['note'],
        message: 'a progress note needs its text',
      });
  });
export type UnitCaseUpdate = z.infer<typeof unitCaseUpdateSchema>;

/** A deadline as units see it: the date and the unit it was counted in. */
export const deadlineView = z.object({
  kind: z.string(),
  start: localDate,
  dueOn: localDate,
  amount: z.number().int(),
  unit: z.enum(['calendar_days', 'working_days']),
});

/**
 * An assignment on `routing.unit-assignments.<unit>.v1` (key: case id), published when a case is
 * assigned or transferred to the unit. No personal data: the unit's handler reads the file (with the
 * denouncer's identity stripped) through routing's and intake's APIs under its own authorisation.
 */
export const unitAssignmentV1 = z.object({
  caseId: z.string().uuid(),
  petitionId: z.string().uuid(),
  unitCode,
  handlerId: z.string().optional(),
  kind: z.enum(PETITION_KINDS),
  classification: z.string(),
  sensitiveTags: z.array(z.enum(SENSITIVE_TAGS)),
  complexity: z.enum(CASE_COMPLEXITIES),
  assignedOn: localDate,
  /** The unit must acknowledge by then, or routing escalates. */
  acknowledgeBy: localDate,
  deadlines: z.array(deadlineView),
  /** Set when the case came from another unit (the history stays with the case). */
  transferredFrom: unitCode.optional(),
});
export type UnitAssignmentV1 = z.infer<typeof unitAssignmentV1>;

/**
 * What a unit's topic `routing.unit-assignments.<unit>.v1` carries, by envelope type: its assignments
 * as `UnitAssignmentV1`, then every event of the case while it is with the unit (each event's
 * `unitCode`), with the same data as on `routing.case-events.v1`. Not the opening: the assignment
 * that follows it is what the unit acts on.
 */
export const UNIT_TOPIC_EVENTS = (() => {
  const { CaseOpened: _opened, CaseAssigned: _assigned, ...rest } = CASE_INTEGRATION_EVENTS;
  return { CaseAssigned: unitAssignmentV1, ...rest } as const;
})();
export type UnitTopicEventType = keyof typeof UNIT_TOPIC_EVENTS;
