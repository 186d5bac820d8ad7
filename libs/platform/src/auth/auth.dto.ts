import { HttpStatus } from '@nestjs/common';
import { z } from 'zod';
import { AuthHttpError } from './auth.errors';
import type { LocalUser } from './local-user-store';
import { ROLES } from './roles';

const roles = z.array(z.enum(ROLES)).max(ROLES.length * 2);
const displayName = z.string().trim().min(1).max(200).nullable();
const unitId = z.string().trim().min(1).max(100).nullable();
/** Long enough to resist guessing; no composition rules (they push people to write passwords down). */
const newPassword = z.string().min(10).max(256);

export const tokenRequestSchema = z.object({
  username: z.string().min(1).max(64),
  password: z.string().min(1).max(1024),
});

export const createUserSchema = z
  .object({
    username: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9._-]{3,64}$/, '3–64 letters without diacritics, digits, dot, dash or underscore'),
    password: newPassword,
    displayName: displayName.optional(),
    roles,
    unitId: unitId.optional(),
  })
  .strict();

export const patchUserSchema = z
  .object({
    displayName: displayName.optional(),
    roles: roles.optional(),
    unitId: unitId.optional(),
    disabled: z.boolean().optional(),
    password: newPassword.optional(),
  })
  .strict()
  .refine((patch) => Object.values(patch).some((v) => v !== undefined), 'nothing to change');

/** Validates a request body; a failure answers 400 AUTH.VALIDATION_FAILED with zod's issues as details. */
export function parseBody<T extends z.ZodTypeAny>(schema: T, body: unknown): z.infer<T> {
  const result = schema.safeParse(body);
  if (result.success) return result.data as z.infer<T>;
  const details = result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
  throw new AuthHttpError(
    HttpStatus.BAD_REQUEST,
    'AUTH.VALIDATION_FAILED',
    'the request body is not valid',
    details,
  );
}

/** What the API shows of a user: never the password hash. */
export interface UserView {
  id: string;
  username: string;
  displayName: string | null;
  roles: string[];
  unitId: string | null;
  disabled: boolean;
  createdAt: string;
  updatedAt: string;
}

export function toUserView(user: LocalUser): UserView {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    roles: user.roles,
    unitId: user.unitId,
    disabled: user.disabled,
    createdAt: user.createdAt.toISOString(),
    updatedAt: user.updatedAt.toISOString(),
  };
}
