import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { generateMasterKey } from '../personal-data/master-key';

/**
 * Embedded mode's master key when INTAKE_MASTER_KEY is unset: generated once and kept next to the
 * data (mode 0600), so that petitioners' data stays readable across restarts.
 */
export function readOrCreateMasterKey(path: string): string {
  if (existsSync(path)) return readFileSync(path, 'utf8').trim();
  mkdirSync(dirname(path), { recursive: true });
  const key = generateMasterKey();
  writeFileSync(path, `${key}\n`, { mode: 0o600 });
  return key;
}
