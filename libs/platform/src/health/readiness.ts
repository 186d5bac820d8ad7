import { Injectable } from '@nestjs/common';

/** Something the service needs before it can serve traffic: the database, the bus, the event store. */
export interface ReadinessCheck {
  /** Shown in the `/health/ready` answer; unique per process (`database`, `bus`, `intake.event-store`). */
  name: string;
  /** Resolves when the dependency is usable; rejects with a message saying what is wrong. */
  check: () => Promise<void>;
  /** A check that hangs counts as failed after this long (default 5000 ms), so the probe always answers. */
  timeoutMs?: number;
}

export const DEFAULT_CHECK_TIMEOUT_MS = 5000;

/** The readiness checks registered by the modules of this process. */
@Injectable()
export class ReadinessRegistry {
  private readonly checks = new Map<string, ReadinessCheck>();

  register(...checks: ReadinessCheck[]): void {
    for (const check of checks) {
      // Two modules registering the same name would silently hide one of the checks.
      if (this.checks.has(check.name)) throw new Error(`readiness check "${check.name}" is registered twice`);
      this.checks.set(check.name, check);
    }
  }

  list(): readonly ReadinessCheck[] {
    return [...this.checks.values()];
  }
}

/** Runs one check with its timeout; resolves to `undefined` when it passed, else to the failure message. */
export async function runReadinessCheck(check: ReadinessCheck): Promise<string | undefined> {
  const timeoutMs = check.timeoutMs ?? DEFAULT_CHECK_TIMEOUT_MS;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([check.check(), timeout]);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    clearTimeout(timer);
  }
}
