/**
 * The roles of DOMAIN.md "Roles". A user may hold several (a unit head is often also a unit handler).
 * The order is the order of the work: reception, processing, units, leadership, oversight, admin.
 */
export const ROLES = [
  'reception_officer',
  'petition_processor',
  'unit_handler',
  'unit_head',
  'chairman',
  'police',
  'front_supervisor',
  'provincial_inspector',
  'administrator',
] as const;

export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Readonly<Record<Role, { vi: string; en: string }>> = {
  reception_officer: { vi: 'Cán bộ tiếp công dân', en: 'Reception officer' },
  petition_processor: { vi: 'Cán bộ xử lý đơn', en: 'Petition processor' },
  unit_handler: { vi: 'Cán bộ giải quyết (đơn vị)', en: 'Unit handler' },
  unit_head: { vi: 'Lãnh đạo đơn vị', en: 'Unit head' },
  chairman: { vi: 'Chủ tịch UBND xã', en: 'Commune chairman' },
  police: { vi: 'Công an xã', en: 'Commune police' },
  front_supervisor: { vi: 'Giám sát viên Ủy ban MTTQ xã', en: 'Fatherland Front supervisor' },
  provincial_inspector: { vi: 'Thanh tra tỉnh', en: 'Provincial inspector' },
  administrator: { vi: 'Quản trị hệ thống', en: 'Administrator' },
};

const ROLE_SET: ReadonlySet<string> = new Set(ROLES);

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && ROLE_SET.has(value);
}
