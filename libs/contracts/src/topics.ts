/**
 * Kafka topics of the integration events between services and with the units' systems.
 * Names follow `<service>.<what>.v<N>`; a published version never changes meaning: a breaking change is
 * a new topic. Every topic has a dead-letter companion `<topic>.dlq` (libs/messaging).
 * The AsyncAPI document (docs/asyncapi.yaml) describes each of them.
 */
export const Topics = {
  /** Petition events published by intake's relay. Key: petition id. */
  intakePetitionEvents: 'intake.petition-events.v1',
  /** Reception-session events (tiếp công dân) published by intake's relay. Key: session id. */
  intakeReceptionEvents: 'intake.reception-events.v1',
  /** Inbound petitions from other systems (online portal, forwarding agencies, national database sync). */
  intakeSubmissions: 'intake.submissions.v1',
  /** Processing decisions (xử lý đơn) published by routing's relay. Key: petition id. */
  routingProcessingEvents: 'routing.processing-events.v1',
  /** Case events published by routing's relay. Key: case id. */
  routingCaseEvents: 'routing.case-events.v1',
  /** Case updates sent by the units' systems to routing. Key: case id. */
  unitsCaseUpdates: 'units.case-updates.v1',
  /** Hot-spot flags published by monitoring's relay for the commune police and leaders. Key: hot-spot id. */
  monitoringHotspots: 'monitoring.hotspots.v1',
} as const;

/** Assignments for one unit's system (`routing.unit-assignments.<unit>.v1`). Key: case id. */
export function unitAssignmentsTopic(unitCode: string): string {
  if (!/^[a-z0-9][a-z0-9-]*$/.test(unitCode))
    throw new Error(`invalid unit code for a topic name: ${unitCode}`);
  return `routing.unit-assignments.${unitCode}.v1`;
}

export const SERVICE_NAMES = ['intake', 'routing', 'monitoring', 'reporting'] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

/** Pipeline probes of one service (see probe.events.ts). Key: probe id. */
export function probeTopic(service: ServiceName): string {
  return `${service}.probes.v1`;
}
