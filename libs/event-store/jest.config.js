// The PostgreSQL suites share one cluster, and the global-order rule makes every subscription wait for
// the oldest open transaction of the whole cluster: one suite that deliberately holds a transaction
// open would stall another suite's subscribers. The files therefore run one at a time.
module.exports = { ...require('../../jest.preset.js')('libs/event-store'), maxWorkers: 1 };
