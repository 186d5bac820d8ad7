import type { AuthPrincipal, Role } from '@tiep-dan/platform';
import type { PetitionState } from '../../domain/petition/petition.state';
import { isErased, type PersonalDataPort } from './personal-data.port';

/** Roles that see petitioners' identities (except a denouncer's, which needs an audited reveal). */
const IDENTITY_ROLES: Role[] = [
  'reception_officer',
  'petition_processor',
  'chairman',
  'unit_head',
  'unit_handler',
];

/** A petition as an API client sees it, with identities decrypted only where the role allows. */
export class PetitionView {
  constructor(private readonly personalData: PersonalDataPort) {}

  async render(state: PetitionState, version: number, user: AuthPrincipal) {
    const current = state.current;
    const secret = current.kind === 'denunciation';
    const mayRead = !secret && user.roles.some((r) => IDENTITY_ROLES.includes(r));
    const persons = current.petitioners.persons;
    const official = current.respondent?.official;
    const identities = mayRead
      ? await this.personalData.reveal([...persons.map((p) => p.identity), ...(official ? [official] : [])])
      : [];
    const { requestHash: _requestHash, ...visible } = current;
    void _requestHash;
    return {
      ...visible,
      version,
      status: state.status,
      identityReveals: state.reveals,
      petitioners: {
        type: current.petitioners.type,
        headcount: current.petitioners.headcount,
        anonymous: current.petitioners.anonymous,
        identityHidden: !mayRead && persons.length > 0,
        persons: persons.map((p, i) => {
          const base = {
            personId: p.personId,
            ref: p.ref,
            representative: p.representative,
            ...(p.hamletCode ? { hamletCode: p.hamletCode } : {}),
            erased: state.erasedPersonIds.includes(p.personId),
          };
          const identity = identities[i];
          if (!mayRead || identity === undefined) return base;
          return isErased(identity) ? { ...base, erased: true } : { ...base, ...identity };
        }),
      },
      ...(current.respondent
        ? {
            respondent: {
              type: current.respondent.type,
              level: current.respondent.level,
              description: current.respondent.description,
              ...(current.respondent.unitCode ? { unitCode: current.respondent.unitCode } : {}),
              isChairman: current.respondent.isChairman,
              ...(official && mayRead && identities[persons.length] && !isErased(identities[persons.length])
                ? { officialName: (identities[persons.length] as Record<string, string>).fullName }
                : {}),
            },
          }
        : {}),
    };
  }
}
