import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Random } from './random';
import {
  CCCD_PROVINCE_CODES,
  MOBILE_PREFIXES,
  SAMPLE_COMMUNE,
  citizenIdFor,
  hamletFromName,
  mobilePhone,
  personName,
  spellHamlet,
  stripDiacritics,
} from './vietnamese-data';

interface SeedCommune {
  hamlets: { code: string; name: string; aliases?: string[] }[];
  officials: { id: string; fullName: string }[];
}

describe('Vietnamese names and identifiers', () => {
  it('gives Nguyễn to about 38% of people and uses the other common surnames', () => {
    const random = new Random(1);
    const surnames = Array.from(
      { length: 20000 },
      () => personName(random, random.chance(0.5) ? 'male' : 'female').split(' ')[0],
    );
    const share = (s: string) => surnames.filter((x) => x === s).length / surnames.length;
    expect(share('Nguyễn')).toBeGreaterThan(0.34);
    expect(share('Nguyễn')).toBeLessThan(0.42);
    for (const common of ['Trần', 'Lê', 'Phạm', 'Hoàng', 'Phan', 'Vũ', 'Đặng', 'Bùi', 'Đỗ']) {
      expect(share(common)).toBeGreaterThan(0.005);
    }
  });

  it('writes names in NFC with at least three syllables, "Thị" for women and never for men', () => {
    const random = new Random(2);
    for (let i = 0; i < 2000; i++) {
      const male = personName(random, 'male');
      const female = personName(random, 'female');
      for (const name of [male, female]) {
        expect(name).toBe(name.normalize('NFC'));
        expect(name.split(' ').length).toBeGreaterThanOrEqual(3);
      }
      expect(male.split(' ')).not.toContain('Thị');
    }
  });

  it('builds CCCD numbers from a real province code, the century/sex digit and the birth year', () => {
    const random = new Random(3);
    const cases = [
      { gender: 'male', birthYear: 1958, digit: '0' },
      { gender: 'female', birthYear: 1990, digit: '1' },
      { gender: 'male', birthYear: 2004, digit: '2' },
      { gender: 'female', birthYear: 2007, digit: '3' },
    ] as const;
    for (const c of cases) {
      for (let i = 0; i < 200; i++) {
        const id = citizenIdFor(random, c, '019');
        expect(id).toMatch(/^\d{12}$/);
        expect(CCCD_PROVINCE_CODES[id.slice(0, 3)]).toBeDefined();
        expect(id[3]).toBe(c.digit);
        expect(id.slice(4, 6)).toBe(String(c.birthYear % 100).padStart(2, '0'));
      }
    }
  });

  it('uses only province codes of the CCCD range 001–096', () => {
    for (const code of Object.keys(CCCD_PROVINCE_CODES)) {
      expect(Number(code)).toBeGreaterThanOrEqual(1);
      expect(Number(code)).toBeLessThanOrEqual(96);
    }
    expect(Object.keys(CCCD_PROVINCE_CODES)).toHaveLength(63);
  });

  it('makes 10-digit mobile numbers 0[35789]xxxxxxxx', () => {
    const random = new Random(4);
    for (const prefix of MOBILE_PREFIXES) expect(prefix).toMatch(/^0[35789]\d$/);
    for (let i = 0; i < 1000; i++) expect(mobilePhone(random)).toMatch(/^0[35789]\d{8}$/);
  });

  it('strips diacritics the way a keyboard without Vietnamese input writes', () => {
    expect(stripDiacritics('Xóm Đồng Tâm, xã Phượng Tiến')).toBe('Xom Dong Tam, xa Phuong Tien');
    expect(stripDiacritics('Xóm Đồng Tâm'.normalize('NFD'))).toBe('Xom Dong Tam');
  });

  it('derives a code and the usual variants from a hamlet name', () => {
    expect(hamletFromName('Thôn 3')).toEqual({
      code: 'thon-3',
      name: 'Thôn 3',
      aliases: ['Thôn Ba', 'Xóm 3'],
    });
    expect(hamletFromName('Tổ dân phố 1')).toEqual({
      code: 'to-dan-pho-1',
      name: 'Tổ dân phố 1',
      aliases: ['Tổ dân phố Một', 'TDP 1', 'Tổ 1'],
    });
    expect(hamletFromName('Thôn Đông Hòa')).toEqual({
      code: 'thon-dong-hoa',
      name: 'Thôn Đông Hòa',
      aliases: ['Đông Hòa'],
    });
  });

  it('spells a hamlet officially, by an alias, without diacritics or in lower case', () => {
    const random = new Random(5);
    const hamlet = hamletFromName('Thôn 3');
    expect(spellHamlet(hamlet, 'official', random)).toBe('Thôn 3');
    expect(hamlet.aliases).toContain(spellHamlet(hamlet, 'alias', random));
    expect(spellHamlet(hamletFromName('Xóm Đồng Tâm'), 'plain', random)).toBe('Xom Dong Tam');
    expect(spellHamlet(hamlet, 'lower', random)).toBe('thôn 3');
  });

  it('uses the hamlets and officials of the sample commune intake seeds (so hamlet codes resolve)', () => {
    const seed = JSON.parse(
      readFileSync(join(__dirname, '../../../services/intake/src/commune/seed/sample-commune.json'), 'utf8'),
    ) as SeedCommune;
    expect(
      SAMPLE_COMMUNE.hamlets.map((h) => ({ code: h.code, name: h.name, aliases: [...h.aliases] })),
    ).toEqual(seed.hamlets.map((h) => ({ code: h.code, name: h.name, aliases: h.aliases ?? [] })));
    const officials = new Map(seed.officials.map((o) => [o.id, o.fullName]));
    for (const official of [
      SAMPLE_COMMUNE.chairman,
      ...SAMPLE_COMMUNE.viceChairmen,
      ...SAMPLE_COMMUNE.receptionOfficers,
      ...SAMPLE_COMMUNE.petitionProcessors,
    ]) {
      expect(officials.get(official.id)).toBe(official.fullName);
    }
  });
});
