import { decodeDelivery, encodeMessage, type RawDelivery } from './delivery';
import { causedByCurrentMessage, runInMessageContext } from './message-context';

const at = (record: Partial<RawDelivery>): RawDelivery => ({
  topic: 'intake.petition-events.v1',
  partition: 0,
  offset: '7',
  key: Buffer.from('petition-1'),
  value: Buffer.from('{}'),
  headers: {},
  timestamp: new Date(0),
  ...record,
});

describe('encoding and decoding', () => {
  it('sends objects as JSON, strings as text and Buffers as bytes, unless content-type is given', () => {
    expect(encodeMessage({ key: 'k', value: { a: 1 } }).headers['content-type']).toBe('application/json');
    expect(encodeMessage({ key: 'k', value: 'x' }).headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(encodeMessage({ key: 'k', value: Buffer.from('x') }).headers['content-type']).toBe(
      'application/octet-stream',
    );
    expect(
      encodeMessage({ key: 'k', value: '{"a":1}', headers: { 'content-type': 'application/json' } }).headers[
        'content-type'
      ],
    ).toBe('application/json');
  });

  it('takes a message without content-type as JSON', () => {
    expect(decodeDelivery(at({ value: Buffer.from('{"a":1}') }))).toMatchObject({
      ok: true,
      message: { value: { a: 1 }, key: 'petition-1', offset: '7' },
    });
    expect(decodeDelivery(at({ value: Buffer.from('nope') }))).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^malformed: invalid JSON/),
    });
  });

  it('refuses a message without key or value', () => {
    expect(decodeDelivery(at({ key: null }))).toEqual({ ok: false, reason: 'malformed: missing key' });
    expect(decodeDelivery(at({ key: Buffer.alloc(0) }))).toEqual({
      ok: false,
      reason: 'malformed: missing key',
    });
    expect(decodeDelivery(at({ value: null }))).toEqual({ ok: false, reason: 'malformed: missing value' });
  });

  it('hands anything over undecoded in raw mode', () => {
    expect(decodeDelivery(at({ key: null, value: Buffer.from('nope') }), true)).toMatchObject({
      ok: true,
      message: { key: '', value: Buffer.from('nope') },
    });
  });
});

describe('message context', () => {
  const context = { topic: 't', partition: 0, offset: '1', key: 'k', group: 'g' };

  it('carries the correlation id on and names the incoming event as cause', async () => {
    const ids = await runInMessageContext(
      { ...context, eventId: 'ev-2', correlationId: 'corr-1' },
      async () => causedByCurrentMessage(),
    );
    expect(ids).toEqual({ correlationId: 'corr-1', causationId: 'ev-2' });
  });

  it('starts the correlation at the incoming event when it had none', async () => {
    const ids = await runInMessageContext({ ...context, eventId: 'ev-2' }, async () =>
      causedByCurrentMessage(),
    );
    expect(ids).toEqual({ correlationId: 'ev-2', causationId: 'ev-2' });
  });

  it('is empty outside a handler', () => {
    expect(causedByCurrentMessage()).toEqual({});
  });
});
