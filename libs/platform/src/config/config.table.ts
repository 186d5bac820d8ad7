import {
  boolean,
  EnvSchema,
  hostname,
  hostPortList,
  integer,
  oneOf,
  text,
  timeZone,
  url,
} from './config.schemas';

export const SERVICE_NAMES = ['intake', 'routing', 'monitoring', 'reporting'] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];
export const RUN_MODES = ['embedded', 'distributed'] as const;
export type RunMode = (typeof RUN_MODES)[number];

/** What a rule sees of the configuration: only the variables that parsed, by name. */
export type ParsedSoFar = Readonly<Record<string, unknown>>;

/**
 * One environment variable of the system. The table below is the only place a variable is declared:
 * the typed `AppConfig`, the start-up validation, the README table and the docker-compose check all
 * derive from it.
 */
export interface ConfigVariable<T = unknown> {
  schema: EnvSchema<T>;
  /** As it would be written in the environment; `undefined` means the variable may stay unset. */
  default: string | undefined;
  description: string;
  usedBy: readonly ServiceName[] | 'all';
  modes: readonly RunMode[];
  /** A cross-field rule: the variable must be set when `when` holds (`text` says so in plain words). */
  requiredWhen?: { text: string; when: (config: ParsedSoFar) => boolean };
  /** A cross-field rule: a value other than the default is accepted only when `when` holds. */
  allowedWhen?: { text: string; when: (config: ParsedSoFar) => boolean };
  /** Never echoed in error messages or start-up logs. */
  secret?: boolean;
}

const BOTH: readonly RunMode[] = RUN_MODES;
const STREAM_OWNERS: readonly ServiceName[] = ['intake', 'routing', 'monitoring'];

export const CONFIG_VARIABLES = {
  SERVICE: {
    schema: oneOf(['intake', 'routing', 'monitoring', 'reporting', 'all']),
    default: 'all',
    description: 'Which service this process hosts; `all` hosts the four in one process (the embedded host).',
    usedBy: 'all',
    modes: BOTH,
  },
  RUN_MODE: {
    schema: oneOf(RUN_MODES),
    default: 'embedded',
    description:
      '`embedded`: one process, in-process bus, embedded PostgreSQL unless DATABASE_URL is set. ' +
      '`distributed`: one process per service, Kafka and an external PostgreSQL.',
    usedBy: 'all',
    modes: BOTH,
  },
  PROCESS_ROLE: {
    schema: oneOf(['all', 'api']),
    default: 'all',
    description:
      "`all`: the service's HTTP API and its background work (relay of its events to Kafka, subscriptions, Kafka " +
      'consumers, timers). `api`: the HTTP API only, as an extra replica behind a load balancer; the background work ' +
      "stays with the service's one process whose role is `all`. Run one `all` process per service; a second one's " +
      'relay stands by until the first stops (RELAY_LEADERSHIP_INTERVAL_MS).',
    usedBy: 'all',
    modes: ['distributed'],
    allowedWhen: { text: 'RUN_MODE=distributed', when: (c) => c.RUN_MODE === 'distributed' },
  },
  HTTP_PORT: {
    schema: integer(1, 65535),
    default: '3000',
    description: 'TCP port of the HTTP server (API, health, metrics).',
    usedBy: 'all',
    modes: BOTH,
  },
  HTTP_HOST: {
    schema: hostname(),
    default: '0.0.0.0',
    description: 'Interface the HTTP server listens on; `127.0.0.1` keeps it local to the machine.',
    usedBy: 'all',
    modes: BOTH,
  },
  DATABASE_URL: {
    schema: url(['postgres', 'postgresql']),
    default: undefined,
    description:
      'PostgreSQL connection URL (each service uses its own schema). In embedded mode, when unset, an embedded ' +
      'PostgreSQL is started with its data under DATA_DIR.',
    usedBy: 'all',
    modes: BOTH,
    requiredWhen: { text: 'RUN_MODE=distributed', when: (c) => c.RUN_MODE === 'distributed' },
    secret: true,
  },
  DATA_DIR: {
    schema: text(),
    default: '.data',
    description:
      "Directory for local state in embedded mode: embedded PostgreSQL data and its password, the generated JWT secret, intake's master key and attachments.",
    usedBy: 'all',
    modes: ['embedded'],
  },
  EMBEDDED_PG_PORT: {
    schema: integer(0, 65535),
    default: '0',
    description:
      'Port of the embedded PostgreSQL (used only when DATABASE_URL is unset); `0` picks a free port.',
    usedBy: 'all',
    modes: ['embedded'],
  },
  EMBEDDED_PG_PASSWORD: {
    schema: text(12, 'must be at least 12 characters long'),
    default: undefined,
    description:
      "Password of the embedded PostgreSQL's superuser, set when its data directory is first created (used only when DATABASE_URL is unset). When unset, one is generated and kept in DATA_DIR.",
    usedBy: 'all',
    modes: ['embedded'],
    secret: true,
  },
  KAFKA_BROKERS: {
    schema: hostPortList(),
    default: undefined,
    description: 'Kafka bootstrap brokers, comma-separated `host:port`.',
    usedBy: 'all',
    modes: ['distributed'],
    requiredWhen: { text: 'RUN_MODE=distributed', when: (c) => c.RUN_MODE === 'distributed' },
  },
  KAFKA_CLIENT_ID: {
    schema: text(),
    default: 'tiep-dan',
    description: 'Kafka client id, shown in broker logs and quotas.',
    usedBy: 'all',
    modes: ['distributed'],
  },
  EVENT_STORE: {
    schema: oneOf(['postgres', 'eventstoredb']),
    default: 'postgres',
    description: 'Event store adapter: PostgreSQL tables or EventStoreDB/KurrentDB.',
    usedBy: STREAM_OWNERS,
    modes: BOTH,
  },
  EVENTSTORE_URL: {
    schema: url(['esdb', 'esdb+discover']),
    default: undefined,
    description: 'EventStoreDB/KurrentDB connection string, e.g. `esdb://localhost:2113?tls=false`.',
    usedBy: STREAM_OWNERS,
    modes: BOTH,
    requiredWhen: { text: 'EVENT_STORE=eventstoredb', when: (c) => c.EVENT_STORE === 'eventstoredb' },
    secret: true,
  },
  LOG_LEVEL: {
    schema: oneOf(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
    default: 'info',
    description:
      'Lowest level written to the JSON log on stdout. Personal data never reaches the log at any level.',
    usedBy: 'all',
    modes: BOTH,
  },
  AUTH_MODE: {
    schema: oneOf(['local', 'oidc']),
    default: 'local',
    description:
      '`local`: the system issues its own JWTs (HS256). `oidc`: tokens of an external OpenID Connect provider.',
    usedBy: 'all',
    modes: BOTH,
  },
  AUTH_JWT_SECRET: {
    schema: text(32, 'must be at least 32 characters long'),
    default: undefined,
    description:
      'Signing key of local JWTs, shared by all services. In embedded mode, when unset, one is generated and kept in DATA_DIR.',
    usedBy: 'all',
    modes: BOTH,
    requiredWhen: {
      text: 'AUTH_MODE=local and RUN_MODE=distributed',
      when: (c) => c.AUTH_MODE === 'local' && c.RUN_MODE === 'distributed',
    },
    secret: true,
  },
  ATTACHMENT_STORE: {
    schema: oneOf(['disk', 'postgres']),
    default: 'disk',
    description:
      'Where intake keeps attachment bytes. `disk`: files under DATA_DIR/attachments, for one intake process or ' +
      "processes sharing that folder. `postgres`: in intake's schema of the database, so that intake's processes " +
      'on several hosts (API replicas) all see every upload, and backups hold the files with the petitions.',
    usedBy: ['intake'],
    modes: BOTH,
  },
  INTAKE_MASTER_KEY: {
    schema: text(32, 'must be 32 random bytes in base64 or hex'),
    default: undefined,
    description:
      "Master key of intake's personal-data vault (wraps each person's key; derives pseudonyms and match keys): 32 random bytes, base64 or hex. In embedded mode, when unset, one is generated and kept in DATA_DIR. Losing it makes every petitioner's data unreadable.",
    usedBy: ['intake'],
    modes: BOTH,
    requiredWhen: {
      text: 'RUN_MODE=distributed and the process hosts intake',
      when: (c) => c.RUN_MODE === 'distributed' && (c.SERVICE === 'intake' || c.SERVICE === 'all'),
    },
    secret: true,
  },
  OPEN311_API_KEYS: {
    schema: text(),
    default: undefined,
    description:
      'API keys of the Open311 (GeoReport v2) apps allowed to submit reflections, comma-separated `appId:key` (each key at least 24 characters). Unset: Open311 submissions are refused (reads stay public).',
    usedBy: ['intake'],
    modes: BOTH,
    secret: true,
  },
  AUTH_JWT_ISSUER: {
    schema: text(),
    default: 'tiep-dan',
    description: '`iss` claim of local JWTs.',
    usedBy: 'all',
    modes: BOTH,
  },
  AUTH_JWT_AUDIENCE: {
    schema: text(),
    default: 'tiep-dan',
    description: '`aud` claim of local JWTs.',
    usedBy: 'all',
    modes: BOTH,
  },
  OIDC_JWKS_URL: {
    schema: url(['https', 'http']),
    default: undefined,
    description: 'JWKS endpoint of the OpenID Connect provider (its signing keys).',
    usedBy: 'all',
    modes: BOTH,
    requiredWhen: { text: 'AUTH_MODE=oidc', when: (c) => c.AUTH_MODE === 'oidc' },
  },
  OIDC_ISSUER: {
    schema: text(),
    default: undefined,
    description: 'Expected `iss` claim of OIDC tokens.',
    usedBy: 'all',
    modes: BOTH,
    requiredWhen: { text: 'AUTH_MODE=oidc', when: (c) => c.AUTH_MODE === 'oidc' },
  },
  OIDC_AUDIENCE: {
    schema: text(),
    default: undefined,
    description: 'Expected `aud` claim of OIDC tokens.',
    usedBy: 'all',
    modes: BOTH,
    requiredWhen: { text: 'AUTH_MODE=oidc', when: (c) => c.AUTH_MODE === 'oidc' },
  },
  OIDC_ROLES_CLAIM: {
    schema: text(),
    default: 'roles',
    description:
      'Claim holding the user’s roles; a dotted path reaches nested claims (`realm_access.roles` for Keycloak).',
    usedBy: 'all',
    modes: BOTH,
  },
  ADMIN_INITIAL_PASSWORD: {
    schema: text(12, 'must be at least 12 characters long'),
    default: undefined,
    description:
      'Password of the first administrator account, created at first start when none exists (AUTH_MODE=local).',
    usedBy: 'all',
    modes: BOTH,
    secret: true,
  },
  RELAY_POLL_MS: {
    schema: integer(10, 60000),
    default: '1000',
    description:
      'Fallback polling interval of the event-store relay and subscriptions when no notification arrives.',
    usedBy: STREAM_OWNERS,
    modes: BOTH,
  },
  RELAY_LEADERSHIP_INTERVAL_MS: {
    schema: integer(100, 600000),
    default: '5000',
    description:
      "A service's relay runs in one process at a time, the one holding the relay's lock in PostgreSQL; " +
      "another process with role `all` stands by and tries to take over this often. The leader checks its lock's " +
      'connection as often, and stops publishing when it fails.',
    usedBy: STREAM_OWNERS,
    modes: BOTH,
  },
  RELAY_BATCH_SIZE: {
    schema: integer(1, 500),
    default: '100',
    description:
      'Most events the relay takes from the event store at once and publishes in one Kafka request (split when ' +
      'over 512 KiB); its checkpoint advances once the broker acknowledged the whole batch.',
    usedBy: STREAM_OWNERS,
    modes: BOTH,
  },
  EVENT_STORE_READ_INTERVAL_MS: {
    schema: integer(0, 1000),
    default: '20',
    description:
      'A subscription of the PostgreSQL event store (the relay, projections) that appends keep busy reads at most ' +
      'this often: the events appended meanwhile come together in its next read (fewer statements, bigger Kafka ' +
      'batches), delivered up to this much later under load. A read after a quiet spell is never delayed. 0: read ' +
      'on every append.',
    usedBy: STREAM_OWNERS,
    modes: BOTH,
  },
  EVENT_STORE_GROUP_COMMIT: {
    schema: integer(0, 16),
    default: '1',
    description:
      'Group commit on the PostgreSQL event store: appends that arrive while this many statements of appends are ' +
      'running wait and go together in one statement and one transaction, each with its own outcome; the same for ' +
      "intake's new person keys, search rows and duplicate-candidate lookups. 0: one statement per write.",
    usedBy: STREAM_OWNERS,
    modes: BOTH,
  },
  METRICS_ENABLED: {
    schema: boolean(),
    default: 'true',
    description: 'Serve Prometheus metrics at `/metrics`.',
    usedBy: 'all',
    modes: BOTH,
  },
  TIME_ZONE: {
    schema: timeZone(),
    default: 'Asia/Ho_Chi_Minh',
    description:
      'IANA time zone of legal deadlines, working days and report periods (the UTC offset follows from it).',
    usedBy: 'all',
    modes: BOTH,
  },
  ROUTING_DEADLINE_TICK_SECONDS: {
    schema: integer(5, 86_400),
    default: '300',
    description:
      'Seconds between two clock ticks of routing: each tick checks the open processing and case deadlines (approaching, due, overdue) and unacknowledged assignments. Ticks are idempotent: each stage is announced once.',
    usedBy: ['routing'],
    modes: BOTH,
  },
  ROUTING_ACKNOWLEDGEMENT_WORKING_DAYS: {
    schema: integer(1, 30),
    default: '2',
    description:
      'Working days a unit has to acknowledge an assigned case before routing escalates it (AssignmentEscalated).',
    usedBy: ['routing'],
    modes: BOTH,
  },
  ROUTING_RECOMMENDATION_WORKING_DAYS: {
    schema: integer(1, 365),
    default: '15',
    description:
      'Working days to resolve a recommendation or reflection (kiến nghị, phản ánh): the laws name no limit (DOMAIN.md), so the commune sets it.',
    usedBy: ['routing'],
    modes: BOTH,
  },
  BUS_RETRY_ATTEMPTS: {
    schema: integer(1, 100),
    default: '5',
    description: 'Attempts of a consumer to apply one message before it goes to the dead-letter topic.',
    usedBy: 'all',
    modes: BOTH,
  },
  BUS_RETRY_INITIAL_MS: {
    schema: integer(1, 600000),
    default: '200',
    description: 'Delay before the first retry of a failed message; each further retry doubles it.',
    usedBy: 'all',
    modes: BOTH,
  },
} as const satisfies Record<string, ConfigVariable>;

export type ConfigVariableName = keyof typeof CONFIG_VARIABLES;

/** Every variable, in table order, typed for indexing `CONFIG_VARIABLES` and `AppConfig`. */
export const CONFIG_VARIABLE_KEYS = Object.keys(CONFIG_VARIABLES) as readonly ConfigVariableName[];

/**
 * Every variable name, in table order, as plain strings so that `CONFIG_VARIABLE_NAMES.includes(key)`
 * type-checks for any string (docker-compose and Helm values are checked against it).
 */
export const CONFIG_VARIABLE_NAMES: readonly string[] = CONFIG_VARIABLE_KEYS;

export function isConfigVariableName(name: string): name is ConfigVariableName {
  return Object.prototype.hasOwnProperty.call(CONFIG_VARIABLES, name);
}

type Parsed<V> = V extends { schema: EnvSchema<infer T> } ? T : never;

/** The validated configuration: one typed field per variable, named like the variable. */
export type AppConfig = {
  readonly [K in ConfigVariableName]: (typeof CONFIG_VARIABLES)[K]['default'] extends string
    ? Parsed<(typeof CONFIG_VARIABLES)[K]>
    : Parsed<(typeof CONFIG_VARIABLES)[K]> | undefined;
};
