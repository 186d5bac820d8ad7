import { Open311ApiKeyring, parseOpen311ApiKeys } from './open311.api-keys';

const KEY_A = 'a-key-of-twenty-four-chars-or-more';
const KEY_B = 'b-key-of-twenty-four-chars-or-more';

describe('Open311 API keys', () => {
  it('reads "id:key" pairs from configuration text; nothing configured allows no application', () => {
    expect(parseOpen311ApiKeys(` app-1:${KEY_A} , app-2:${KEY_B} `)).toEqual([
      { id: 'app-1', key: KEY_A },
      { id: 'app-2', key: KEY_B },
    ]);
    expect(parseOpen311ApiKeys(undefined)).toEqual([]);
    expect(parseOpen311ApiKeys('')).toEqual([]);
  });

  it.each([
    ['a missing id', `:${KEY_A}`],
    ['an id with separators', `app/1:${KEY_A}`],
    ['a short key', 'app-1:short'],
    ['a repeated id', `app-1:${KEY_A},app-1:${KEY_B}`],
    ['a key shared by two applications', `app-1:${KEY_A},app-2:${KEY_A}`],
  ])('refuses %s so that a typo stops the service at start', (_case, text) => {
    expect(() => parseOpen311ApiKeys(text)).toThrow();
  });

  it('identifies the application of an exact key only', () => {
    const keyring = new Open311ApiKeyring(parseOpen311ApiKeys(`app-1:${KEY_A},app-2:${KEY_B}`));
    expect(keyring.identify(KEY_B)).toBe('app-2');
    for (const wrong of [undefined, '', KEY_A.slice(0, -1), `${KEY_A} `, KEY_A.toUpperCase(), 42, [KEY_A]]) {
      expect(keyring.identify(wrong)).toBeUndefined();
    }
  });

  it('gives a device the same pseudonym each time, different per application, never the id itself', () => {
    const keyring = new Open311ApiKeyring(parseOpen311ApiKeys(`app-1:${KEY_A},app-2:${KEY_B}`));
    const first = keyring.pseudonym('app-1', 'device', 'device-123');
    expect(keyring.pseudonym('app-1', 'device', 'device-123')).toBe(first);
    expect(keyring.pseudonym('app-2', 'device', 'device-123')).not.toBe(first);
    expect(keyring.pseudonym('app-1', 'account', 'device-123')).not.toBe(first);
    expect(first).toMatch(/^[0-9a-f]{16}$/);
  });
});
