import { hashPassword, verifyAgainstDummy, verifyPassword } from './password-hasher';

// A cheap cost keeps the suite fast; the format and comparison are what is tested.
const fast = { N: 1024, r: 8, p: 1 };

describe('password hashing (scrypt)', () => {
  it('verifies the right password and refuses a wrong one', async () => {
    const hash = await hashPassword('Tiếp dân 2025!', fast);
    await expect(verifyPassword('Tiếp dân 2025!', hash)).resolves.toBe(true);
    await expect(verifyPassword('tiếp dân 2025!', hash)).resolves.toBe(false);
  });

  it('uses a fresh salt per hash', async () => {
    const a = await hashPassword('same password', fast);
    const b = await hashPassword('same password', fast);
    expect(a).not.toBe(b);
    expect(a.split('$')[4]).not.toBe(b.split('$')[4]);
  });

  it('stores the cost parameters with the hash', async () => {
    expect((await hashPassword('x', fast)).split('$').slice(0, 4)).toEqual(['scrypt', '1024', '8', '1']);
  });

  it('verifies with the default cost', async () => {
    const hash = await hashPassword('mật khẩu dài dài');
    expect(hash.startsWith('scrypt$32768$8$1$')).toBe(true);
    await expect(verifyPassword('mật khẩu dài dài', hash)).resolves.toBe(true);
  });

  it('treats composed and decomposed Vietnamese letters as the same password', async () => {
    const composed = 'Trường'.normalize('NFC');
    const decomposed = 'Trường'.normalize('NFD');
    expect(composed).not.toBe(decomposed);
    await expect(verifyPassword(decomposed, await hashPassword(composed, fast))).resolves.toBe(true);
  });

  it('never matches a malformed stored hash', async () => {
    await expect(verifyPassword('x', 'plain-text')).resolves.toBe(false);
    await expect(verifyPassword('x', 'scrypt$0$8$1$AAAA$BBBB')).resolves.toBe(false);
    await expect(verifyPassword('x', 'scrypt$1024$8$1$AAAA$BBBB')).resolves.toBe(false);
  });

  it('the dummy check always fails', async () => {
    await expect(verifyAgainstDummy('not-a-real-password')).resolves.toBe(false);
  });
});
