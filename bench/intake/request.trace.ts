/**
 * Preloaded into the intake process by `intake.bench --trace` (node -r): for each HTTP request that
 * carries the header `x-bench-trace`, records every PostgreSQL query it runs (text, start, duration),
 * the process's CPU time during the request, and since the previous traced answer the CPU time and the
 * queries run outside any request (the relay and the projection working in the background), one JSON
 * line per request in BENCH_TRACE_FILE. The first line's background holds every statement run before
 * it: those of the load, request path included. Intake's code is unchanged; requests without the header are
 * not traced.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { appendFileSync } from 'node:fs';
import { Server, type IncomingMessage, type ServerResponse } from 'node:http';
import { Client } from 'pg';

export interface TracedQuery {
  sql: string;
  /** ms from the start of the request. */
  at: number;
  /** null: still running when the answer was sent (JSON has no NaN). */
  ms: number | null;
}

export interface TracedRequest {
  method: string;
  path: string;
  status: number;
  ms: number;
  /** Process CPU (all threads) while the request ran, in ms. */
  cpuMs: number;
  /** Process CPU between the previous traced answer and this request, in ms. */
  cpuBeforeMs: number;
  /** Wall time between the previous traced answer and this request, in ms. */
  gapMs: number;
  /**
   * Statements run outside any traced request since the previous traced answer, with their counts; for
   * the first traced request, every statement since the process started (the load).
   */
  background: Record<string, number>;
  queries: TracedQuery[];
}

type Traced = TracedRequest & { started: number };
type AnyFunction = (...args: unknown[]) => unknown;

const normalise = (sql: string) => sql.replace(/\s+/g, ' ').trim();

const cpuMs = () => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
};

function install(file: string): void {
  const context = new AsyncLocalStorage<Traced>();
  let cpuAtLastAnswer: number | undefined;
  let lastAnswer: number | undefined;
  let background: Record<string, number> = {};

  const emit = Server.prototype.emit as AnyFunction;
  Server.prototype.emit = function (this: Server, event: string, ...args: unknown[]) {
    if (event !== 'request') return emit.call(this, event, ...args);
    const [request, response] = args as [IncomingMessage, ServerResponse];
    if (request.headers['x-bench-trace'] === undefined) return emit.call(this, event, ...args);
    const cpuAtStart = cpuMs();
    const now = performance.now();
    const record: Traced = {
      method: request.method ?? '',
      path: request.url ?? '',
      status: 0,
      ms: 0,
      cpuMs: 0,
      cpuBeforeMs: cpuAtLastAnswer === undefined ? 0 : cpuAtStart - cpuAtLastAnswer,
      gapMs: lastAnswer === undefined ? 0 : now - lastAnswer,
      background,
      queries: [],
      started: now,
    };
    background = {};
    response.once('finish', () => {
      const { started, ...line } = record;
      lastAnswer = performance.now();
      line.ms = lastAnswer - started;
      line.status = response.statusCode;
      cpuAtLastAnswer = cpuMs();
      line.cpuMs = cpuAtLastAnswer - cpuAtStart;
      appendFileSync(file, `${JSON.stringify(line)}\n`);
    });
    return context.run(record, () => emit.call(this, event, ...args));
  } as typeof Server.prototype.emit;

  const query = Client.prototype.query as unknown as AnyFunction;
  (Client.prototype as unknown as { query: AnyFunction }).query = function (
    this: Client,
    ...args: unknown[]
  ) {
    const record = context.getStore();
    const config = args[0] as string | { text?: string } | undefined;
    const text = typeof config === 'string' ? config : (config?.text ?? '(submittable)');
    if (!record) {
      // Before the first traced request this counts every statement of the load (requests included).
      const sql = normalise(text);
      background[sql] = (background[sql] ?? 0) + 1;
      return query.apply(this, args);
    }
    const started = performance.now();
    const entry: TracedQuery = {
      sql: normalise(text),
      at: started - record.started,
      ms: null,
    };
    record.queries.push(entry);
    const done = () => (entry.ms = performance.now() - started);
    const last = args.length - 1;
    if (typeof args[last] === 'function') {
      const callback = args[last] as AnyFunction;
      args[last] = (...results: unknown[]) => {
        done();
        return callback(...results);
      };
    }
    const result = query.apply(this, args);
    if (result instanceof Promise) result.then(done, done);
    return result;
  };
}

const traceFile = process.env.BENCH_TRACE_FILE;
if (traceFile) install(traceFile);
