import { createLogger } from './logger';
import { memoryDestination } from './logging.test-helpers';
import { PERSONAL_DATA_KEYS, REDACTED } from './redaction';

describe('personal-data redaction', () => {
  it('replaces personal-data keys at the top level of a logged object', () => {
    const out = memoryDestination();
    createLogger({ destination: out }).info(
      {
        petitionId: 'p-1',
        fullName: 'Nguyễn Văn A',
        citizenId: '001203004567',
        phone: '0912345678',
        email: 'a@b.vn',
        address: '12 Lê Lợi',
      },
      'petition received',
    );
    expect(out.lines()[0]).toMatchObject({
      petitionId: 'p-1',
      fullName: REDACTED,
      citizenId: REDACTED,
      phone: REDACTED,
      email: REDACTED,
      address: REDACTED,
      msg: 'petition received',
    });
  });

  it('replaces them in nested objects and inside arrays', () => {
    const out = memoryDestination();
    createLogger({ destination: out }).info({
      event: {
        type: 'PetitionReceived',
        data: { petitioner: { name: 'Trần Thị B', contact: { phone: '0987' } } },
      },
      coPetitioners: [{ name: 'Lê C', citizenId: '0791' }],
    });
    const line = JSON.stringify(out.lines()[0]);
    for (const value of ['Trần Thị B', '0987', 'Lê C', '0791']) expect(line).not.toContain(value);
    expect(out.lines()[0]).toMatchObject({
      event: {
        type: 'PetitionReceived',
        data: { petitioner: { name: REDACTED, contact: { phone: REDACTED } } },
      },
      coPetitioners: [{ name: REDACTED, citizenId: REDACTED }],
    });
  });

  it('replaces every listed key at any depth', () => {
    const out = memoryDestination();
    const deep = Object.fromEntries(PERSONAL_DATA_KEYS.map((key) => [key, `secret-${key}`]));
    createLogger({ destination: out }).info({ a: { b: { c: { d: { e: { f: { g: { h: [[deep]] } } } } } } } });
    const line = JSON.stringify(out.lines()[0]);
    expect(line).not.toContain('secret-');
  });

  it('replaces them in child logger bindings and in properties of a logged error', () => {
    const out = memoryDestination();
    const error = Object.assign(new Error('duplicate petition'), {
      code: 'PETITION.DUPLICATE',
      citizenId: '0791',
    });
    createLogger({ destination: out }).child({ phone: '0912' }).error({ err: error }, 'rejected');
    const line = out.lines()[0];
    expect(line).toMatchObject({
      phone: REDACTED,
      err: { type: 'Error', message: 'duplicate petition', code: 'PETITION.DUPLICATE', citizenId: REDACTED },
    });
    expect(String((line.err as { stack: string }).stack)).toContain('duplicate petition');
    expect(error.citizenId).toBe('0791');
  });

  it('cuts a circular structure instead of looping', () => {
    const out = memoryDestination();
    const loop: Record<string, unknown> = { id: 'x' };
    loop.self = loop;
    createLogger({ destination: out }).info({ loop });
    expect(out.lines()).toHaveLength(1);
  });

  it('replaces credential headers of a logged request', () => {
    const out = memoryDestination();
    createLogger({ destination: out }).info({
      req: { headers: { authorization: 'Bearer eyJ...', cookie: 'sid=1', 'user-agent': 'curl' } },
    });
    expect(out.lines()[0]).toMatchObject({
      req: { headers: { authorization: REDACTED, cookie: REDACTED, 'user-agent': 'curl' } },
    });
  });

  it('leaves the logged object itself unchanged', () => {
    const logged = { fullName: 'Nguyễn Văn A' };
    createLogger({ destination: memoryDestination() }).info(logged);
    expect(logged.fullName).toBe('Nguyễn Văn A');
  });
});
