import { createLogger } from './logger';
import { memoryDestination } from './logging.test-helpers';
import { PinoNestLogger } from './nest-logger';

describe('PinoNestLogger', () => {
  function setup() {
    const out = memoryDestination();
    return {
      out,
      nest: new PinoNestLogger(createLogger({ service: 'routing', level: 'trace', destination: out })),
    };
  }

  it('writes Nest log calls as pino lines with the context', () => {
    const { out, nest } = setup();
    nest.log('Mapped {/health/live, GET} route', 'RouterExplorer');
    nest.verbose('details', 'InstanceLoader');
    expect(out.lines()).toMatchObject([
      {
        level: 'info',
        service: 'routing',
        context: 'RouterExplorer',
        msg: 'Mapped {/health/live, GET} route',
      },
      { level: 'trace', context: 'InstanceLoader', msg: 'details' },
    ]);
  });

  it('keeps the stack of an error given as (message, stack, context) or (message, stack)', () => {
    const { out, nest } = setup();
    const stack = new Error('boom').stack ?? '';
    nest.error('boom', stack, 'ExceptionsHandler');
    nest.error('boom again', stack);
    const [withContext, withoutContext] = out.lines();
    expect(withContext).toMatchObject({
      level: 'error',
      context: 'ExceptionsHandler',
      msg: 'boom',
      err: { stack },
    });
    expect(withoutContext).toMatchObject({ level: 'error', msg: 'boom again', err: { stack } });
    expect(withoutContext).not.toHaveProperty('context');
  });

  it('serialises an Error message and redacts personal data in an object message', () => {
    const { out, nest } = setup();
    nest.warn(new Error('disk full'), 'Relay');
    nest.log({ msg: 'citizen looked up', phone: '0912' }, 'Lookup');
    const [error, object] = out.lines();
    expect(error).toMatchObject({
      level: 'warn',
      context: 'Relay',
      msg: 'disk full',
      err: { message: 'disk full' },
    });
    expect(object).toMatchObject({ context: 'Lookup', msg: 'citizen looked up', phone: '[REDACTED]' });
  });
});
