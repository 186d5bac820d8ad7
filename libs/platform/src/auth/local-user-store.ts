import type { Pool } from 'pg';
import { UserStoreError } from './auth.errors';
import { hashPassword, verifyAgainstDummy, verifyPassword } from './password-hasher';
import type { AuthPrincipal } from './principal';
import { type Role, isRole } from './roles';
import { quoteSchema } from './sql-identifier';
import { migrateUnderLock } from '../database/migrate-under-lock';

export interface LocalUser {
  id: string;
  username: string;
  displayName: string | null;
  roles: Role[];
  unitId: string | null;
  disabled: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export interface NewLocalUser {
  username: string;
  password: string;
  displayName?: string | null;
  roles: Role[];
  unitId?: string | null;
}

export interface LocalUserPatch {
  displayName?: string | null;
  roles?: Role[];
  unitId?: string | null;
  disabled?: boolean;
  password?: string;
}

interface UserRow {
  id: string;
  username: string;
  display_name: string | null;
  roles: string[];
  unit_id: string | null;
  disabled: boolean;
  created_at: Date;
  updated_at: Date;
}

const COLUMNS = 'id, username, display_name, roles, unit_id, disabled, created_at, updated_at';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Usernames are compared case-insensitively and stored lower-case: "NguyenVanA" and "nguyenvana" are one person. */
export function normaliseUsername(username: string): string {
  return username.trim().toLowerCase();
}

/**
 * The user accounts of embedded mode (production may use an OIDC provider instead). Passwords are
 * stored as scrypt hashes; nothing here locks an account after failed logins, so a guessing attacker
 * cannot lock the chairman out on reception day.
 */
export class LocalUserStore {
  private readonly table: string;
  private readonly schemaSql: string;

  constructor(
    private readonly pool: Pool,
    schema = 'auth',
  ) {
    this.schemaSql = quoteSchema(schema);
    this.table = `${this.schemaSql}.users`;
  }

  /** Idempotent: safe on every start and from several processes at once. */
  async migrate(): Promise<void> {
    await migrateUnderLock(this.pool, 'tiepdan.auth.migrate', async (client) => {
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${this.schemaSql}`);
      await client.query(`
        CREATE TABLE IF NOT EXISTS ${this.table} (
          id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
          username text NOT NULL UNIQUE CHECK (username = lower(username) AND length(username) BETWEEN 1 AND 64),
          display_name text,
          password_hash text NOT NULL,
          roles text[] NOT NULL DEFAULT '{}',
          unit_id text,
          disabled boolean NOT NULL DEFAULT false,
          created_at timestamptz NOT NULL DEFAULT now(),
          updated_at timestamptz NOT NULL DEFAULT now()
        )`);
    });
  }

  async count(): Promise<number> {
    const { rows } = await this.pool.query<{ n: string }>(`SELECT count(*) AS n FROM ${this.table}`);
    return Number(rows[0].n);
  }

  async create(user: NewLocalUser): Promise<LocalUser> {
    const passwordHash = await hashPassword(user.password);
    try {
      const { rows } = await this.pool.query<UserRow>(
        `INSERT INTO ${this.table} (username, display_name, password_hash, roles, unit_id)
         VALUES ($1, $2, $3, $4, $5) RETURNING ${COLUMNS}`,
        [
          normaliseUsername(user.username),
          user.displayName ?? null,
          passwordHash,
          uniqueRoles(user.roles),
          user.unitId ?? null,
        ],
      );
      return toUser(rows[0]);
    } catch (error) {
      if (isUniqueViolation(error))
        throw new UserStoreError('AUTH.USERNAME_TAKEN', `the username ${user.username} is taken`);
      throw error;
    }
  }

  async findById(id: string): Promise<LocalUser | undefined> {
    if (!UUID.test(id)) return undefined;
    const { rows } = await this.pool.query<UserRow>(`SELECT ${COLUMNS} FROM ${this.table} WHERE id = $1`, [
      id,
    ]);
    return rows[0] ? toUser(rows[0]) : undefined;
  }

  async findByUsername(username: string): Promise<LocalUser | undefined> {
    const { rows } = await this.pool.query<UserRow>(
      `SELECT ${COLUMNS} FROM ${this.table} WHERE username = $1`,
      [normaliseUsername(username)],
    );
    return rows[0] ? toUser(rows[0]) : undefined;
  }

  async list(): Promise<LocalUser[]> {
    const { rows } = await this.pool.query<UserRow>(`SELECT ${COLUMNS} FROM ${this.table} ORDER BY username`);
    return rows.map(toUser);
  }

  /**
   * The user when the password is right and the account enabled; `undefined` otherwise, without
   * saying which (the caller answers one generic error) and in about the same time either way.
   */
  async verifyCredentials(username: string, password: string): Promise<LocalUser | undefined> {
    const { rows } = await this.pool.query<UserRow & { password_hash: string }>(
      `SELECT ${COLUMNS}, password_hash FROM ${this.table} WHERE username = $1`,
      [normaliseUsername(username)],
    );
    const row = rows[0];
    if (!row) return verifyAgainstDummy(password).then(() => undefined);
    const ok = await verifyPassword(password, row.password_hash);
    return ok && !row.disabled ? toUser(row) : undefined;
  }

  async update(id: string, patch: LocalUserPatch): Promise<LocalUser> {
    const sets: string[] = [];
    const values: unknown[] = [];
    const set = (column: string, value: unknown): void => {
      values.push(value);
      sets.push(`${column} = $${values.length}`);
    };
    if (patch.displayName !== undefined) set('display_name', patch.displayName);
    if (patch.roles !== undefined) set('roles', uniqueRoles(patch.roles));
    if (patch.unitId !== undefined) set('unit_id', patch.unitId);
    if (patch.disabled !== undefined) set('disabled', patch.disabled);
    if (patch.password !== undefined) set('password_hash', await hashPassword(patch.password));
    if (!UUID.test(id)) throw new UserStoreError('AUTH.USER_NOT_FOUND', `no user ${id}`);
    if (sets.length === 0) {
      const current = await this.findById(id);
      if (!current) throw new UserStoreError('AUTH.USER_NOT_FOUND', `no user ${id}`);
      return current;
    }
    values.push(id);
    const { rows } = await this.pool.query<UserRow>(
      `UPDATE ${this.table} SET ${sets.join(', ')}, updated_at = now() WHERE id = $${values.length} RETURNING ${COLUMNS}`,
      values,
    );
    if (!rows[0]) throw new UserStoreError('AUTH.USER_NOT_FOUND', `no user ${id}`);
    return toUser(rows[0]);
  }

  setRoles(id: string, roles: Role[]): Promise<LocalUser> {
    return this.update(id, { roles });
  }

  setDisabled(id: string, disabled: boolean): Promise<LocalUser> {
    return this.update(id, { disabled });
  }

  disable(id: string): Promise<LocalUser> {
    return this.setDisabled(id, true);
  }
}

export function principalOf(user: LocalUser): AuthPrincipal {
  const principal: AuthPrincipal = { userId: user.id, username: user.username, roles: user.roles };
  if (user.displayName) principal.displayName = user.displayName;
  if (user.unitId) principal.unitId = user.unitId;
  return principal;
}

export const INITIAL_ADMIN_USERNAME = 'admin';

/**
 * First start of embedded mode: with no user at all, creates `admin` (role administrator) so someone
 * can log in and create the real accounts. Does nothing once any user exists, so it never resets a
 * changed admin password. Safe when two processes start together (the unique username decides).
 */
export async function ensureInitialAdmin(
  store: LocalUserStore,
  password: string,
): Promise<{ created: boolean }> {
  if (!password) throw new Error('the initial administrator password is empty');
  if ((await store.count()) > 0) return { created: false };
  try {
    await store.create({
      username: INITIAL_ADMIN_USERNAME,
      password,
      displayName: 'Quản trị hệ thống',
      roles: ['administrator'],
    });
    return { created: true };
  } catch (error) {
    if (error instanceof UserStoreError && error.code === 'AUTH.USERNAME_TAKEN') return { created: false };
    throw error;
  }
}

function toUser(row: UserRow): LocalUser {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    // A role removed from the code base stays in old rows; dropping it here keeps it from granting anything.
    roles: row.roles.filter(isRole),
    unitId: row.unit_id,
    disabled: row.disabled,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function uniqueRoles(roles: readonly Role[]): Role[] {
  return [...new Set(roles)];
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505';
}
