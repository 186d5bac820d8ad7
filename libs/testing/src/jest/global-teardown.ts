import { infra } from './infra-state';

export default async function globalTeardown(): Promise<void> {
  while (infra.stops.length > 0) {
    const stop = infra.stops.pop();
    if (stop) await stop();
  }
}
