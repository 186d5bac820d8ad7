// Suites that share the PostgreSQL cluster run one at a time: the PostgreSQL event store's subscriptions
// follow the cluster-wide transaction horizon, and concurrent suites have exposed an ordering bug in
// them (see libs/event-store/README.md, "Known issue"); the relay test must not depend on it.
module.exports = { ...require('../../jest.preset.js')('libs/messaging', { kafka: true }), maxWorkers: 1 };
