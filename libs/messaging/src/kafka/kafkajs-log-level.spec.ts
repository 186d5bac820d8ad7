import { logLevel } from 'kafkajs';
import { AbortedError } from '../retry-policy';
import { kafkajsLogLevel } from './kafka-message-bus';

const entry = (level: logLevel, namespace: string, log: Record<string, unknown> & { message: string }) => ({
  level,
  namespace,
  log: { timestamp: '2026-11-29T09:48:52.182Z', logger: 'kafkajs', ...log },
});

describe('kafkajs log levels', () => {
  it.each([
    ['Response GroupCoordinator(key: 10, version: 2)', 'The group coordinator is not available'],
    [
      'Response InitProducerId(key: 22, version: 1)',
      "The coordinator is loading and hence can't process requests for this group",
    ],
    [
      'Response Metadata(key: 3, version: 6)',
      'There is no leader for this topic-partition as we are in the middle of a leadership election',
    ],
    ['Response Produce(key: 0, version: 7)', 'This server does not host this topic-partition'],
    ['Response CreateTopics(key: 19, version: 3)', 'Topic creation errors'],
  ])('keeps "%s: %s", which kafkajs retries itself, out of the error log', (message, error) => {
    expect(kafkajsLogLevel(entry(logLevel.ERROR, 'Connection', { message, error }))).toBe('debug');
  });

  it('keeps real trouble an error: a broker that refuses connections, an unknown answer, a consumer crash', () => {
    expect(
      kafkajsLogLevel(
        entry(logLevel.ERROR, 'Connection', {
          message: 'Connection error: connect ECONNREFUSED 127.0.0.1:19092',
        }),
      ),
    ).toBe('error');
    expect(
      kafkajsLogLevel(
        entry(logLevel.ERROR, 'Connection', {
          message: 'Response Produce(key: 0, version: 7)',
          error: 'The request included a message larger than the max message size the server will accept',
        }),
      ),
    ).toBe('error');
    // The same words outside a connection's response are not the retried answer.
    expect(
      kafkajsLogLevel(
        entry(logLevel.ERROR, 'Consumer', { message: 'Crash: The group coordinator is not available' }),
      ),
    ).toBe('error');
  });

  it('keeps warnings warnings, and silences what is expected here', () => {
    expect(kafkajsLogLevel(entry(logLevel.WARN, 'Consumer', { message: 'Consumer group rebalancing' }))).toBe(
      'warn',
    );
    expect(
      kafkajsLogLevel(
        entry(logLevel.WARN, 'Producer', { message: 'Limiting retries for the idempotent producer to 5' }),
      ),
    ).toBe('debug');
    expect(
      kafkajsLogLevel(
        entry(logLevel.ERROR, 'Runner', {
          message: 'Error when calling eachMessage',
          error: new AbortedError(),
        }),
      ),
    ).toBe('debug');
    expect(kafkajsLogLevel(entry(logLevel.INFO, 'Consumer', { message: 'Starting' }))).toBe('debug');
  });
});
