import { leaseServiceGroups } from '../src/kafka/service-groups-lease';

describe('leaseServiceGroups', () => {
  it('lets one holder at a time in, and the next one in as soon as it is released', async () => {
    const first = await leaseServiceGroups();
    let secondIn = false;
    const second = leaseServiceGroups().then((lease) => {
      secondIn = true;
      return lease;
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(secondIn).toBe(false);
    await first.release();
    const lease = await second;
    expect(secondIn).toBe(true);
    await lease.release();
  });

  it('gives up with a clear error when the holder keeps it longer than the wait', async () => {
    const holder = await leaseServiceGroups();
    try {
      await expect(leaseServiceGroups(200)).rejects.toThrow(/held the shared broker.*more than 200 ms/);
    } finally {
      await holder.release();
    }
    // Released twice is harmless, and the lease is free again.
    await holder.release();
    await (await leaseServiceGroups(1_000)).release();
  });
});
