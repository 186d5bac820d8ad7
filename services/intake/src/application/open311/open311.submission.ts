import type { PetitionSubmissionInput } from '@tiep-dan/contracts';
import type { Open311RequestInput } from './open311.dto';
import type { Open311ServiceEntry } from './open311.catalogue';

export const OPEN311_SOURCE_SYSTEM = 'open311';
export const SUMMARY_LENGTH = 200;

export interface SubmissionContext {
  /** The commune's calendar date: the online channel receives on the day it is sent. */
  today: string;
  keyId: string;
  service: Open311ServiceEntry;
  /** The commune hamlet named by `address_string`, when one part of it is a hamlet's name or alias. */
  hamletCode?: string;
  /** Pseudonym of the device or account (see Open311ApiKeyring.pseudonym), when the app sent one. */
  client?: { kind: 'account' | 'device'; pseudonym: string };
}

/**
 * `source.reference` of an Open311 petition: `<application>/<service_code>/<client>`. It keeps the
 * service the citizen chose (several services share a classification) and which app and device sent
 * it, without the device or account id itself.
 */
export function sourceReference(
  keyId: string,
  serviceCode: string,
  client: SubmissionContext['client'],
): string {
  return `${keyId}/${serviceCode}/${client ? `${client.kind}.${client.pseudonym}` : 'unknown'}`;
}

/** The service code kept in `source.reference`; undefined for a reference of another shape. */
export function serviceCodeOf(reference: string): string | undefined {
  const parts = reference.split('/');
  return parts.length === 3 && parts[1] !== '' ? parts[1] : undefined;
}

/**
 * Open311 names are Western-ordered (first = given name); a Vietnamese full name starts with the
 * family name: first_name "Văn An", last_name "Nguyễn" → "Nguyễn Văn An".
 */
export function fullNameOf(input: Pick<Open311RequestInput, 'firstName' | 'lastName'>): string | undefined {
  const name = [input.lastName, input.firstName]
    .filter((part): part is string => part !== undefined)
    .join(' ')
    .normalize('NFC')
    .replace(/\s+/g, ' ')
    .trim();
  return name === '' ? undefined : name;
}

/** The first SUMMARY_LENGTH characters on one line, cut on a character (not a UTF-16 unit), "…" when cut. */
export function summaryOf(description: string): string {
  const characters = Array.from(description.normalize('NFC').replace(/\s+/g, ' ').trim());
  return characters.length <= SUMMARY_LENGTH
    ? characters.join('')
    : `${characters.slice(0, SUMMARY_LENGTH - 1).join('')}…`;
}

/**
 * A GeoReport v2 service request as a petition: a reflection (phản ánh) on the online channel,
 * received today. It has no signature, so eligibility lists the signature as missing; without a name
 * it is anonymous and any contact details are not kept (an anonymous petition carries no person).
 * Nothing in it depends on the time of the call, so a retry under the same Idempotency-Key submits
 * the same petition.
 */
export function toPetitionSubmission(
  input: Open311RequestInput,
  context: SubmissionContext,
): PetitionSubmissionInput {
  const fullName = fullNameOf(input);
  const coordinates = input.coordinates ? `${input.coordinates.lat}, ${input.coordinates.long}` : undefined;
  const notes = [
    `Gửi qua Open311: ứng dụng "${context.keyId}", dịch vụ "${context.service.service.service_code}".`,
    ...(coordinates && input.addressString ? [`Tọa độ (WGS84): ${coordinates}.`] : []),
    ...(input.mediaUrl ? [`Ảnh/tệp do ứng dụng gửi kèm (chưa tải về): ${input.mediaUrl}`] : []),
    ...(!fullName && (input.email || input.phone)
      ? [
          'Người gửi cho email/điện thoại nhưng không ghi họ tên: phản ánh nặc danh, không lưu thông tin liên hệ.',
        ]
      : []),
  ];
  return {
    kind: 'reflection',
    channel: 'online',
    receivedOn: context.today,
    petitioners: fullName
      ? {
          type: 'individual',
          persons: [
            {
              fullName,
              ...(input.email ? { email: input.email } : {}),
              ...(input.phone ? { phone: input.phone } : {}),
            },
          ],
        }
      : { type: 'anonymous', persons: [] },
    summary: summaryOf(input.description),
    fullText: input.description,
    classification: context.service.classification,
    sensitiveTags: context.service.sensitiveTags,
    eligibility: { vietnameseOrTranslated: true, dated: true, signedOrFingerprinted: false },
    location: {
      ...(context.hamletCode ? { hamletCode: context.hamletCode } : {}),
      address: input.addressString ?? `Tọa độ (WGS84): ${coordinates}`,
    },
    source: {
      system: OPEN311_SOURCE_SYSTEM,
      reference: sourceReference(context.keyId, context.service.service.service_code, context.client),
    },
    note: notes.join('\n'),
  };
}
