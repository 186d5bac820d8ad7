import { DomainError } from '@tiep-dan/contracts';
import { type CommuneConfig, parseCommuneConfig } from './commune-config.schema';
import { sampleCommuneConfig } from './seed/sample-commune.seed';

/** A small valid commune; each test breaks one rule of it. */
function commune(): CommuneConfig {
  return {
    commune: { code: 'thu-nghiem', name: 'Xã Thử Nghiệm', province: 'Tỉnh Thái Nguyên' },
    units: [
      { code: 'office', name: 'Văn phòng HĐND và UBND xã', kind: 'office', level: 'commune', active: true },
      { code: 'police', name: 'Công an xã', kind: 'police', level: 'commune', active: true },
      {
        code: 'old-board',
        name: 'Ban Tiếp công dân xã (cũ)',
        kind: 'office',
        level: 'commune',
        active: false,
      },
      { code: 'court', name: 'Tòa án nhân dân khu vực', kind: 'external', level: 'province', active: true },
    ],
    hamlets: [
      { code: 'thon-3', name: 'Thôn 3', kind: 'thon', aliases: ['Thôn Ba'] },
      { code: 'xom-dong-tam', name: 'Xóm Đồng Tâm', kind: 'xom', aliases: [], remote: true },
    ],
    officials: [
      {
        id: 'chu-tich',
        fullName: 'Lường Văn Khánh',
        position: 'Chủ tịch UBND xã',
        unitCode: 'office',
        active: true,
      },
    ],
    subjectDomains: [
      { code: 'land', name: 'Đất đai', sensitiveTags: ['land'], defaultUnitCode: 'office' },
      { code: 'other', name: 'Khác', sensitiveTags: [] },
    ],
  };
}

function errorOf(config: unknown): DomainError {
  try {
    parseCommuneConfig(config);
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('the configuration was accepted');
}

describe('commune configuration schema', () => {
  it('accepts a consistent commune and fills the defaults (active units and officials, no aliases)', () => {
    const input = commune() as unknown as Record<string, unknown[]>;
    delete (input.units[0] as Record<string, unknown>).active;
    delete (input.hamlets[1] as Record<string, unknown>).aliases;
    const config = parseCommuneConfig(input);
    expect(config.units[0].active).toBe(true);
    expect(config.hamlets[1].aliases).toEqual([]);
  });

  it('answers every broken rule as a validation DomainError with the field path', () => {
    const config = commune();
    config.officials[0].unitCode = 'nowhere';
    const error = errorOf(config);
    expect(error.kind).toBe('validation');
    expect(error.details).toEqual({ path: 'officials.0.unitCode', value: 'nowhere' });
  });

  describe('codes are lower-case kebab, usable in Kafka topic names', () => {
    it.each(['Cong-an', 'công-an', 'cong_an', '-cong-an', 'cong an', 'cong.an', ''])(
      'refuses unit code %j',
      (code) => {
        const config = commune();
        config.units[1].code = code;
        const error = errorOf(config);
        expect(error.code).toBe('COMMUNE.INVALID_CONFIG');
        expect(error.details?.path).toBe('units.1.code');
      },
    );

    it('refuses a code longer than 64 characters', () => {
      const config = commune();
      config.hamlets[0].code = 'a'.repeat(65);
      expect(errorOf(config).details?.path).toBe('hamlets.0.code');
    });

    it('accepts digits and inner hyphens', () => {
      const config = commune();
      config.hamlets[0].code = '3-thon-ba';
      expect(parseCommuneConfig(config).hamlets[0].code).toBe('3-thon-ba');
    });
  });

  describe('codes are unique within each section', () => {
    it.each([
      ['units', 'units.1.code', (c: CommuneConfig) => (c.units[1].code = 'office')],
      ['hamlets', 'hamlets.1.code', (c: CommuneConfig) => (c.hamlets[1].code = 'thon-3')],
      [
        'officials',
        'officials.1.id',
        (c: CommuneConfig) => c.officials.push({ ...c.officials[0], fullName: 'Người khác' }),
      ],
      ['subject domains', 'subjectDomains.1.code', (c: CommuneConfig) => (c.subjectDomains[1].code = 'land')],
    ])('refuses a duplicate code among %s with COMMUNE.DUPLICATE_CODE', (_section, path, breakIt) => {
      const config = commune();
      breakIt(config);
      const error = errorOf(config);
      expect({ code: error.code, path: error.details?.path }).toEqual({
        code: 'COMMUNE.DUPLICATE_CODE',
        path,
      });
    });

    it('allows the same code in different sections (a unit and a subject domain may both be "land")', () => {
      const config = commune();
      config.units.push({
        code: 'land',
        name: 'Phòng Đất đai',
        kind: 'department',
        level: 'commune',
        active: true,
      });
      expect(() => parseCommuneConfig(config)).not.toThrow();
    });
  });

  describe('references to units', () => {
    it('refuses an official of an unknown unit with COMMUNE.UNKNOWN_UNIT', () => {
      const config = commune();
      config.units = config.units.filter((u) => u.code !== 'office');
      config.subjectDomains = [];
      const error = errorOf(config);
      expect(error.code).toBe('COMMUNE.UNKNOWN_UNIT');
      expect(error.details?.path).toBe('officials.0.unitCode');
    });

    it('refuses a subject domain whose default unit does not exist', () => {
      const config = commune();
      config.subjectDomains[1].defaultUnitCode = 'phong-tu-phap';
      const error = errorOf(config);
      expect({ code: error.code, path: error.details?.path }).toEqual({
        code: 'COMMUNE.UNKNOWN_UNIT',
        path: 'subjectDomains.1.defaultUnitCode',
      });
    });

    it('refuses a subject domain routed by default to an inactive unit with COMMUNE.INACTIVE_UNIT', () => {
      const config = commune();
      config.subjectDomains[0].defaultUnitCode = 'old-board';
      const error = errorOf(config);
      expect({ code: error.code, path: error.details?.path }).toEqual({
        code: 'COMMUNE.INACTIVE_UNIT',
        path: 'subjectDomains.0.defaultUnitCode',
      });
    });

    it('keeps officials of an inactive unit (their past work still names them)', () => {
      const config = commune();
      config.officials.push({
        id: 'truong-ban-cu',
        fullName: 'Hoàng Văn Bình',
        position: 'Trưởng Ban (cũ)',
        unitCode: 'old-board',
        active: false,
      });
      expect(() => parseCommuneConfig(config)).not.toThrow();
    });
  });

  describe('unit kinds and levels', () => {
    it('refuses a commune unit placed at provincial level', () => {
      const config = commune();
      config.units[1].level = 'province';
      const error = errorOf(config);
      expect({ code: error.code, path: error.details?.path }).toEqual({
        code: 'COMMUNE.INVALID_CONFIG',
        path: 'units.1.level',
      });
    });

    it('allows an external body at commune level (the Party inspection committee of the commune)', () => {
      const config = commune();
      config.units.push({
        code: 'party-inspection',
        name: 'Ủy ban Kiểm tra Đảng ủy xã',
        kind: 'external',
        level: 'commune',
        active: true,
      });
      expect(() => parseCommuneConfig(config)).not.toThrow();
    });

    it('refuses an unknown kind', () => {
      const config = commune() as unknown as { units: Record<string, unknown>[] };
      config.units[0].kind = 'committee';
      expect(errorOf(config).details?.path).toBe('units.0.kind');
    });
  });

  describe('hamlet names are unambiguous', () => {
    it('refuses an alias that already names another hamlet, whatever its case, spacing or Unicode form', () => {
      for (const alias of ['Thôn Ba', 'THÔN  BA', ' thôn ba ', 'Thôn Ba'.normalize('NFD')]) {
        const config = commune();
        config.hamlets[1].aliases = ['Đồng Tâm', alias];
        const error = errorOf(config);
        expect(error.code).toBe('COMMUNE.DUPLICATE_ALIAS');
        expect(error.details).toEqual({ path: 'hamlets.1.aliases.1', value: alias.trim(), hamlet: 'thon-3' });
      }
    });

    it("refuses an alias equal to another hamlet's name or code", () => {
      for (const alias of ['Thôn 3', 'thon-3']) {
        const config = commune();
        config.hamlets[1].aliases = [alias];
        expect(errorOf(config).code).toBe('COMMUNE.DUPLICATE_ALIAS');
      }
    });

    it('refuses two hamlets with the same name', () => {
      const config = commune();
      config.hamlets[1].name = 'thôn 3';
      expect(errorOf(config).details).toMatchObject({ path: 'hamlets.1.name', hamlet: 'thon-3' });
    });

    it('allows names that differ only by diacritics: Xóm Đồng Tâm and Xóm Đông Tâm are different places', () => {
      const config = commune();
      config.hamlets.push({ code: 'xom-dong-tam-2', name: 'Xóm Đông Tâm', kind: 'xom', aliases: [] });
      expect(() => parseCommuneConfig(config)).not.toThrow();
    });

    it("allows a hamlet's alias to repeat its own name", () => {
      const config = commune();
      config.hamlets[0].aliases = ['Thôn 3', 'Thôn Ba'];
      expect(() => parseCommuneConfig(config)).not.toThrow();
    });
  });

  describe('subject domains', () => {
    it('refuses a sensitive tag that monitoring does not know', () => {
      const config = commune() as unknown as { subjectDomains: { sensitiveTags: string[] }[] };
      config.subjectDomains[0].sensitiveTags = ['land', 'corruption'];
      const error = errorOf(config);
      expect({ code: error.code, path: error.details?.path }).toEqual({
        code: 'COMMUNE.INVALID_CONFIG',
        path: 'subjectDomains.0.sensitiveTags.1',
      });
    });

    it('refuses a tag listed twice', () => {
      const config = commune();
      config.subjectDomains[0].sensitiveTags = ['land', 'land'];
      expect(errorOf(config).details?.path).toBe('subjectDomains.0.sensitiveTags');
    });
  });

  it('refuses unknown fields instead of dropping them (a misspelt "shortname" would vanish silently)', () => {
    const config = commune() as unknown as { units: Record<string, unknown>[] };
    config.units[0].shortname = 'Văn phòng';
    const error = errorOf(config);
    expect(error.code).toBe('COMMUNE.INVALID_CONFIG');
    expect(error.details?.path).toBe('units.0');
  });

  it('refuses blank names', () => {
    const config = commune();
    config.officials[0].fullName = '   ';
    expect(errorOf(config).details?.path).toBe('officials.0.fullName');
  });

  it('refuses a configuration without a section', () => {
    const config = commune() as Partial<CommuneConfig>;
    delete config.subjectDomains;
    expect(errorOf(config).details?.path).toBe('subjectDomains');
  });

  it('validates the sample commune it ships', () => {
    expect(() => parseCommuneConfig(sampleCommuneConfig())).not.toThrow();
  });
});
