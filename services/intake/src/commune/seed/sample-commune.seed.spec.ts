import { SENSITIVE_TAGS } from '@tiep-dan/contracts';
import { parseCommuneConfig } from '../commune-config.schema';
import { CommuneIndex } from '../commune-index';
import sample from './sample-commune.json';
import { sampleCommuneConfig } from './sample-commune.seed';

describe('sample commune', () => {
  const config = sampleCommuneConfig();
  const index = new CommuneIndex(sampleCommuneConfig());

  it('passes the schema and its cross-reference rules as shipped, without relying on defaults', () => {
    expect(parseCommuneConfig(sample)).toEqual(sample);
  });

  it('has the units the plan names, each of the kind that gives it its role', () => {
    const kinds = Object.fromEntries(config.units.map((u) => [u.shortName ?? u.name, u.kind]));
    expect(kinds).toMatchObject({
      'Văn phòng HĐND và UBND xã': 'office',
      'Công an xã': 'police',
      'Ủy ban MTTQ xã': 'front',
      'Hội Nông dân xã': 'mass-organisation',
      'Hội LHPN xã': 'mass-organisation',
      'Đoàn Thanh niên xã': 'mass-organisation',
      'Hội Cựu chiến binh xã': 'mass-organisation',
      'BCH Quân sự xã': 'military',
      'Phòng Kinh tế': 'department',
      'Phòng VH-XH': 'department',
      'Trung tâm PVHCC': 'service-centre',
    });
  });

  it('has the external bodies petitions are forwarded to, at their level', () => {
    const external = Object.fromEntries(
      config.units.filter((u) => u.kind === 'external').map((u) => [u.shortName ?? u.name, u.level]),
    );
    expect(external).toMatchObject({
      'Thanh tra tỉnh': 'province',
      'UBND tỉnh': 'province',
      'Công an tỉnh': 'province',
      'TAND khu vực': 'province',
      'VKSND khu vực': 'province',
      'THADS tỉnh': 'province',
      'UBKT Đảng ủy xã': 'commune',
    });
  });

  it('has about ten hamlets, some remote, each reachable by the names people use', () => {
    expect(config.hamlets.length).toBeGreaterThanOrEqual(10);
    expect(config.hamlets.some((h) => h.remote)).toBe(true);
    expect(index.hamlet('Thôn Ba')?.code).toBe('thon-3');
    for (const hamlet of config.hamlets) {
      expect(hamlet.aliases.length).toBeGreaterThan(0);
      for (const alias of hamlet.aliases) expect(index.hamlet(alias)?.code).toBe(hamlet.code);
    }
  });

  it('has an active official for each key post: chairman, reception, processing, police, Front', () => {
    const roles = new Set(config.officials.filter((o) => o.active).flatMap((o) => o.roles ?? []));
    for (const role of ['chairman', 'reception_officer', 'petition_processor', 'police', 'front_supervisor'])
      expect(roles).toContain(role);
  });

  it('raises every sensitive-matter tag of the plan from some subject domain, so monitoring can see each', () => {
    const raised = new Set(config.subjectDomains.flatMap((d) => d.sensitiveTags));
    expect([...raised].sort()).toEqual([...SENSITIVE_TAGS].sort());
  });

  it('routes every subject domain to a default unit and keeps a catch-all "other"', () => {
    for (const domain of config.subjectDomains) expect(domain.defaultUnitCode).toBeDefined();
    expect(index.subjectDomain('other')).toBeDefined();
  });
});
