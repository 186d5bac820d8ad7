import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RecordedEvent } from '@tiep-dan/event-store';
import { readOrCreateSecret } from './local-secret';
import { generatePassword } from './password';
import { mapProbeEvent, probeStreamPrefix } from './probe/probe';

describe('runtime helpers', () => {
  it('keeps the generated JWT secret across restarts, readable by the owner only', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'secret-')), 'nested', 'jwt-secret');
    const first = readOrCreateSecret(path);
    expect(first.length).toBeGreaterThanOrEqual(60);
    expect(readOrCreateSecret(path)).toBe(first);
    expect(readFileSync(path, 'utf8').trim()).toBe(first);
    expect(statSync(path).mode & 0o077).toBe(0);
  });

  it('generates passwords without look-alike characters', () => {
    const passwords = new Set(Array.from({ length: 50 }, () => generatePassword()));
    expect(passwords.size).toBe(50);
    for (const password of passwords) expect(password).toMatch(/^[a-km-zA-HJ-NP-Z2-9]{20}$/);
  });

  it('relays a service’s own probes on <service>.probes.v1 and nothing of other services', () => {
    const event: RecordedEvent = {
      id: '0b7c6d5e-4f3a-4b2c-9d1e-0f1a2b3c4d5e',
      streamId: `${probeStreamPrefix('routing')}p1`,
      streamVersion: 0,
      globalPosition: '1',
      type: 'ProbeSent',
      schemaVersion: 1,
      data: { probeId: 'p1', origin: 'routing', sentAt: '2026-11-28T03:00:00.000Z' },
      metadata: {},
      recordedAt: new Date('2026-11-28T03:00:00.000Z'),
    };
    expect(mapProbeEvent('routing', event)).toMatchObject({ topic: 'routing.probes.v1', key: 'p1' });
    expect(mapProbeEvent('intake', event)).toBeNull();
    expect(mapProbeEvent('routing', { ...event, type: 'Other' })).toBeNull();
  });
});
