import { z } from 'zod';
import { OFFICIAL_POSITIONS, RECEPTION_KINDS, receptionError } from '../../domain/reception';

/**
 * The shapes the HTTP API accepts. They check form only (types, lengths, formats); the rules of the
 * law (representatives per delegation, dates not in the future, who presides) are the decider's, so
 * that their error codes are the same whatever the entry point.
 */

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD');
const officialId = z.string().trim().min(1).max(100);
const text = (max: number) => z.string().trim().min(1).max(max);
const reason = text(1_000);

const site = z.object({ name: text(200), address: z.string().trim().max(500).optional() }).strict();

const httpUrl = z
  .string()
  .trim()
  .url()
  .max(2_000)
  .refine((value) => /^https?:\/\//i.test(value), 'expected an http(s) link');

const venue = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('in_person'), site }).strict(),
  z
    .object({
      mode: z.literal('online'),
      platform: text(100),
      link: httpUrl,
      linkedSites: z.array(site).max(50).default([]),
    })
    .strict(),
]);

const sessionDetailsShape = {
  kind: z.enum(RECEPTION_KINDS),
  date,
  venue,
  presidedBy: z.object({ officialId, position: z.enum(OFFICIAL_POSITIONS) }).strict(),
  receivingOfficialIds: z.array(officialId).max(50).default([]),
};

export const openSessionSchema = z.object(sessionDetailsShape).strict();
export const correctSessionSchema = z.object({ ...sessionDetailsShape, reason }).strict();

const refusalReason = z.discriminatedUnion('code', [
  z.object({ code: z.literal('intoxicated') }).strict(),
  z.object({ code: z.literal('threatening') }).strict(),
  z.object({ code: z.literal('already_resolved_correctly') }).strict(),
  z.object({ code: z.literal('other'), text: z.string().max(500) }).strict(),
]);

const outcome = z.discriminatedUnion('type', [
  z
    .object({ type: z.literal('petition_recorded'), petitionIds: z.array(z.string().uuid()).max(20) })
    .strict(),
  z.object({ type: z.literal('guided'), guidedTo: z.string().trim().max(300).optional() }).strict(),
  z.object({ type: z.literal('answered') }).strict(),
  z.object({ type: z.literal('refused'), reason: refusalReason }).strict(),
]);

const visitShape = {
  visitorRef: z.string().trim().min(1).max(64),
  peopleCount: z.number().int().max(100_000).optional(),
  delegation: z
    .object({
      headcount: z.number().int().max(100_000),
      representativesCount: z.number().int().max(100_000),
    })
    .strict()
    .optional(),
  firstTime: z.boolean(),
  matterSummary: text(1_000),
  outcome,
};

export const recordVisitSchema = z.object(visitShape).strict();
export const correctVisitSchema = z.object({ ...visitShape, reason }).strict();

export const linkPetitionSchema = z
  .object({ petitionId: z.string().uuid(), visitId: z.string().uuid().optional() })
  .strict();
export const addNoteSchema = z.object({ text: text(2_000) }).strict();
export const reasonSchema = z.object({ reason }).strict();

export const listQuerySchema = z
  .object({
    from: date.optional(),
    to: date.optional(),
    kind: z.enum(RECEPTION_KINDS).optional(),
    status: z.enum(['open', 'closed']).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(20),
    offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  })
  .strict();
export const complianceQuerySchema = z
  .object({ month: z.string().regex(/^\d{4}-\d{2}$/, 'expected YYYY-MM') })
  .strict();
export const uuidParam = z.string().uuid();

/** Parses or answers 400 `RECEPTION.INVALID_INPUT`, each zod issue with where it was and its path (`delegation.headcount`). */
export function parseInput<T extends z.ZodTypeAny>(schema: T, value: unknown, where: string): z.infer<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data as z.infer<T>;
  const issues = result.error.issues.map((issue) => ({
    in: where,
    path: issue.path.join('.'),
    message: issue.message,
  }));
  const first = issues[0];
  throw receptionError(
    'INVALID_INPUT',
    `invalid ${where}${first.path ? ` at ${first.path}` : ''}: ${first.message}`,
    {
      issues,
    },
  );
}
