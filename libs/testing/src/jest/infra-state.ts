/** What the global setup started, for the global teardown (both run in Jest's parent process). */
export const infra: { stops: Array<() => Promise<void>> } = { stops: [] };
