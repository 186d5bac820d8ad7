import { UpcasterRegistry } from './upcasting';
import type { RecordedEvent } from './event-store.port';

const recorded = (type: string, schemaVersion: number, data: unknown): RecordedEvent => ({
  id: '00000000-0000-4000-8000-000000000001',
  streamId: 'petition-1',
  streamVersion: 0,
  globalPosition: '1',
  type,
  schemaVersion,
  data,
  metadata: {},
  recordedAt: new Date(0),
});

describe('UpcasterRegistry', () => {
  const registry = new UpcasterRegistry([
    { type: 'PetitionReceived', schemaVersion: 1, upcast: (d) => ({ ...(d as object), v2: true }) },
    { type: 'PetitionReceived', schemaVersion: 2, upcast: (d) => ({ ...(d as object), v3: true }) },
  ]);

  it('chains upcasters from the stored version to the newest one', () => {
    expect(registry.apply(recorded('PetitionReceived', 1, { a: 1 }))).toMatchObject({
      schemaVersion: 3,
      data: { a: 1, v2: true, v3: true },
    });
  });

  it('starts the chain at the stored version', () => {
    expect(registry.apply(recorded('PetitionReceived', 2, {}))).toMatchObject({
      schemaVersion: 3,
      data: { v3: true },
    });
  });

  it('leaves current versions and other types untouched (same object)', () => {
    const current = recorded('PetitionReceived', 3, {});
    const other = recorded('CaseOpened', 1, {});
    expect(registry.apply(current)).toBe(current);
    expect(registry.apply(other)).toBe(other);
  });

  it('refuses two upcasters for the same type and version', () => {
    const upcast = (d: unknown) => d;
    expect(
      () =>
        new UpcasterRegistry([
          { type: 'X', schemaVersion: 1, upcast },
          { type: 'X', schemaVersion: 1, upcast },
        ]),
    ).toThrow(/Two upcasters/);
  });
});
