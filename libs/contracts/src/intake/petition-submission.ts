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
 * A petition as staff (REST) and other systems (`intake.submissions.v1`) submit it. This schema checks
 * the shape only; the rules that need the law or the clock (classification per kind, representatives
 * per group size, dates not in the future, citizen ID and phone formats) are intake's domain rules, so
 * that both interfaces give the same error codes.
 */

/** Limits that keep one petition reasonable; oversized input is refused, never truncated. */
export const SUBMISSION_LIMITS = {
  summary: 1_000,
  fullText: 50_000,
  name: 200,
  address: 500,
  persons: 200,
  attachments: 20,
  attachmentBytes: 20 * 1024 * 1024,
  /** Attachments carried inline (base64) in a Kafka submission. */
  inlineAttachmentBytes: 1024 * 1024,
  note: 2_000,
} as const;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD');

export const personSchema = z
  .object({
    fullName: z.string().trim().min(1).max(SUBMISSION_LIMITS.name),
    /** Căn cước công dân: 12 digits. */
    citizenId: z.string().trim().optional(),
    phone: z.string().trim().optional(),
    email: z.string().trim().email().max(254).optional(),
    /** Hamlet (thôn/tổ dân phố) code of the commune configuration, when known. */
    hamletCode: z.string().trim().max(64).optional(),
    address: z.string().trim().max(SUBMISSION_LIMITS.address).optional(),
    /** Chosen by a group to speak for it (người đại diện). */
    representative: z.boolean().optional(),
  })
  .strict();
export type PersonInput = z.infer<typeof personSchema>;

export const petitionersSchema = z
  .object({
    type: z.enum(PETITIONER_TYPES),
    /** People behind the petition; for a group, everyone it says it speaks for (at least the persons listed). */
    headcount: z.number().int().positive().max(100_000).optional(),
    persons: z.array(personSchema).max(SUBMISSION_LIMITS.persons).default([]),
  })
  .strict();
export type PetitionersInput = z.infer<typeof petitionersSchema>;

/** The facts that decide eligibility for processing (TT 05/2021 art. 6). */
export const eligibilitySchema = z
  .object({
    /** Written in Vietnamese, or with a notarised translation. */
    vietnameseOrTranslated: z.boolean(),
    dated: z.boolean(),
    signedOrFingerprinted: z.boolean(),
    /** Complaint: names the respondent, the content, reasons and request. */
    statesRespondentContentReasonsRequest: z.boolean().optional(),
    /** Denunciation: names the accused and the violation, and says how to reach the denouncer. */
    namesAccusedAndViolation: z.boolean().optional(),
    /** Anonymous denunciation: its content is clear, with concrete evidence (LTC art. 25). */
    concreteEvidence: z.boolean().optional(),
  })
  .strict();
export type EligibilityInput = z.infer<typeof eligibilitySchema>;

export const respondentSchema = z
  .object({
    type: z.enum(RESPONDENT_TYPES),
    level: z.enum(AUTHORITY_LEVELS),
    /** The decision or act, or the official's post and body, in words. */
    description: z.string().trim().min(1).max(SUBMISSION_LIMITS.address),
    /** Unit code of the commune configuration, when the respondent is a commune unit. */
    unitCode: z.string().trim().max(64).optional(),
    /** An official named by the petition: personal data, encrypted like the petitioners'. */
    officialName: z.string().trim().max(SUBMISSION_LIMITS.name).optional(),
    /** The official is the commune chairman (decides competence for denunciations and complaints). */
    isChairman: z.boolean().optional(),
  })
  .strict();
export type RespondentInput = z.infer<typeof respondentSchema>;

export const attachmentSchema = z
  .object({
    name: z.string().trim().min(1).max(255),
    contentType: z.string().trim().min(1).max(127),
    size: z.number().int().nonnegative().max(SUBMISSION_LIMITS.attachmentBytes),
    /** Hex SHA-256 of the bytes. */
    sha256: z.string().regex(/^[0-9a-f]{64}$/, 'expected a lower-case hex SHA-256'),
    /** Id returned by the attachment upload (REST). */
    attachmentId: z.string().uuid().optional(),
    /** The bytes, base64, for submissions that cannot upload first (Kafka). */
    contentBase64: z.string().optional(),
  })
  .strict();
export type AttachmentInput = z.infer<typeof attachmentSchema>;

export const petitionSubmissionSchema = z
  .object({
    kind: z.enum(PETITION_KINDS),
    channel: z.enum(PETITION_CHANNELS),
    /** Date the commune received it (ngày nhận đơn). */
    receivedOn: isoDate,
    /** Date written on the petition, if any. */
    writtenOn: isoDate.optional(),
    petitioners: petitionersSchema,
    summary: z.string().trim().min(1).max(SUBMISSION_LIMITS.summary),
    fullText: z.string().max(SUBMISSION_LIMITS.fullText).optional(),
    classification: z.string().trim().min(1).max(64),
    sensitiveTags: z.array(z.enum(SENSITIVE_TAGS)).max(SENSITIVE_TAGS.length).default([]),
    eligibility: eligibilitySchema,
    location: z
      .object({
        hamletCode: z.string().trim().max(64).optional(),
        address: z.string().trim().max(SUBMISSION_LIMITS.address).optional(),
      })
      .strict()
      .default({}),
    respondent: respondentSchema.optional(),
    /** Complaint: when the petitioner learned of the decision or act (starts the 90-day limit). */
    learnedOfDecisionOn: isoDate.optional(),
    attachments: z.array(attachmentSchema).max(SUBMISSION_LIMITS.attachments).default([]),
    /** Reception session (tiếp công dân) in which it was handed in. */
    receptionSessionId: z.string().uuid().optional(),
    /** Forwarding agency or source system and its own reference. */
    source: z
      .object({
        system: z.string().trim().min(1).max(100),
        reference: z.string().trim().min(1).max(200),
        agency: z.string().trim().max(300).optional(),
      })
      .strict()
      .optional(),
    note: z.string().max(SUBMISSION_LIMITS.note).optional(),
  })
  .strict();
export type PetitionSubmission = z.infer<typeof petitionSubmissionSchema>;
/** The same, before defaults are applied (what a client sends). */
export type PetitionSubmissionInput = z.input<typeof petitionSubmissionSchema>;

/**
 * A message on `intake.submissions.v1`: the submission plus the id that makes it idempotent. Key: the
 * submission id. A submission that fails validation goes to `intake.submissions.v1.dlq` with its reason.
 */
export const submissionMessageSchema = z
  .object({
    submissionId: z.string().min(1).max(200),
    petition: petitionSubmissionSchema,
  })
  .strict();
export type SubmissionMessage = z.infer<typeof submissionMessageSchema>;
