import { randomBytes } from 'node:crypto';

export const MASTER_KEY_BYTES = 32;

const HEX = /^[0-9a-fA-F]{64}$/;
const BASE64 = /^[A-Za-z0-9+/]{43}=?$/;
const BASE64URL = /^[A-Za-z0-9_-]{43}$/;

/**
 * Reads the personal-data master key from configuration: exactly 32 bytes, written as hex (64
 * characters) or base64 (44 characters, or the unpadded / URL-safe 43). Errors never echo the value:
 * it is a secret, and a startup error ends up in logs.
 */
export function parseMasterKey(value: string, name = 'the personal-data master key'): Buffer {
  const text = value.trim();
  let key: Buffer | undefined;
  if (HEX.test(text)) key = Buffer.from(text, 'hex');
  else if (BASE64.test(text)) key = Buffer.from(text, 'base64');
  else if (BASE64URL.test(text)) key = Buffer.from(text, 'base64url');
  if (!key || key.length !== MASTER_KEY_BYTES)
    throw new Error(
      `${name} must be ${MASTER_KEY_BYTES} random bytes written as hex (64 characters) or base64 (44 characters); ` +
        `got ${text.length} characters`,
    );
  // A key of one repeated byte is a placeholder left in configuration, not a secret.
  if (key.every((byte) => byte === key[0]))
    throw new Error(`${name} is a placeholder (one byte repeated): generate a random key`);
  return key;
}

/** A new random master key, base64: the form to put in configuration. */
export function generateMasterKey(): string {
  return randomBytes(MASTER_KEY_BYTES).toString('base64');
}
