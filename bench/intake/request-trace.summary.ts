import { readFileSync } from 'node:fs';
import type { TracedRequest } from './request.trace';

/** What one petition costs on the request path, from the lines request.trace.ts wrote. */
export interface TraceSummary {
  requests: number;
  statuses: string[];
  medianMs: number;
  medianCpuMs: number;
  /**
   * CPU used between answers, less what the idle process uses in that time: the relay publishing to
   * Kafka and the projection following the store.
   */
  medianCpuAfterMs: number;
  queries: { min: number; median: number; max: number };
  medianQueryMs: number;
  /**
   * Each distinct statement: how many times per petition, median duration, share of query time, and
   * how many were still running when the answer was sent (started without being awaited).
   */
  statements: Array<{
    sql: string;
    perRequest: number;
    medianMs: number;
    totalShare: number;
    unfinished: number;
  }>;
  /** Statements run in the background (relay, projection, NOTIFY) per petition. */
  background: Array<{ sql: string; perRequest: number }>;
  /**
   * Every statement run before the first traced petition (start-up, the idle baseline phase and the
   * load, request path and background) per petition accepted under load.
   */
  load: Array<{ sql: string; perRequest: number }>;
}

function median(values: number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)];
}

/** `idleCpuPerMs`: the CPU an idle intake uses per ms of wall time (timers, Kafka heartbeats, polling). */
export function summarizeTrace(
  file: string,
  idleCpuPerMs: number,
  acceptedUnderLoad: number,
  sqlWidth = 110,
): TraceSummary | undefined {
  let text = '';
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  const requests = text
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as TracedRequest);
  if (requests.length === 0) return undefined;
  const shorten = (sql: string) => (sql.length > sqlWidth ? `${sql.slice(0, sqlWidth - 1)}…` : sql);
  const byStatement = new Map<string, Array<number | null>>();
  let queryTotal = 0;
  for (const request of requests) {
    for (const query of request.queries) {
      const key = shorten(query.sql);
      const list = byStatement.get(key) ?? [];
      list.push(query.ms);
      byStatement.set(key, list);
      queryTotal += query.ms ?? 0;
    }
  }
  const finished = (durations: Array<number | null>) => durations.filter((d): d is number => d !== null);
  const counts = requests.map((r) => r.queries.length);
  // The first request's background is the load that came before it, not one petition's work.
  const later = requests.slice(1);
  const background = new Map<string, number>();
  for (const request of later)
    for (const [sql, count] of Object.entries(request.background ?? {}))
      background.set(shorten(sql), (background.get(shorten(sql)) ?? 0) + count);
  return {
    requests: requests.length,
    statuses: [...new Set(requests.map((r) => String(r.status)))],
    medianMs: median(requests.map((r) => r.ms)),
    medianCpuMs: median(requests.map((r) => r.cpuMs)),
    medianCpuAfterMs: median(requests.slice(1).map((r) => r.cpuBeforeMs - r.gapMs * idleCpuPerMs)),
    queries: { min: Math.min(...counts), median: median(counts), max: Math.max(...counts) },
    medianQueryMs: median(requests.map((r) => r.queries.reduce((sum, q) => sum + (q.ms ?? 0), 0))),
    statements: [...byStatement.entries()]
      .map(([sql, durations]) => ({
        sql,
        perRequest: durations.length / requests.length,
        medianMs: median(finished(durations)),
        totalShare: finished(durations).reduce((sum, d) => sum + d, 0) / queryTotal,
        unfinished: durations.length - finished(durations).length,
      }))
      .sort((a, b) => b.perRequest - a.perRequest || b.totalShare - a.totalShare),
    background: [...background.entries()]
      .map(([sql, count]) => ({ sql, perRequest: count / Math.max(1, later.length) }))
      .sort((a, b) => b.perRequest - a.perRequest),
    load: Object.entries(requests[0].background ?? {})
      .map(([sql, count]) => ({ sql: shorten(sql), perRequest: count / Math.max(1, acceptedUnderLoad) }))
      .sort((a, b) => b.perRequest - a.perRequest),
  };
}
