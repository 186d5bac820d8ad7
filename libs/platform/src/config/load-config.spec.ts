import {
  CONFIG_VARIABLE_KEYS,
  CONFIG_VARIABLE_NAMES,
  CONFIG_VARIABLES,
  ConfigVariable,
  isConfigVariableName,
} from './config.table';
import { configTableMarkdown } from './config-table.markdown';
import { ConfigError, describeConfig, Environment, loadConfig } from './load-config';

const SECRET = 'x'.repeat(32);
const DISTRIBUTED: Environment = {
  RUN_MODE: 'distributed',
  SERVICE: 'routing',
  DATABASE_URL: 'postgres://tiepdan:pw@db:5432/tiepdan',
  KAFKA_BROKERS: 'kafka-1:9092, kafka-2:9092',
  AUTH_JWT_SECRET: SECRET,
};

function problemsOf(env: Environment): readonly string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('loadConfig', () => {
  it('starts in embedded mode with no variable set, every default applied', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      SERVICE: 'all',
      RUN_MODE: 'embedded',
      PROCESS_ROLE: 'all',
      HTTP_PORT: 3000,
      HTTP_HOST: '0.0.0.0',
      DATA_DIR: '.data',
      EMBEDDED_PG_PORT: 0,
      EVENT_STORE: 'postgres',
      LOG_LEVEL: 'info',
      AUTH_MODE: 'local',
      METRICS_ENABLED: true,
      TIME_ZONE: 'Asia/Ho_Chi_Minh',
      RELAY_POLL_MS: 1000,
      RELAY_BATCH_SIZE: 100,
      EVENT_STORE_READ_INTERVAL_MS: 20,
      EVENT_STORE_GROUP_COMMIT: 1,
      BUS_RETRY_ATTEMPTS: 5,
      BUS_RETRY_INITIAL_MS: 200,
    });
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.AUTH_JWT_SECRET).toBeUndefined();
    expect(config.KAFKA_BROKERS).toBeUndefined();
  });

  it('every default passes its own schema', () => {
    for (const name of CONFIG_VARIABLE_KEYS) {
      const variable: ConfigVariable = CONFIG_VARIABLES[name];
      if (variable.default !== undefined)
        expect([name, variable.schema.safeParse(variable.default).success]).toEqual([name, true]);
    }
  });

  it('reads a complete distributed configuration into typed values', () => {
    const config = loadConfig({ ...DISTRIBUTED, HTTP_PORT: '8080', METRICS_ENABLED: 'false' });
    expect(config.KAFKA_BROKERS).toEqual(['kafka-1:9092', 'kafka-2:9092']);
    expect(config.HTTP_PORT).toBe(8080);
    expect(config.METRICS_ENABLED).toBe(false);
    expect(config.SERVICE).toBe('routing');
  });

  it('treats an empty variable as unset, so the default applies', () => {
    expect(loadConfig({ HTTP_PORT: '', LOG_LEVEL: '  ' }).HTTP_PORT).toBe(3000);
  });

  it('returns a frozen object', () => {
    expect(Object.isFrozen(loadConfig({}))).toBe(true);
  });

  it.each([
    ['HTTP_PORT', 'abc', 'HTTP_PORT must be an integer between 1 and 65535, got "abc"'],
    ['HTTP_PORT', '0', 'HTTP_PORT must be an integer between 1 and 65535, got "0"'],
    ['HTTP_PORT', '70000', 'HTTP_PORT must be an integer between 1 and 65535, got "70000"'],
    ['HTTP_PORT', '80.5', 'HTTP_PORT must be an integer between 1 and 65535, got "80.5"'],
    ['EMBEDDED_PG_PORT', '-1', 'EMBEDDED_PG_PORT must be an integer between 0 and 65535, got "-1"'],
    ['HTTP_HOST', 'my host', 'HTTP_HOST must be a host name or an IP address, got "my host"'],
    [
      'SERVICE',
      'billing',
      'SERVICE must be one of intake, routing, monitoring, reporting, all, got "billing"',
    ],
    ['RUN_MODE', 'cluster', 'RUN_MODE must be one of embedded, distributed, got "cluster"'],
    ['EVENT_STORE', 'mongo', 'EVENT_STORE must be one of postgres, eventstoredb, got "mongo"'],
    [
      'LOG_LEVEL',
      'verbose',
      'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, got "verbose"',
    ],
    ['AUTH_MODE', 'saml', 'AUTH_MODE must be one of local, oidc, got "saml"'],
    ['KAFKA_BROKERS', 'kafka', 'KAFKA_BROKERS must be a comma-separated list of host:port, got "kafka"'],
    ['KAFKA_BROKERS', ',', 'KAFKA_BROKERS must be a comma-separated list of host:port, got ","'],
    [
      'OIDC_JWKS_URL',
      'ftp://idp/keys',
      'OIDC_JWKS_URL must be a URL starting with https:// or http://, got "ftp://idp/keys"',
    ],
    ['METRICS_ENABLED', 'maybe', 'METRICS_ENABLED must be true or false, got "maybe"'],
    [
      'TIME_ZONE',
      'Mars/Olympus',
      'TIME_ZONE must be an IANA time zone name such as Asia/Ho_Chi_Minh, got "Mars/Olympus"',
    ],
    ['RELAY_POLL_MS', '5', 'RELAY_POLL_MS must be an integer between 10 and 60000, got "5"'],
    ['RELAY_BATCH_SIZE', '501', 'RELAY_BATCH_SIZE must be an integer between 1 and 500, got "501"'],
    ['BUS_RETRY_ATTEMPTS', '0', 'BUS_RETRY_ATTEMPTS must be an integer between 1 and 100, got "0"'],
    [
      'BUS_RETRY_INITIAL_MS',
      'soon',
      'BUS_RETRY_INITIAL_MS must be an integer between 1 and 600000, got "soon"',
    ],
  ])('rejects %s=%s', (name, value, problem) => {
    expect(problemsOf({ [name]: value })).toEqual([problem]);
  });

  it.each([
    [
      'DATABASE_URL',
      'mysql://db/x',
      'DATABASE_URL must be a URL starting with postgres:// or postgresql://, got (hidden, 12 characters)',
    ],
    [
      'EVENTSTORE_URL',
      'http://es:2113',
      'EVENTSTORE_URL must be a URL starting with esdb:// or esdb+discover://, got (hidden, 14 characters)',
    ],
    [
      'AUTH_JWT_SECRET',
      'short',
      'AUTH_JWT_SECRET must be at least 32 characters long, got (hidden, 5 characters)',
    ],
    [
      'ADMIN_INITIAL_PASSWORD',
      'admin',
      'ADMIN_INITIAL_PASSWORD must be at least 12 characters long, got (hidden, 5 characters)',
    ],
  ])('rejects an invalid %s without echoing the secret', (name, value, problem) => {
    expect(problemsOf({ [name]: value })).toEqual([problem]);
  });

  it.each([
    ['1', true],
    ['yes', true],
    ['ON', true],
    ['0', false],
    ['no', false],
    ['False', false],
  ])('reads METRICS_ENABLED=%s as %s', (raw, expected) => {
    expect(loadConfig({ METRICS_ENABLED: raw }).METRICS_ENABLED).toBe(expected);
  });

  describe('cross-field rules', () => {
    it('accepts PROCESS_ROLE=api only in distributed mode, and all anywhere', () => {
      expect(problemsOf({ PROCESS_ROLE: 'api' })).toEqual(['PROCESS_ROLE=api needs RUN_MODE=distributed']);
      expect(problemsOf({ PROCESS_ROLE: 'all' })).toEqual([]);
      expect(problemsOf({ ...DISTRIBUTED, SERVICE: 'routing', PROCESS_ROLE: 'api' })).toEqual([]);
      expect(loadConfig({}).PROCESS_ROLE).toBe('all');
      expect(problemsOf({ PROCESS_ROLE: 'worker' })).toEqual([
        'PROCESS_ROLE must be one of all, api, got "worker"',
      ]);
    });

    it('requires DATABASE_URL, KAFKA_BROKERS and AUTH_JWT_SECRET when RUN_MODE=distributed', () => {
      expect(problemsOf({ RUN_MODE: 'distributed' })).toEqual([
        'DATABASE_URL is required when RUN_MODE=distributed',
        'KAFKA_BROKERS is required when RUN_MODE=distributed',
        'AUTH_JWT_SECRET is required when AUTH_MODE=local and RUN_MODE=distributed',
        'INTAKE_MASTER_KEY is required when RUN_MODE=distributed and the process hosts intake',
      ]);
    });

    it("requires intake's master key only in a distributed process that hosts intake", () => {
      expect(problemsOf({ ...DISTRIBUTED, SERVICE: 'intake' })).toEqual([
        'INTAKE_MASTER_KEY is required when RUN_MODE=distributed and the process hosts intake',
      ]);
      expect(problemsOf({ ...DISTRIBUTED, SERVICE: 'intake', INTAKE_MASTER_KEY: SECRET })).toEqual([]);
      expect(problemsOf(DISTRIBUTED)).toEqual([]);
    });

    it('lets embedded mode run without DATABASE_URL, KAFKA_BROKERS or AUTH_JWT_SECRET', () => {
      expect(problemsOf({ RUN_MODE: 'embedded' })).toEqual([]);
    });

    it('does not require AUTH_JWT_SECRET in distributed mode when tokens come from OIDC', () => {
      const { AUTH_JWT_SECRET: _secret, ...withoutSecret } = DISTRIBUTED;
      const config = loadConfig({
        ...withoutSecret,
        AUTH_MODE: 'oidc',
        OIDC_JWKS_URL: 'https://idp.example/jwks',
        OIDC_ISSUER: 'https://idp.example',
        OIDC_AUDIENCE: 'tiep-dan',
      });
      expect(config.AUTH_MODE).toBe('oidc');
      expect(config.OIDC_ROLES_CLAIM).toBe('roles');
    });

    it('requires the JWKS URL, issuer and audience when AUTH_MODE=oidc', () => {
      expect(problemsOf({ AUTH_MODE: 'oidc' })).toEqual([
        'OIDC_JWKS_URL is required when AUTH_MODE=oidc',
        'OIDC_ISSUER is required when AUTH_MODE=oidc',
        'OIDC_AUDIENCE is required when AUTH_MODE=oidc',
      ]);
    });

    it('requires EVENTSTORE_URL when EVENT_STORE=eventstoredb', () => {
      expect(problemsOf({ EVENT_STORE: 'eventstoredb' })).toEqual([
        'EVENTSTORE_URL is required when EVENT_STORE=eventstoredb',
      ]);
      expect(
        loadConfig({ EVENT_STORE: 'eventstoredb', EVENTSTORE_URL: 'esdb://es:2113?tls=false' })
          .EVENTSTORE_URL,
      ).toBe('esdb://es:2113?tls=false');
    });

    it('reports an invalid value once, not also as missing', () => {
      expect(problemsOf({ ...DISTRIBUTED, KAFKA_BROKERS: 'kafka' })).toEqual([
        'KAFKA_BROKERS must be a comma-separated list of host:port, got "kafka"',
      ]);
    });

    it('skips a rule whose condition did not parse', () => {
      expect(problemsOf({ RUN_MODE: 'distibuted' })).toEqual([
        'RUN_MODE must be one of embedded, distributed, got "distibuted"',
      ]);
    });
  });

  it('throws one error listing every problem, in plain words', () => {
    let thrown: unknown;
    try {
      loadConfig({
        RUN_MODE: 'distributed',
        SERVICE: 'routing',
        HTTP_PORT: 'abc',
        LOG_LEVEL: 'loud',
        DATABASE_URL: DISTRIBUTED.DATABASE_URL,
      });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConfigError);
    expect((thrown as Error).message).toBe(
      [
        'Invalid configuration (4 problems):',
        '  - HTTP_PORT must be an integer between 1 and 65535, got "abc"',
        '  - LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, got "loud"',
        '  - KAFKA_BROKERS is required when RUN_MODE=distributed',
        '  - AUTH_JWT_SECRET is required when AUTH_MODE=local and RUN_MODE=distributed',
      ].join('\n'),
    );
  });

  it('describes the configuration for the start-up log with secrets masked', () => {
    const shown = describeConfig(loadConfig(DISTRIBUTED));
    expect(shown.DATABASE_URL).toBe('[set]');
    expect(shown.AUTH_JWT_SECRET).toBe('[set]');
    expect(shown.ADMIN_INITIAL_PASSWORD).toBeUndefined();
    expect(shown.SERVICE).toBe('routing');
    expect(JSON.stringify(shown)).not.toContain(SECRET);
  });
});

describe('configuration table', () => {
  it('lists every variable once, by its environment name', () => {
    expect(CONFIG_VARIABLE_NAMES).toEqual(CONFIG_VARIABLE_KEYS);
    expect(new Set(CONFIG_VARIABLE_NAMES).size).toBe(CONFIG_VARIABLE_NAMES.length);
    for (const name of CONFIG_VARIABLE_NAMES) expect(name).toMatch(/^[A-Z][A-Z0-9_]*$/);
    expect(isConfigVariableName('KAFKA_BROKERS')).toBe(true);
    expect(isConfigVariableName('toString')).toBe(false);
  });

  it('renders one Markdown row per variable with default, users and the requirement', () => {
    const lines = configTableMarkdown().trimEnd().split('\n');
    expect(lines).toHaveLength(CONFIG_VARIABLE_NAMES.length + 2);
    expect(lines[0]).toBe('| Variable | Default | Used by | Description |');
    expect(lines).toContain(
      '| `HTTP_PORT` | `3000` | all services | TCP port of the HTTP server (API, health, metrics). |',
    );
    const kafka = lines.find((line) => line.startsWith('| `KAFKA_BROKERS` '));
    expect(kafka).toContain(
      '| — | all services (distributed mode) | **Required when RUN_MODE=distributed.**',
    );
    expect(lines.find((line) => line.startsWith('| `RELAY_POLL_MS` '))).toContain(
      '| intake, routing, monitoring |',
    );
  });
});
