import { type CommuneConfig, type Hamlet, parseCommuneConfig } from '../../commune/commune-config.schema';
import { CommuneIndex } from '../../commune/commune-index';
import { petitionerKeyMaterial } from '../../domain/matching';
import { keyMaterialOf, placeAliasesOf, relatedFinderOf, type MatchingCommune } from './petition-matching';
import type { MatchCandidate } from './petitions.service';

function config(hamlets: Hamlet[]): CommuneConfig {
  return parseCommuneConfig({
    commune: { code: 'phuong-tien', name: 'Xã Phượng Tiến', province: 'Tỉnh Thái Nguyên' },
    units: [{ code: 'police', name: 'Công an xã', kind: 'police', level: 'commune' }],
    hamlets,
    officials: [],
    subjectDomains: [
      { code: 'public-order', name: 'An ninh trật tự', sensitiveTags: [], defaultUnitCode: 'police' },
    ],
  });
}

const THON_3: Hamlet = { code: 'thon-3', name: 'Thôn 3', kind: 'thon', aliases: ['Thôn Ba'] };
const XOM_DONG_TAM: Hamlet = {
  code: 'xom-dong-tam',
  name: 'Xóm Đồng Tâm',
  kind: 'xom',
  aliases: ['Đồng Tâm'],
};

/** A commune directory over versions of a configuration, as CommuneDirectory swaps them in. */
class Commune implements MatchingCommune {
  version = 1;
  private index: CommuneIndex;

  constructor(hamlets: Hamlet[]) {
    this.index = new CommuneIndex(config(hamlets));
  }

  get config() {
    return this.index.config;
  }

  hamlet(codeOrAlias: string) {
    return this.index.hamlet(codeOrAlias);
  }

  update(hamlets: Hamlet[]): void {
    this.index = new CommuneIndex(config(hamlets));
    this.version++;
  }
}

describe('key material of a petitioner', () => {
  const keyMaterial = keyMaterialOf(new Commune([THON_3, XOM_DONG_TAM]));
  const nameIn = (hamletKey: string) => petitionerKeyMaterial({ fullName: 'Lý Thị Mai', hamletKey });

  it('reads the hamlet from the address when none was recorded, with or without diacritics', () => {
    expect(keyMaterial({ fullName: 'Lý Thị Mai', address: 'Số 4, Thôn Ba, xã Phượng Tiến' })).toEqual(
      nameIn('thon-3'),
    );
    expect(keyMaterial({ fullName: 'Ly Thi Mai', address: 'xom Dong Tam - xa Phuong Tien' })).toEqual(
      nameIn('xom-dong-tam'),
    );
  });

  it('keeps the recorded hamlet over the one an address names', () => {
    expect(
      keyMaterial({ fullName: 'Lý Thị Mai', hamletCode: 'xom-dong-tam', address: 'Thôn Ba, xã Phượng Tiến' }),
    ).toEqual(nameIn('xom-dong-tam'));
  });

  it("gives no name key for an address in another commune or without one of the commune's hamlets", () => {
    expect(
      keyMaterial({ fullName: 'Lý Thị Mai', address: 'Thôn 3, xã Tân Khánh, tỉnh Thái Nguyên' }),
    ).toEqual([]);
    expect(keyMaterial({ fullName: 'Lý Thị Mai', address: 'Thôn 9, xã Phượng Tiến' })).toEqual([]);
    expect(keyMaterial({ fullName: 'Lý Thị Mai', citizenId: '001085012345', address: 'Hà Nội' })).toEqual([
      'citizen-id:001085012345',
    ]);
  });
});

describe("the commune's place aliases", () => {
  it('maps each hamlet name to its aliases', () => {
    expect(placeAliasesOf([THON_3, XOM_DONG_TAM])).toEqual({
      'Thôn 3': ['Thôn Ba'],
      'Xóm Đồng Tâm': ['Đồng Tâm'],
    });
  });

  it('leaves out, with a warning, a hamlet whose aliases the matcher cannot read, and keeps the others', () => {
    const warnings: string[] = [];
    const bare: Hamlet = { code: 'thon-4', name: 'Thôn 4', kind: 'thon', aliases: ['Thôn'] };
    expect(placeAliasesOf([THON_3, bare, XOM_DONG_TAM], (m) => warnings.push(m))).toEqual({
      'Thôn 3': ['Thôn Ba'],
      'Xóm Đồng Tâm': ['Đồng Tâm'],
    });
    expect(warnings).toEqual([expect.stringContaining('"Thôn 4"')]);
  });
});

describe('the related finder', () => {
  const petition = (petitionId: string, subjectText: string): MatchCandidate => ({
    petitionId,
    kind: 'reflection',
    petitionerKeys: ['person'],
    subjectText,
    classification: 'other',
    receivedOn: '2026-03-02',
    status: 'open',
  });
  const first = petition('a', 'Phản ánh đường bê tông liên xóm đoạn qua xóm 3 bị nứt vỡ');
  const second = petition('b', 'đường bê tông thôn Ba mới làm đã hỏng');

  it("reads the aliases of the commune's current version", () => {
    const commune = new Commune([{ ...THON_3, aliases: [] }]);
    const findRelated = relatedFinderOf(commune);
    // Xóm 3 is not Thôn 3 here: another place, and too little in common.
    expect(findRelated(second, [first]).duplicateOf).toBeUndefined();

    commune.update([{ ...THON_3, aliases: ['Xóm 3'] }]);
    expect(findRelated(second, [first]).duplicateOf).toMatchObject({
      petitionId: 'a',
      reasons: expect.arrayContaining(['same_classification']),
    });
  });

  it('needs the same classification to link this re-wording', () => {
    const findRelated = relatedFinderOf(new Commune([{ ...THON_3, aliases: ['Xóm 3'] }]));
    expect(findRelated({ ...second, classification: 'policy' }, [first]).duplicateOf).toBeUndefined();
    expect(findRelated(second, [first]).duplicateOf?.petitionId).toBe('a');
  });
});
