const config = require('../../jest.preset.js')('libs/event-store');

// The root .swcrc excludes *.spec.ts (for builds) and @swc/jest would otherwise read it and refuse
// the specs; keep the preset's inline options and ignore .swcrc until the preset does so itself.
for (const [pattern, [transformer, options]] of Object.entries(config.transform)) {
  config.transform[pattern] = [transformer, { ...options, swcrc: false }];
}

module.exports = config;
