import { randomBytes } from 'node:crypto';
import { generateMasterKey, parseMasterKey } from './master-key';

describe('personal-data master key', () => {
  const bytes = randomBytes(32);

  it.each([
    ['hex', bytes.toString('hex')],
    ['upper-case hex', bytes.toString('hex').toUpperCase()],
    ['base64', bytes.toString('base64')],
    ['unpadded base64', bytes.toString('base64').replace(/=+$/, '')],
    ['base64url', bytes.toString('base64url')],
    ['base64 with surrounding whitespace', `  ${bytes.toString('base64')}\n`],
  ])('reads 32 bytes written as %s', (_, text) => {
    expect(parseMasterKey(text).equals(bytes)).toBe(true);
  });

  it.each([
    ['empty', ''],
    ['16 bytes in hex', randomBytes(16).toString('hex')],
    ['33 bytes in base64', randomBytes(33).toString('base64')],
    ['31 bytes in base64', randomBytes(31).toString('base64')],
    ['64 characters that are not hex', `${bytes.toString('hex').slice(0, 63)}g`],
    ['a passphrase', 'correct horse battery staple'],
  ])('refuses %s with an error that names the expected forms', (_, text) => {
    expect(() => parseMasterKey(text)).toThrow(/32 random bytes written as hex \(64 characters\) or base64/);
  });

  it('never echoes the refused value, a secret, in its error', () => {
    const secret = randomBytes(20).toString('hex');
    let message = '';
    try {
      parseMasterKey(secret, 'PERSONAL_DATA_MASTER_KEY');
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/^PERSONAL_DATA_MASTER_KEY must/);
    expect(message).not.toContain(secret);
  });

  it('refuses a placeholder key of one repeated byte', () => {
    expect(() => parseMasterKey('0'.repeat(64))).toThrow(/placeholder/);
    expect(() => parseMasterKey(Buffer.alloc(32, 0x41).toString('base64'))).toThrow(/placeholder/);
  });

  it('generates distinct random keys that parse back to 32 bytes', () => {
    const a = generateMasterKey();
    const b = generateMasterKey();
    expect(a).not.toBe(b);
    expect(parseMasterKey(a)).toHaveLength(32);
    expect(parseMasterKey(a).toString('base64')).toBe(a);
  });
});
