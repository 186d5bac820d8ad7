import { DomainError } from '@tiep-dan/contracts';
import { type CommuneConfig, parseCommuneConfig } from './commune-config.schema';
import { CommuneIndex } from './commune-index';

function config(): CommuneConfig {
  return parseCommuneConfig({
    commune: { code: 'thu-nghiem', name: 'Xã Thử Nghiệm', province: 'Tỉnh Thái Nguyên' },
    units: [{ code: 'police', name: 'Công an xã', kind: 'police', level: 'commune' }],
    hamlets: [
      { code: 'thon-3', name: 'Thôn 3', kind: 'thon', aliases: ['Thôn Ba', 'Xóm 3'] },
      { code: 'xom-dong-tam', name: 'Xóm Đồng Tâm', kind: 'xom', aliases: ['Đồng Tâm'], remote: true },
      { code: 'xom-dong-tam-moi', name: 'Xóm Đông Tâm', kind: 'xom', aliases: [] },
      { code: 'tdp-pho-cho', name: 'Tổ dân phố Phố Chợ', kind: 'to-dan-pho', aliases: ['TDP Phố Chợ'] },
    ],
    officials: [
      { id: 'truong-cong-an', fullName: 'Hà Quang Vinh', position: 'Trưởng Công an xã', unitCode: 'police' },
    ],
    subjectDomains: [
      { code: 'public-order', name: 'An ninh trật tự', sensitiveTags: [], defaultUnitCode: 'police' },
    ],
  });
}

describe('commune index', () => {
  const index = new CommuneIndex(config());

  describe('hamlet(codeOrAlias)', () => {
    it.each([
      ['its code', 'thon-3'],
      ['its name', 'Thôn 3'],
      ['an alias', 'Thôn Ba'],
      ['another alias', 'Xóm 3'],
      ['any case', 'THÔN BA'],
      ['extra spaces', '  Thôn   Ba '],
      ['decomposed Unicode (NFD) from another keyboard', 'Thôn Ba'.normalize('NFD')],
      ['no diacritics', 'thon ba'],
      ['no diacritics, any punctuation', 'Thon-Ba'],
    ])('finds Thôn 3 by %s', (_how, text) => {
      expect(index.hamlet(text)?.code).toBe('thon-3');
    });

    it('folds đ to d: "dong tam" finds the only hamlet whose alias folds to it', () => {
      expect(index.hamlet('dong tam')?.code).toBe('xom-dong-tam');
      expect(index.hamlet('tdp pho cho')?.code).toBe('tdp-pho-cho');
    });

    it('tells apart names that differ only by diacritics when they are typed with them', () => {
      expect(index.hamlet('Xóm Đồng Tâm')?.code).toBe('xom-dong-tam');
      expect(index.hamlet('xóm đông tâm')?.code).toBe('xom-dong-tam-moi');
    });

    it('refuses to guess when the text without diacritics fits two hamlets', () => {
      expect(index.hamlet('Xom Dong Tam')).toBeUndefined();
    });

    it('finds nothing for an unknown name or a part of a name', () => {
      expect(index.hamlet('Thôn 4')).toBeUndefined();
      expect(index.hamlet('Thôn')).toBeUndefined();
      expect(index.hamlet('')).toBeUndefined();
    });
  });

  describe('isRemote', () => {
    it('is true for a remote hamlet and false for one that is not', () => {
      expect(index.isRemote('xom-dong-tam')).toBe(true);
      expect(index.isRemote('thon-3')).toBe(false);
    });

    it('accepts the names a hamlet is known by', () => {
      expect(index.isRemote('Đồng Tâm')).toBe(true);
    });

    it('throws COMMUNE.UNKNOWN_HAMLET rather than answer "not remote" for a hamlet it does not know', () => {
      expect(() => index.isRemote('thon-99')).toThrow(DomainError);
      try {
        index.isRemote('thon-99');
      } catch (error) {
        expect(error).toMatchObject({ code: 'COMMUNE.UNKNOWN_HAMLET', kind: 'not_found' });
      }
    });
  });

  it('looks units, officials and subject domains up by code', () => {
    expect(index.unit('police')?.name).toBe('Công an xã');
    expect(index.unit('Công an xã')).toBeUndefined();
    expect(index.official('truong-cong-an')?.unitCode).toBe('police');
    expect(index.subjectDomain('public-order')?.defaultUnitCode).toBe('police');
    expect(index.subjectDomain('land')).toBeUndefined();
  });

  it('shares a frozen configuration: a caller cannot change what other callers see', () => {
    const unit = index.unit('police')!;
    expect(() => {
      (unit as { name: string }).name = 'Đổi tên';
    }).toThrow(TypeError);
    expect(() => index.config.hamlets[0].aliases.push('Thôn Bốn')).toThrow(TypeError);
    expect(index.hamlet('Thôn Bốn')).toBeUndefined();
  });
});
