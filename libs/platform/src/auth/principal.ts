import type { Role } from './roles';

/** Who is calling: read from a verified token, never from the request body. */
export interface AuthPrincipal {
  userId: string;
  username: string;
  displayName?: string;
  roles: Role[];
  /** The commune unit (department, police, Front committee…) the user works in, when it matters for access. */
  unitId?: string;
}
