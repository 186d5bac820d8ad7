import { DomainError } from '@tiep-dan/contracts';
import { z } from 'zod';
import {
  type CommuneConfig,
  type CommuneSection,
  SECTION_MAX_ITEMS,
  isCommuneSection,
} from './commune-config.schema';
import type { CommuneConfigHistoryEntry, CommuneConfigRecord } from './commune-config.repository';

/** The items themselves are checked as part of the resulting configuration, so paths name config fields. */
export const putSectionBodySchema = z
  .object({
    items: z.array(z.unknown()).max(SECTION_MAX_ITEMS),
    reason: z.string().trim().min(1).max(1000),
    expectedVersion: z.number().int().positive(),
  })
  .strict();
export type PutSectionBody = z.infer<typeof putSectionBodySchema>;

export function parsePutSectionBody(body: unknown): PutSectionBody {
  const result = putSectionBodySchema.safeParse(body);
  if (result.success) return result.data;
  const issues = result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
  throw new DomainError(
    'COMMUNE.INVALID_REQUEST',
    `invalid request: ${issues[0].path}: ${issues[0].message}`,
    'validation',
    {
      path: issues[0].path,
      issues,
    },
  );
}

export function parseSection(section: string): CommuneSection {
  if (isCommuneSection(section)) return section;
  throw new DomainError(
    'COMMUNE.UNKNOWN_SECTION',
    `no section "${section}" in the commune configuration`,
    'not_found',
    {
      path: 'section',
      value: section,
    },
  );
}

export interface CommuneConfigView {
  version: number;
  updatedAt: string;
  updatedBy: string;
  reason: string;
  config: CommuneConfig;
}

export function toConfigView(record: CommuneConfigRecord): CommuneConfigView {
  return {
    version: record.version,
    updatedAt: record.updatedAt.toISOString(),
    updatedBy: record.updatedBy,
    reason: record.reason,
    config: record.config,
  };
}

export type CommuneHistoryView = (Omit<CommuneConfigHistoryEntry, 'updatedAt'> & { updatedAt: string })[];

export function toHistoryView(entries: CommuneConfigHistoryEntry[]): CommuneHistoryView {
  return entries.map((entry) => ({ ...entry, updatedAt: entry.updatedAt.toISOString() }));
}
