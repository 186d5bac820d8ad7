import { compareGlobalPositions } from './event-store.port';

describe('compareGlobalPositions', () => {
  it('orders single decimal positions numerically, not as text', () => {
    expect(compareGlobalPositions('9', '10')).toBeLessThan(0);
    expect(compareGlobalPositions('10', '9')).toBeGreaterThan(0);
    expect(compareGlobalPositions('42', '42')).toBe(0);
  });

  it('orders "<transaction>:<sequence>" positions by transaction first', () => {
    expect(compareGlobalPositions('100:7', '101:3')).toBeLessThan(0);
    expect(compareGlobalPositions('101:3', '101:4')).toBeLessThan(0);
    expect(compareGlobalPositions('18446744073709551615:1', '18446744073709551615:2')).toBeLessThan(0);
  });
});
