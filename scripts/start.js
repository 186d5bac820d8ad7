#!/usr/bin/env node
// `npm start`: build (swc, a second or two) and run the whole system in embedded mode — one process
// with the four services, embedded PostgreSQL under .data/ and the in-process bus. Ctrl-C stops cleanly.
// With SERVICE=<name> (and DATABASE_URL, KAFKA_BROKERS) it runs one service in distributed mode instead.
const { spawn, spawnSync } = require('node:child_process');
const { join } = require('node:path');

const root = join(__dirname, '..');
const build = spawnSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const service = process.env.SERVICE && process.env.SERVICE !== 'all' ? process.env.SERVICE : undefined;
const entry = service ? `dist/services/${service}/src/main.js` : 'dist/apps/embedded/src/main.js';
// The services' Node flags, as the container runs them (libs/platform, runtime/node-flags.ts).
const { SERVICE_NODE_FLAGS } = require(join(root, 'dist/libs/platform/src/runtime/node-flags.js'));
const child = spawn(process.execPath, ['--enable-source-maps', ...SERVICE_NODE_FLAGS, join(root, entry)], {
  cwd: root,
  stdio: 'inherit',
});
// Forward Ctrl-C / SIGTERM once; the app shuts down gracefully (closes HTTP, relays, PostgreSQL).
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
