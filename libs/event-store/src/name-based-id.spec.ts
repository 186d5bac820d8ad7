import { nameBasedUuid } from './name-based-id';

describe('nameBasedUuid', () => {
  it('gives the same RFC 4122 version-5 id for the same name, and another for another name', () => {
    const id = nameBasedUuid('case:petition-1');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(nameBasedUuid('case:petition-1')).toBe(id);
    expect(nameBasedUuid('case:petition-2')).not.toBe(id);
  });

  it('keeps ids already issued: the namespace never changes', () => {
    // Petitions recorded under this idempotency key have this id in every existing event store.
    expect(nameBasedUuid('petition:rest:key-1')).toBe('16dedbfc-6f38-5fc0-a405-0189020707a2');
  });
});
