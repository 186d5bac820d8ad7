import type { Open311ServiceEntry } from './open311.catalogue';
import { parseListQuery, parseRequestInput } from './open311.dto';
import {
  fullNameOf,
  serviceCodeOf,
  sourceReference,
  summaryOf,
  toPetitionSubmission,
} from './open311.submission';

const service: Open311ServiceEntry = {
  service: {
    service_code: 'land',
    service_name: 'Đất đai',
    description: '',
    metadata: false,
    type: 'realtime',
    keywords: 'đất đai',
    group: 'Đất đai',
  },
  classification: 'land',
  sensitiveTags: ['land'],
  agency: 'Phòng Kinh tế',
};

describe('an Open311 request as a petition', () => {
  it('puts the family name first, as Vietnamese names are written', () => {
    expect(fullNameOf({ firstName: 'Văn  An', lastName: 'Nguyễn' })).toBe('Nguyễn Văn An');
    expect(fullNameOf({ firstName: 'An' })).toBe('An');
    expect(fullNameOf({})).toBeUndefined();
  });

  it('summarises on one line within 200 characters, never splitting a character', () => {
    expect(summaryOf('Đường\nhỏng')).toBe('Đường hỏng');
    const long = '😀'.repeat(250);
    const summary = summaryOf(long);
    expect(Array.from(summary)).toHaveLength(200);
    expect(summary).toBe(`${'😀'.repeat(199)}…`);
  });

  it('keeps the chosen service in the source reference, which the reading side parses back', () => {
    const reference = sourceReference('app-1', 'construction-order', { kind: 'device', pseudonym: 'ab12' });
    expect(reference).toBe('app-1/construction-order/device.ab12');
    expect(serviceCodeOf(reference)).toBe('construction-order');
    expect(serviceCodeOf(sourceReference('app-1', 'land', undefined))).toBe('land');
    expect(serviceCodeOf('FORWARD-2025-17')).toBeUndefined();
  });

  it('is a reflection on the online channel, unsigned, with the service classification', () => {
    const input = parseRequestInput({
      service_code: 'land',
      description: 'Lấn chiếm đường đi chung.',
      lat: '21.6',
      long: '105.8',
      address_string: 'Thôn 3',
      first_name: 'An',
      last_name: 'Nguyễn',
    });
    const submission = toPetitionSubmission(input, { today: '2026-07-02', keyId: 'app-1', service });
    expect(submission).toMatchObject({
      kind: 'reflection',
      channel: 'online',
      receivedOn: '2026-07-02',
      classification: 'land',
      sensitiveTags: ['land'],
      eligibility: { vietnameseOrTranslated: true, dated: true, signedOrFingerprinted: false },
      petitioners: { type: 'individual', persons: [{ fullName: 'Nguyễn An' }] },
      location: { address: 'Thôn 3' },
      source: { system: 'open311', reference: 'app-1/land/unknown' },
    });
    expect(submission.note).toContain('21.6, 105.8');
  });

  it('drops contact details of a request without a name: an anonymous petition carries no person', () => {
    const input = parseRequestInput({
      service_code: 'land',
      description: 'Nội dung',
      address_string: 'Thôn 3',
      email: 'a@example.vn',
      phone: '0912345678',
    });
    const submission = toPetitionSubmission(input, { today: '2026-07-02', keyId: 'app-1', service });
    expect(submission.petitioners).toEqual({ type: 'anonymous', persons: [] });
    expect(JSON.stringify(submission)).not.toMatch(/a@example\.vn|0912345678/);
  });
});

describe('the window of GET requests.json', () => {
  const now = new Date('2026-07-02T00:00:00Z');
  const day = 24 * 60 * 60 * 1000;

  it('defaults to the last 90 days', () => {
    const query = parseListQuery({}, now);
    expect(query.end).toEqual(now);
    expect(query.start).toEqual(new Date(now.getTime() - 90 * day));
  });

  it('runs 90 days from a start date alone, and 90 days up to an end date alone', () => {
    const start = new Date('2026-01-01T00:00:00+07:00');
    expect(parseListQuery({ start_date: '2026-01-01T00:00:00+07:00' }, now).end).toEqual(
      new Date(start.getTime() + 90 * day),
    );
    const end = new Date('2026-05-01T12:00:00Z');
    expect(parseListQuery({ end_date: '2026-05-01T12:00:00Z' }, now).start).toEqual(
      new Date(end.getTime() - 90 * day),
    );
  });

  it('reads comma-separated ids and statuses, repeated parameters included', () => {
    const id = '7b0e6c1e-1f7e-4c55-9c1a-5f3a7b2c9d10';
    expect(parseListQuery({ service_request_id: `${id.toUpperCase()},${id},junk` }, now).ids).toEqual([id]);
    expect(parseListQuery({ status: ['open', 'closed'] }, now).statuses).toEqual(['open', 'closed']);
  });
});
