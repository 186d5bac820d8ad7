import { DestinationStream } from 'pino';

/** A pino destination that keeps the JSON lines, for specs that assert on what was logged. */
export function memoryDestination(): DestinationStream & { lines: () => Record<string, unknown>[] } {
  const written: string[] = [];
  return {
    write: (line: string) => {
      written.push(line);
    },
    lines: () => written.map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}
