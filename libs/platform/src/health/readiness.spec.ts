import { ReadinessRegistry, runReadinessCheck } from './readiness';

describe('readiness checks', () => {
  it('passes when the check resolves', async () => {
    expect(await runReadinessCheck({ name: 'db', check: async () => undefined })).toBeUndefined();
  });

  it('fails with the error message when the check rejects', async () => {
    const failure = await runReadinessCheck({
      name: 'bus',
      check: async () => Promise.reject(new Error('no broker')),
    });
    expect(failure).toBe('no broker');
  });

  it('fails a check that does not answer within its timeout', async () => {
    const failure = await runReadinessCheck({
      name: 'slow',
      timeoutMs: 20,
      check: () => new Promise(() => undefined),
    });
    expect(failure).toBe('no answer within 20 ms');
  });

  it('refuses two checks of the same name, which would hide one of them', () => {
    const registry = new ReadinessRegistry();
    registry.register({ name: 'database', check: async () => undefined });
    expect(() => registry.register({ name: 'database', check: async () => undefined })).toThrow(
      'readiness check "database" is registered twice',
    );
    expect(registry.list().map((check) => check.name)).toEqual(['database']);
  });
});
