/**
 * The bus of the embedded (single-process) mode: the same semantics as the Kafka adapter — keyed
 * partitions, consumer groups sharing partitions, offsets committed after the handler, the same retry
 * and dead-letter policy (`deliver`) — held in memory.
 *
 * The log lives in memory, so it cannot be what makes a message durable. With `acknowledge: 'handled'`
 * (embedded mode) `publish` resolves only once every consumer group subscribed to the topic has handled
 * the message (its handler's writes are committed in PostgreSQL, or the message is dead-lettered). The
 * relay saves its checkpoint only after `publish` resolved, so a message that was in memory when the
 * process died is published again from the event store on restart, and idempotent consumers apply it
 * once. With `acknowledge: 'appended'` (the default, for tests) `publish` resolves once the message is
 * in memory; a publish still waiting when the bus closes is rejected.
 */
import { createHash } from 'node:crypto';
import { assertPublishable, deliver, encodeMessage, type RawDelivery, type RawRecord } from '../delivery';
import { consoleLogger, errorMessage, type MessagingLogger } from '../logger';
import type {
  BusSubscription,
  EnsureTopicsOptions,
  MessageBus,
  OutgoingMessage,
  SubscribeOptions,
  TopicMessages,
} from '../message-bus.port';
import { AbortedError, retryPolicy, type RetryPolicy } from '../retry-policy';
import { deadLetterTopic } from '../topic-names';

export interface InProcessMessageBusOptions {
  /** Partitions of a topic created implicitly (first publish or subscribe), like Kafka's `num.partitions`. */
  defaultPartitions?: number;
  retry?: Partial<RetryPolicy>;
  logger?: MessagingLogger;
  /** When `publish` resolves: the message is in memory, or every subscribed group handled it. Default 'appended'. */
  acknowledge?: 'appended' | 'handled';
}

/** Where a published record landed. */
interface Placement {
  partition: number;
  offset: number;
}

interface StoredRecord extends RawRecord {
  timestamp: Date;
}

/** Resolves the waiters of one thing (a partition's new messages, a group's membership) when poked. */
class Signal {
  private waiters: Array<() => void> = [];
  wait(): Promise<void> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }
  notify(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }
}

class Partition {
  readonly log: StoredRecord[] = [];
  readonly appended = new Signal();
}

interface Member {
  id: number;
  topics: Set<string>;
  fromBeginning: boolean;
  handler: SubscribeOptions['handler'];
  raw: boolean;
  policy: RetryPolicy;
  abort: AbortController;
  inFlight: Set<Promise<unknown>>;
}

/** One per (group, topic, partition): the only place that reads the partition for the group, so its messages are handled one at a time, in order, whichever member currently owns it. */
class PartitionWorker {
  /** Next offset to read; `undefined` until the owner's `fromBeginning` decides it (no commit yet). */
  position: number | undefined;
  readonly done: Promise<void>;

  constructor(
    private readonly bus: InProcessMessageBus,
    private readonly group: Group,
    readonly topic: string,
    readonly partitionIndex: number,
    private readonly partition: Partition,
  ) {
    this.done = this.run();
  }

  startAt(committed: number | undefined, owner: Member): number {
    this.position = committed ?? this.position ?? (owner.fromBeginning ? 0 : this.partition.log.length);
    return this.position;
  }

  private async run(): Promise<void> {
    while (!this.bus.closed) {
      const owner = this.group.ownerOf(this.topic, this.partitionIndex);
      if (!owner) {
        await Promise.race([this.group.membershipChanged.wait(), this.bus.closing.wait()]);
        continue;
      }
      const offset = this.startAt(this.group.committed.get(this.tp), owner);
      const record = this.partition.log[offset];
      if (!record) {
        await Promise.race([
          this.partition.appended.wait(),
          this.group.membershipChanged.wait(),
          this.bus.closing.wait(),
        ]);
        continue;
      }
      const delivery: RawDelivery = {
        ...record,
        topic: this.topic,
        partition: this.partitionIndex,
        offset: String(offset),
      };
      const work = deliver(delivery, {
        group: this.group.name,
        handler: owner.handler,
        raw: owner.raw,
        policy: owner.policy,
        logger: this.bus.logger,
        signal: owner.abort.signal,
        deadLetter: (dead) => this.bus.produceRaw(deadLetterTopic(this.topic), dead),
      });
      owner.inFlight.add(work);
      try {
        await work;
        this.group.committed.set(this.tp, offset + 1);
        this.group.committedChanged.notify();
      } catch (error) {
        // Aborted: the owner is leaving and another member (or a later subscription) gets the message
        // again, as Kafka redelivers an uncommitted offset after a rebalance.
        if (!(error instanceof AbortedError)) {
          this.bus.logger.error(
            { topic: this.topic, partition: this.partitionIndex, offset, error: errorMessage(error) },
            'delivery failed: will retry the message',
          );
          await Promise.race([
            new Promise((r) => setTimeout(r, owner.policy.maxDelayMs)),
            this.bus.closing.wait(),
          ]);
        }
      } finally {
        owner.inFlight.delete(work);
      }
    }
  }

  get tp(): string {
    return `${this.topic}\u0000${this.partitionIndex}`;
  }
}

class Group {
  readonly committed = new Map<string, number>();
  readonly membershipChanged = new Signal();
  readonly committedChanged = new Signal();
  private members: Member[] = [];
  private readonly workers = new Map<string, PartitionWorker>();
  /** `${topic}\0${partition}` → owning member, recomputed on every join and leave. */
  private assignment = new Map<string, Member>();

  constructor(
    private readonly bus: InProcessMessageBus,
    readonly name: string,
  ) {}

  join(member: Member): void {
    this.members.push(member);
    for (const topic of member.topics) this.ensureWorkers(topic);
    this.rebalance();
  }

  leave(member: Member): void {
    this.members = this.members.filter((m) => m !== member);
    if (this.members.length === 0) {
      // Like a Kafka consumer that restarts: uncommitted positions are forgotten.
      for (const worker of this.workers.values()) worker.position = undefined;
    }
    this.rebalance();
  }

  /** Whether a member currently subscribes to `topic`. */
  follows(topic: string): boolean {
    return this.members.some((m) => m.topics.has(topic));
  }

  /** Resolves once this group committed past `offset` of the partition; rejects when the bus closes. */
  async handled(topic: string, placement: Placement): Promise<void> {
    const key = `${topic}\u0000${placement.partition}`;
    while ((this.committed.get(key) ?? 0) <= placement.offset) {
      if (this.bus.closed)
        throw new Error('The in-process message bus closed before the message was handled');
      await Promise.race([this.committedChanged.wait(), this.bus.closing.wait()]);
    }
  }

  ownerOf(topic: string, partition: number): Member | undefined {
    return this.assignment.get(`${topic}\u0000${partition}`);
  }

  ensureWorkers(topic: string): void {
    const partitions = this.bus.partitionsOf(topic);
    partitions.forEach((partition, index) => {
      const key = `${topic}\u0000${index}`;
      if (!this.workers.has(key))
        this.workers.set(key, new PartitionWorker(this.bus, this, topic, index, partition));
    });
  }

  /** Round-robin of each topic's partitions over the members subscribed to it (Kafka's RoundRobin assigner, per topic). */
  private rebalance(): void {
    const assignment = new Map<string, Member>();
    const topics = new Set(this.members.flatMap((m) => [...m.topics]));
    for (const topic of topics) {
      const candidates = this.members.filter((m) => m.topics.has(topic));
      this.bus.partitionsOf(topic).forEach((_, index) => {
        assignment.set(`${topic}\u0000${index}`, candidates[index % candidates.length] as Member);
      });
    }
    this.assignment = assignment;
    // Decided now rather than when the worker next wakes up, so that a message published right after
    // `subscribe` resolved is not taken for an old one by a group that starts at the end.
    for (const [key, worker] of this.workers) {
      const owner = assignment.get(key);
      if (owner) worker.startAt(this.committed.get(key), owner);
    }
    this.membershipChanged.notify();
  }

  async closed(): Promise<void> {
    for (const member of this.members) member.abort.abort();
    await Promise.all([...this.workers.values()].map((w) => w.done));
  }
}

export class InProcessMessageBus implements MessageBus {
  closed = false;
  readonly closing = new Signal();
  readonly logger: MessagingLogger;
  private readonly topics = new Map<string, Partition[]>();
  private readonly groups = new Map<string, Group>();
  private readonly defaultPartitions: number;
  private readonly policy: RetryPolicy;
  private readonly acknowledge: 'appended' | 'handled';
  private nextMemberId = 1;

  constructor(options: InProcessMessageBusOptions = {}) {
    this.defaultPartitions = options.defaultPartitions ?? 3;
    this.acknowledge = options.acknowledge ?? 'appended';
    this.policy = retryPolicy(options.retry);
    this.logger = options.logger ?? consoleLogger;
  }

  async publish(topic: string, messages: OutgoingMessage[]): Promise<void> {
    await this.publishBatch([{ topic, messages }]);
  }

  async publishBatch(batch: readonly TopicMessages[]): Promise<void> {
    this.assertOpen();
    for (const { topic, messages } of batch) assertPublishable(topic, messages);
    const appended = batch.map(({ topic, messages }) => ({
      topic,
      placements: messages.map((message) => this.append(topic, encodeMessage(message))),
    }));
    if (this.acknowledge === 'appended') return;
    // Taken in the same tick as the append: a group that joins later starts after these messages.
    const groups = [...this.groups.values()];
    await Promise.all(
      appended.flatMap(({ topic, placements }) =>
        groups.filter((g) => g.follows(topic)).flatMap((g) => placements.map((p) => g.handled(topic, p))),
      ),
    );
  }

  /** Appends a record as is (null key or value allowed, as Kafka allows them); dead-lettering and tests use it. */
  async produceRaw(topic: string, record: RawRecord): Promise<void> {
    this.assertOpen();
    this.append(topic, record);
  }

  async subscribe(options: SubscribeOptions): Promise<BusSubscription> {
    this.assertOpen();
    let group = this.groups.get(options.group);
    if (!group) {
      group = new Group(this, options.group);
      this.groups.set(options.group, group);
    }
    const member: Member = {
      id: this.nextMemberId++,
      topics: new Set(options.topics),
      fromBeginning: options.fromBeginning ?? false,
      handler: options.handler,
      raw: options.raw ?? false,
      policy: retryPolicy(options.retry, this.policy),
      abort: new AbortController(),
      inFlight: new Set(),
    };
    group.join(member);
    const joined = group;
    let stopped: Promise<void> | undefined;
    return {
      stop: () => {
        stopped ??= (async () => {
          member.abort.abort();
          joined.leave(member);
          await Promise.allSettled([...member.inFlight]);
        })();
        return stopped;
      },
    };
  }

  async ensureTopics(topics: string[], options: EnsureTopicsOptions = {}): Promise<void> {
    for (const topic of topics) this.partitionsOf(topic, options.partitions);
  }

  isReady(): boolean {
    return !this.closed;
  }

  async ping(): Promise<boolean> {
    return !this.closed;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.closing.notify();
    await Promise.all([...this.groups.values()].map((g) => g.closed()));
  }

  /** The partitions of `topic`, creating the topic on first use like Kafka's auto-creation. */
  partitionsOf(topic: string, partitions = this.defaultPartitions): Partition[] {
    let existing = this.topics.get(topic);
    if (!existing) {
      existing = Array.from({ length: Math.max(1, partitions) }, () => new Partition());
      this.topics.set(topic, existing);
    }
    return existing;
  }

  private append(topic: string, record: RawRecord): Placement {
    const partitions = this.partitionsOf(topic);
    const index = record.key ? partitionForKey(record.key, partitions.length) : 0;
    const partition = partitions[index] as Partition;
    partition.log.push({
      key: record.key,
      value: record.value,
      headers: { ...record.headers },
      timestamp: new Date(),
    });
    partition.appended.notify();
    return { partition: index, offset: partition.log.length - 1 };
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('The in-process message bus is closed');
  }
}

/** A stable hash of the key, so one key always lands in the same partition. */
function partitionForKey(key: Buffer, partitions: number): number {
  return createHash('md5').update(key).digest().readUInt32BE(0) % partitions;
}
