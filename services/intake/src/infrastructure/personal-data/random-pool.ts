import { randomBytes, randomFillSync } from 'node:crypto';

const POOL_BYTES = 4096;
let pool = Buffer.alloc(0);
let offset = 0;

/**
 * Cryptographically random bytes (the same CSPRNG as `randomBytes`), drawn from a 4 KiB buffer filled
 * in one call: a petition needs several small values (a data key and two IVs per person), and each
 * `randomBytes` call costs more than the bytes. Each value is copied out and its bytes are wiped from
 * the buffer, so no value is ever handed out twice or kept after use.
 */
export function pooledRandomBytes(size: number): Buffer {
  if (size > POOL_BYTES / 4) return randomBytes(size);
  if (offset + size > pool.length) {
    pool = randomFillSync(Buffer.allocUnsafeSlow(POOL_BYTES));
    offset = 0;
  }
  const value = Buffer.from(pool.subarray(offset, offset + size));
  pool.fill(0, offset, offset + size);
  offset += size;
  return value;
}
