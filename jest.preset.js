// Shared Jest configuration for every project. Unit specs live beside the code (`src/**/*.spec.ts`);
// integration and end-to-end specs live under `test/` and use real PostgreSQL and Kafka, which the
// global setup starts unless DATABASE_URL / KAFKA_BROKERS point at running ones.
const path = require('path');
const root = __dirname;

const swc = {
  // .swcrc excludes specs from the build; Jest compiles them with this inline configuration instead.
  swcrc: false,
  jsc: {
    parser: { syntax: 'typescript', decorators: true, dynamicImport: true },
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
    target: 'es2022',
    keepClassNames: true,
  },
  module: { type: 'commonjs', ignoreDynamic: true },
  sourceMaps: 'inline',
};

const aliases = {
  // The pure working-day calendar, the one part of platform that domain code may import.
  '^@tiep-dan/platform/calendar$': path.join(root, 'libs/platform/src/calendar/domain/index.ts'),
  '^@tiep-dan/(contracts|event-store|messaging|platform|testing)$': path.join(root, 'libs/$1/src/index.ts'),
  '^@tiep-dan/(intake|routing|monitoring|reporting)$': path.join(root, 'services/$1/src/index.ts'),
};

module.exports = (projectRoot, { kafka = false } = {}) => ({
  displayName: projectRoot.split('/').pop(),
  rootDir: path.join(root, projectRoot),
  testEnvironment: 'node',
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.spec.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest', swc] },
  moduleNameMapper: aliases,
  globalSetup: path.join(root, 'libs/testing/src/jest/global-setup.ts'),
  globalTeardown: path.join(root, 'libs/testing/src/jest/global-teardown.ts'),
  globals: { testInfra: { kafka } },
  testTimeout: 60000,
  maxWorkers: process.env.CI ? 2 : '50%',
});
