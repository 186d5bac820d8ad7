import { reflectionClassificationOf } from './open311.catalogue';

describe('reflection classification of a subject domain', () => {
  it.each([
    [['land'], 'land'],
    [['land', 'environment'], 'land'],
    [['judicial_activity'], 'judicial'],
    [['labour_policy'], 'policy'],
    [['ethnicity'], 'policy'],
    [['religion'], 'policy'],
    [['environment'], 'other'],
    [[], 'other'],
  ] as const)('follows the sensitive tags %j → %s', (tags, expected) => {
    expect(reflectionClassificationOf({ code: 'x', sensitiveTags: [...tags] })).toBe(expected);
  });

  it('lets configuration decide for a domain whose tags do not tell', () => {
    const domain = { code: 'social-policy', sensitiveTags: [] };
    expect(reflectionClassificationOf(domain)).toBe('other');
    expect(reflectionClassificationOf(domain, { 'social-policy': 'policy' })).toBe('policy');
  });
});
