import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { parse } from 'yaml';
import { z } from 'zod';
import {
  CASE_INTEGRATION_EVENTS,
  PETITION_INTEGRATION_EVENTS,
  PROBE_SENT,
  PROCESSING_INTEGRATION_EVENTS,
  SERVICE_NAMES,
  UNIT_TOPIC_EVENTS,
  Topics,
  UNIT_UPDATE_TYPES,
  integrationEventSchema,
  probeSentDataSchema,
  probeTopic,
  submissionMessageSchema,
  unitAssignmentsTopic,
  unitCaseUpdateSchema,
} from '@tiep-dan/contracts';
import { InMemoryEventStore } from '@tiep-dan/event-store';
import {
  ContentTypes,
  DeadLetterHeaders,
  InProcessMessageBus,
  MessageHeaders,
  PermanentMessageError,
  Relay,
  deadLetterTopic,
  isDeadLetterTopic,
  isValidTopicName,
  silentLogger,
  type InboundMessage,
} from '@tiep-dan/messaging';
import { mapProbeEvent, probeStreamPrefix } from '@tiep-dan/platform';

/**
 * docs/asyncapi.yaml is written by hand (zod-to-json-schema is not a dependency), so this suite keeps
 * it true: channels against the topics of libs/contracts, headers against libs/messaging, payload
 * schemas against the zod contracts (keyword by keyword), and the headers and values that a relay and
 * a consumer that gives up really produce against the documented schemas.
 *
 * The official AsyncAPI 3.0 JSON schema is not available offline (no @asyncapi/specs package), so the
 * document's structure is checked by the rules below instead: every reference resolves, every schema
 * compiles as JSON Schema draft-07 (AsyncAPI's Schema Object is a superset of it), operations point at
 * their own channel's messages, address parameters are declared.
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

interface Ref {
  $ref: string;
}
interface Channel {
  address: string;
  messages: Record<string, Ref>;
  parameters?: Record<string, Ref>;
}
interface Operation {
  action: string;
  channel: Ref;
  messages: Ref[];
}
interface MessageExample {
  name?: string;
  headers?: Record<string, string>;
  payload: Json;
}
interface Message {
  name: string;
  headers: JsonObject;
  payload: JsonObject;
  correlationId?: { location: string };
  bindings?: { kafka?: { key?: JsonObject } };
  examples?: MessageExample[];
}
interface ObjectSchema {
  required?: string[];
  properties: Record<string, JsonObject>;
}
interface AsyncApiDocument {
  asyncapi: string;
  defaultContentType?: string;
  info: { title: string; version: string; description: string };
  servers: Record<string, { host: string; protocol: string }>;
  channels: Record<string, Channel>;
  operations: Record<string, Operation>;
  components: { schemas: Record<string, JsonObject>; messages: Record<string, Message> };
}

const root = join(__dirname, '..', '..');
const doc = parse(readFileSync(join(root, 'docs/asyncapi.yaml'), 'utf8')) as AsyncApiDocument;

const UNIT_PLACEHOLDER = 'placeholder-unit';
const unitAssignmentsAddress = unitAssignmentsTopic(UNIT_PLACEHOLDER).replace(UNIT_PLACEHOLDER, '{unitCode}');
const knownTopics: string[] = [
  ...Object.values(Topics),
  ...SERVICE_NAMES.map((service) => probeTopic(service)),
  unitAssignmentsAddress,
];
/** Published by systems outside the platform (topics.ts); the platform only consumes them. */
const inboundTopics: string[] = [Topics.intakeSubmissions, Topics.unitsCaseUpdates];
/**
 * Per channel address, the zod contract of the `data` of each message (by name) in libs/contracts: the
 * channel carries exactly these messages. The same name may mean another shape on another channel
 * (`CaseAssigned` is the case event on routing.case-events.v1, a UnitAssignmentV1 on a unit's topic).
 */
const dataContracts: Record<string, Record<string, z.ZodTypeAny>> = {
  [Topics.intakePetitionEvents]: PETITION_INTEGRATION_EVENTS,
  [Topics.routingProcessingEvents]: PROCESSING_INTEGRATION_EVENTS,
  [Topics.routingCaseEvents]: CASE_INTEGRATION_EVENTS,
  [unitAssignmentsAddress]: UNIT_TOPIC_EVENTS,
  ...Object.fromEntries(
    SERVICE_NAMES.map((service) => [probeTopic(service), { [PROBE_SENT]: probeSentDataSchema }]),
  ),
};
const dataContractCases = Object.entries(dataContracts).flatMap(([address, contracts]) =>
  Object.keys(contracts).map((type) => [address, type] as const),
);
/** The inbound topics' values, which are not in the envelope: the whole value has a zod contract. */
const valueContracts: Record<string, z.ZodTypeAny> = {
  [Topics.intakeSubmissions]: submissionMessageSchema,
  [Topics.unitsCaseUpdates]: unitCaseUpdateSchema,
};

const channels = Object.entries(doc.channels);
const sourceChannels = channels.filter(([, channel]) => !isDeadLetterTopic(channel.address));
const deadLetterChannels = channels.filter(([, channel]) => isDeadLetterTopic(channel.address));

function channelAt(address: string): [string, Channel] {
  const found = channels.find(([, channel]) => channel.address === address);
  if (!found) throw new Error(`no channel at ${address}`);
  return found;
}

function resolvePointer(ref: string): Json {
  if (!ref.startsWith('#/')) throw new Error(`only local references are expected: ${ref}`);
  let node = doc as unknown as Json;
  for (const token of ref.slice(2).split('/')) {
    const key = token.replace(/~1/g, '/').replace(/~0/g, '~');
    if (node === null || typeof node !== 'object' || Array.isArray(node) || !(key in node)) {
      throw new Error(`unresolvable $ref ${ref}`);
    }
    node = node[key];
  }
  return node;
}

/** The node with every `$ref` replaced by its target (the document has no cyclic references). */
function deref(node: Json): Json {
  if (Array.isArray(node)) return node.map(deref);
  if (node === null || typeof node !== 'object') return node;
  if (typeof node.$ref === 'string') return deref(resolvePointer(node.$ref));
  return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, deref(value)]));
}

function messagesOf(channel: Channel): Array<[string, Message]> {
  return Object.entries(channel.messages).map(([key, ref]) => [
    key,
    deref(ref as unknown as Json) as unknown as Message,
  ]);
}

/** Not dereferenced: shows which schemas a message reuses. */
function rawMessage(ref: Ref): Message {
  return resolvePointer(ref.$ref) as unknown as Message;
}

function collectRefs(node: Json, into: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((item) => collectRefs(item, into));
  else if (node !== null && typeof node === 'object') {
    if (typeof node.$ref === 'string') into.push(node.$ref);
    Object.values(node).forEach((value) => collectRefs(value, into));
  }
  return into;
}

const ANNOTATIONS = new Set(['description', 'title', 'examples']);

/** An object schema with nothing but a type, properties, required fields and annotations. */
function isPlainObjectSchema(schema: Json): schema is JsonObject {
  return (
    schema !== null &&
    typeof schema === 'object' &&
    !Array.isArray(schema) &&
    schema.type === 'object' &&
    Object.keys(schema).every((keyword) => ['type', 'properties', 'required'].includes(keyword))
  );
}

/**
 * A schema without its annotations, `required` sorted: what a zod schema can be compared with. An
 * `allOf` of plain object schemas (the document's way to share the fields every case event has) is
 * merged into the one object it stands for.
 */
function schemaShape(schema: Json): Json {
  if (schema === null || typeof schema !== 'object' || Array.isArray(schema)) return schema;
  const shape: JsonObject = {};
  for (const [keyword, value] of Object.entries(schema)) {
    if (ANNOTATIONS.has(keyword)) continue;
    if (keyword === 'properties') {
      shape.properties = Object.fromEntries(
        Object.entries(value as JsonObject).map(([name, property]) => [name, schemaShape(property)]),
      );
    } else if (keyword === 'items') shape.items = schemaShape(value);
    else if (keyword === 'required') shape.required = [...(value as string[])].sort();
    else if (keyword === 'allOf' || keyword === 'anyOf') shape[keyword] = (value as Json[]).map(schemaShape);
    else shape[keyword] = value;
  }
  const parts = shape.allOf as Json[] | undefined;
  if (Object.keys(shape).length === 1 && parts?.every(isPlainObjectSchema)) {
    const required = parts.flatMap((part) => (part.required as string[] | undefined) ?? []).sort();
    return {
      type: 'object',
      ...(required.length > 0 ? { required } : {}),
      properties: Object.assign({}, ...parts.map((part) => part.properties)) as JsonObject,
    };
  }
  return shape;
}

/**
 * The JSON Schema a zod schema stands for, for the part of zod the contracts use. Anything else
 * throws, so that a new construct in a contract makes this suite, and the document, catch up.
 */
function fromZod(schema: z.ZodTypeAny): Json {
  if (schema instanceof z.ZodOptional) return fromZod(schema.unwrap());
  if (schema instanceof z.ZodNullable) return { anyOf: [fromZod(schema.unwrap()), { type: 'null' }] };
  // A refinement's rules are not keywords: the document states them as conditions (`allOf`), checked
  // against the refinement by their own test.
  if (schema instanceof z.ZodEffects && schema._def.effect.type === 'refinement') {
    return fromZod(schema.innerType());
  }
  if (schema instanceof z.ZodDefault) {
    return {
      ...(fromZod(schema.removeDefault()) as JsonObject),
      default: schema._def.defaultValue() as Json,
    };
  }
  if (schema instanceof z.ZodObject) {
    const fields = Object.entries(schema.shape as Record<string, z.ZodTypeAny>);
    const required = fields
      .filter(([, field]) => !(field instanceof z.ZodOptional || field instanceof z.ZodDefault))
      .map(([name]) => name)
      .sort();
    return {
      type: 'object',
      ...(required.length > 0 ? { required } : {}),
      properties: Object.fromEntries(fields.map(([name, field]) => [name, fromZod(field)])),
      // A strict object refuses unknown keys; the others (published events) let fields be added.
      ...(schema._def.unknownKeys === 'strict' ? { additionalProperties: false } : {}),
    };
  }
  if (schema instanceof z.ZodString) {
    const json: JsonObject = { type: 'string' };
    for (const check of schema._def.checks) {
      if (check.kind === 'min') json.minLength = check.value;
      else if (check.kind === 'max') json.maxLength = check.value;
      else if (check.kind === 'uuid' || check.kind === 'email') json.format = check.kind;
      else if (check.kind === 'datetime') json.format = 'date-time';
      else if (check.kind === 'regex') json.pattern = check.regex.source;
      // Trimming changes the value, not the accepted shape.
      else if (check.kind !== 'trim')
        throw new Error(`no JSON Schema mapping for string check ${check.kind}`);
    }
    return json;
  }
  if (schema instanceof z.ZodNumber) {
    const json: JsonObject = { type: 'number' };
    for (const check of schema._def.checks) {
      if (check.kind === 'int') json.type = 'integer';
      else if (check.kind === 'min') json[check.inclusive ? 'minimum' : 'exclusiveMinimum'] = check.value;
      else if (check.kind === 'max') json[check.inclusive ? 'maximum' : 'exclusiveMaximum'] = check.value;
      else throw new Error(`no JSON Schema mapping for number check ${check.kind}`);
    }
    return json;
  }
  if (schema instanceof z.ZodBoolean) return { type: 'boolean' };
  if (schema instanceof z.ZodLiteral && typeof schema.value === 'string') {
    return { type: 'string', const: schema.value };
  }
  if (schema instanceof z.ZodEnum) return { type: 'string', enum: [...(schema.options as string[])] };
  if (schema instanceof z.ZodArray) {
    const { minLength, maxLength } = schema._def;
    return {
      type: 'array',
      items: fromZod(schema.element as z.ZodTypeAny),
      ...(minLength ? { minItems: minLength.value } : {}),
      ...(maxLength ? { maxItems: maxLength.value } : {}),
    };
  }
  if (schema instanceof z.ZodRecord && schema._def.valueType instanceof z.ZodUnknown)
    return { type: 'object' };
  if (schema instanceof z.ZodUnknown) return {};
  throw new Error(`no JSON Schema mapping for ${schema.constructor.name}`);
}

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const ajv = new Ajv({
  allErrors: true,
  strict: true,
  strictTypes: false,
  strictTuples: false,
  strictRequired: false,
});
ajv.addFormat('uuid', /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
ajv.addFormat('email', /^[^\s@]+@[^\s@]+\.[^\s@]+$/);
ajv.addFormat('date-time', {
  type: 'string',
  validate: (value: string) => DATE_TIME.test(value) && !Number.isNaN(Date.parse(value)),
});

function expectValid(schema: Json, value: unknown): void {
  const validate = ajv.compile(deref(schema) as object);
  validate(value);
  expect(validate.errors ?? []).toEqual([]);
}

/** The schema of a platform event's `data`: the second part of `allOf: [IntegrationEvent, {...}]`. */
function dataSchema(message: Message): Json {
  const parts = message.payload.allOf as JsonObject[];
  return (parts[1].properties as JsonObject).data;
}

/** What a zod contract can be compared with: for a refined contract, the shape without its conditions. */
function comparableShape(schema: Json, contract: z.ZodTypeAny): Json {
  const shape = schemaShape(schema) as JsonObject;
  if (!(contract instanceof z.ZodEffects)) return shape;
  const { allOf: _conditions, ...rest } = shape;
  return rest;
}

async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('docs/asyncapi.yaml', () => {
  it('is an AsyncAPI 3.0 document with info, a Kafka server at the brokers docker-compose uses, and channels', () => {
    expect(doc.asyncapi).toMatch(/^3\.0\.\d+$/);
    expect(doc.info.title).toBeTruthy();
    expect(doc.info.version).toBeTruthy();
    expect(doc.defaultContentType).toBe(ContentTypes.json);
    const compose = parse(readFileSync(join(root, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
      services: Record<string, { environment?: Record<string, string> }>;
    };
    const kafka = Object.values(doc.servers).filter((server) => server.protocol === 'kafka');
    expect(kafka.map((server) => server.host)).toEqual([compose.services.intake.environment?.KAFKA_BROKERS]);
    expect(channels.length).toBeGreaterThan(0);
  });

  it('has a channel at the address of every topic of Topics, of each service’s probes and of the unit assignments', () => {
    const addresses = channels.map(([, channel]) => channel.address);
    expect(addresses).toEqual(expect.arrayContaining(knownTopics));
  });

  it('has no channel for a topic the code does not know, and one channel per topic', () => {
    const known = new Set([...knownTopics, ...knownTopics.map(deadLetterTopic)]);
    const addresses = channels.map(([, channel]) => channel.address);
    expect(addresses.filter((address) => !known.has(address))).toEqual([]);
    expect(new Set(addresses).size).toBe(addresses.length);
  });

  it('declares the parameters of each address; the unitCode examples give the topics unitAssignmentsTopic gives', () => {
    for (const [, channel] of channels) {
      const placeholders = [...channel.address.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]).sort();
      expect(Object.keys(channel.parameters ?? {}).sort()).toEqual(placeholders);
    }
    const [, assignments] = channelAt(unitAssignmentsAddress);
    const unitCode = deref(assignments.parameters!.unitCode as unknown as Json) as { examples: string[] };
    expect(unitCode.examples.length).toBeGreaterThan(0);
    for (const example of unitCode.examples) {
      const address = assignments.address.replace('{unitCode}', example);
      expect(address).toBe(unitAssignmentsTopic(example));
      expect(isValidTopicName(address)).toBe(true);
    }
  });

  it('documents the dead-letter topic <topic>.dlq of every topic as a channel <id>DeadLetters carrying DeadLetter', () => {
    expect(deadLetterChannels).toHaveLength(sourceChannels.length);
    for (const [id, channel] of sourceChannels) {
      const deadLetters = doc.channels[`${id}DeadLetters`];
      expect(deadLetters?.address).toBe(deadLetterTopic(channel.address));
      expect(Object.values(deadLetters.messages)).toEqual([{ $ref: '#/components/messages/DeadLetter' }]);
      expect(deadLetters.parameters).toEqual(channel.parameters);
    }
  });

  it('gives dead letters the dlq-* headers the bus adds, on top of the original message’s headers', () => {
    const headers = deref(doc.components.messages.DeadLetter.headers) as unknown as ObjectSchema;
    expect([...(headers.required ?? [])].sort()).toEqual(Object.values(DeadLetterHeaders).sort());
    expect(Object.keys(headers.properties)).toEqual(
      expect.arrayContaining([...Object.values(DeadLetterHeaders), ...Object.values(MessageHeaders)]),
    );
  });

  it('gives every message the MessageHeaders, a Kafka key and the correlation-id header as its correlation id', () => {
    for (const [, channel] of channels) {
      for (const [, message] of messagesOf(channel)) {
        const headers = message.headers as unknown as ObjectSchema;
        expect(Object.keys(headers.properties)).toEqual(
          expect.arrayContaining(Object.values(MessageHeaders)),
        );
        expect(message.bindings?.kafka?.key).toBeDefined();
        expect(message.correlationId?.location).toBe(`$message.header#/${MessageHeaders.correlationId}`);
      }
    }
  });

  it('wraps every message of a platform topic in the IntegrationEvent envelope, typed by the message name', () => {
    const envelope = { $ref: '#/components/schemas/IntegrationEvent' };
    for (const [, channel] of sourceChannels.filter(([, c]) => !inboundTopics.includes(c.address))) {
      for (const [key, ref] of Object.entries(channel.messages)) {
        const message = rawMessage(ref);
        expect(message.name).toBe(key);
        if ('$ref' in message.payload) {
          expect(message.payload).toEqual(envelope);
        } else {
          const [first, second] = message.payload.allOf as JsonObject[];
          expect(first).toEqual(envelope);
          expect((second.properties as JsonObject).type).toEqual({ const: message.name });
        }
      }
    }
  });

  it('describes the envelope exactly as integrationEventSchema', () => {
    expect(schemaShape(deref(doc.components.schemas.IntegrationEvent))).toEqual(
      fromZod(integrationEventSchema),
    );
  });

  it.each(Object.keys(dataContracts))(
    'carries on %s exactly the events of its zod contracts in libs/contracts',
    (address) => {
      const [, channel] = channelAt(address);
      expect(Object.keys(channel.messages).sort()).toEqual(Object.keys(dataContracts[address]).sort());
    },
  );

  it.each(dataContractCases)('describes on %s the data of %s exactly as its zod schema', (address, type) => {
    const [, channel] = channelAt(address);
    const message = deref(channel.messages[type] as unknown as Json) as unknown as Message;
    expect(schemaShape(dataSchema(message))).toEqual(fromZod(dataContracts[address][type]));
  });

  it.each(Object.keys(valueContracts))(
    'describes %s exactly as its zod schema, without the envelope',
    (address) => {
      const [, channel] = channelAt(address);
      const messages = messagesOf(channel);
      expect(messages).toHaveLength(1);
      const contract = valueContracts[address];
      expect(comparableShape(messages[0][1].payload, contract)).toEqual(fromZod(contract));
    },
  );

  it('states the conditions of a unit’s case update as unitCaseUpdateSchema refines them: reason, conclusion, note', () => {
    const [, channel] = channelAt(Topics.unitsCaseUpdates);
    const [[, message]] = messagesOf(channel);
    const validate = ajv.compile(deref(message.payload) as object);
    const base = {
      updateId: randomUUID(),
      caseId: randomUUID(),
      unitCode: 'economic-department',
      occurredAt: '2026-03-05T09:30:00+07:00',
    };
    const parts = {
      note: 'Đã làm việc với các hộ liên quan',
      extension: { reason: 'Cần đo đạc lại' },
      conclusion: { result: 'right', documentNumber: '15/QĐ-UBND', issuedOn: '2026-03-30' },
    };
    const subsets = [
      [],
      ['note'],
      ['extension'],
      ['conclusion'],
      ['note', 'extension', 'conclusion'],
    ] as const;
    const verdicts = UNIT_UPDATE_TYPES.flatMap((type) =>
      subsets.map((subset) => {
        const update = { ...base, type, ...Object.fromEntries(subset.map((part) => [part, parts[part]])) };
        return {
          type,
          subset,
          document: validate(update) === true,
          zod: unitCaseUpdateSchema.safeParse(update).success,
        };
      }),
    );
    expect(verdicts.filter((v) => v.document !== v.zod)).toEqual([]);
    expect(new Set(verdicts.map((v) => v.zod))).toEqual(new Set([true, false]));
  });

  it('keeps every example valid against its message and its zod contract; each contract has one', () => {
    const checked = new Set<string>();
    for (const [, channel] of sourceChannels) {
      for (const [, message] of messagesOf(channel)) {
        for (const example of message.examples ?? []) {
          expectValid(message.payload, example.payload);
          expectValid(message.headers, example.headers ?? {});
          if (!inboundTopics.includes(channel.address)) {
            const event = integrationEventSchema.parse(example.payload);
            expect(event.type).toBe(message.name);
            expect(example.headers?.[MessageHeaders.eventId]).toBe(event.eventId);
            expect(example.headers?.[MessageHeaders.eventType]).toBe(event.type);
            dataContracts[channel.address]?.[message.name]?.parse(event.data);
          } else {
            valueContracts[channel.address].parse(example.payload);
          }
          checked.add(`${channel.address} ${message.name}`);
        }
      }
    }
    expect([...checked].sort()).toEqual(
      expect.arrayContaining([
        ...dataContractCases.map(([address, type]) => `${address} ${type}`),
        ...Object.keys(valueContracts).map(
          (address) => `${address} ${messagesOf(channelAt(address)[1])[0][0]}`,
        ),
      ]),
    );
  });

  it('resolves every $ref and compiles every schema, header and key schema as JSON Schema', () => {
    for (const ref of collectRefs(doc as unknown as Json)) expect(() => resolvePointer(ref)).not.toThrow();
    for (const schema of Object.values(doc.components.schemas)) ajv.compile(deref(schema) as object);
    for (const message of Object.values(doc.components.messages)) {
      const resolved = deref(message as unknown as Json) as unknown as Message;
      ajv.compile(resolved.payload);
      ajv.compile(resolved.headers);
      ajv.compile(resolved.bindings!.kafka!.key!);
    }
  });

  it('has one operation per topic: the platform receives submissions and case updates and sends the rest', () => {
    const operations = Object.values(doc.operations);
    expect(operations).toHaveLength(sourceChannels.length);
    for (const [id, channel] of sourceChannels) {
      const own = operations.filter((operation) => operation.channel.$ref === `#/channels/${id}`);
      expect(own).toHaveLength(1);
      expect(own[0].action).toBe(inboundTopics.includes(channel.address) ? 'receive' : 'send');
      expect(own[0].messages.map((message) => message.$ref).sort()).toEqual(
        Object.keys(channel.messages)
          .map((key) => `#/channels/${id}/messages/${key}`)
          .sort(),
      );
    }
  });

  it('matches what a relay publishes: headers, key and value of probes fit ProbeSent, required headers are those always set', async () => {
    const store = new InMemoryEventStore();
    const bus = new InProcessMessageBus({ logger: silentLogger });
    const received: InboundMessage[] = [];
    const relay = new Relay({
      service: 'intake',
      store,
      bus,
      streamPrefixes: [probeStreamPrefix('intake')],
      map: (event) => mapProbeEvent('intake', event),
      logger: silentLogger,
    });
    try {
      await bus.subscribe({
        group: 'asyncapi-check',
        topics: [probeTopic('intake')],
        fromBeginning: true,
        handler: async (message) => void received.push(message),
      });
      await relay.start();
      const sentAt = new Date().toISOString();
      for (const metadata of [{ occurredAt: sentAt }, { occurredAt: sentAt, causationId: randomUUID() }]) {
        const probeId = randomUUID();
        await store.appendToStream(
          `${probeStreamPrefix('intake')}${probeId}`,
          [{ id: randomUUID(), type: PROBE_SENT, data: { probeId, origin: 'intake', sentAt }, metadata }],
          { expectedVersion: 'no_stream' },
        );
      }
      await until(() => received.length === 2, 'the relayed probes');
    } finally {
      await relay.stop();
      await bus.close();
      await store.close();
    }
    const [, channel] = channelAt(probeTopic('intake'));
    const [[, probe]] = messagesOf(channel);
    for (const message of received) {
      expectValid(probe.headers, message.headers);
      expectValid(probe.payload, message.value);
      expectValid(probe.bindings!.kafka!.key!, message.key);
    }
    const required = (probe.headers as unknown as ObjectSchema).required ?? [];
    expect([...required].sort()).toEqual(Object.keys(received[0].headers).sort());
    expect(received[1].headers[MessageHeaders.causationId]).toBeDefined();
  });

  it('matches what a consumer that gives up writes: a refused submission lands on the documented .dlq channel as a DeadLetter', async () => {
    const bus = new InProcessMessageBus({ logger: silentLogger });
    const dead: InboundMessage[] = [];
    try {
      await bus.subscribe({
        group: 'intake.submissions',
        topics: [Topics.intakeSubmissions],
        fromBeginning: true,
        handler: async (message) => {
          if (!submissionMessageSchema.safeParse(message.value).success) {
            throw new PermanentMessageError('PETITION.INVALID_INPUT at "petition": Required');
          }
        },
      });
      await bus.subscribe({
        group: 'asyncapi-dead-letters',
        topics: [deadLetterTopic(Topics.intakeSubmissions)],
        fromBeginning: true,
        raw: true,
        handler: async (message) => void dead.push(message),
      });
      await bus.publish(Topics.intakeSubmissions, [
        {
          key: 'submission-1',
          value: { submissionId: 'submission-1' },
          headers: { 'correlation-id': 'c-1' },
        },
      ]);
      await until(() => dead.length === 1, 'the dead letter');
    } finally {
      await bus.close();
    }
    const [, channel] = channelAt(deadLetterTopic(Topics.intakeSubmissions));
    const [[, deadLetter]] = messagesOf(channel);
    expect(dead[0].topic).toBe(channel.address);
    expect(dead[0].key).toBe('submission-1');
    expectValid(deadLetter.headers, dead[0].headers);
  });
});
