import {
  CLASSIFICATION_CODES,
  SENSITIVE_TAGS,
  isClassificationOf,
  petitionSubmissionSchema,
  respondentSchema,
  submissionMessageSchema,
  type PetitionSubmissionInput,
} from '@tiep-dan/contracts';
import { WorkingCalendar, addDays, dayOfWeek, vietnamCalendarSeed } from '@tiep-dan/platform';
import {
  DEFAULT_MIX,
  SimulationOptionsError,
  generateCommuneYear,
  timeline,
  type CommuneYear,
  type SimulatedSubmission,
} from './generator';
import { MATTER_TEMPLATES, type MatterFacts } from './matter-templates';
import { CCCD_PROVINCE_CODES, SAMPLE_COMMUNE, stripDiacritics } from './vietnamese-data';

const TODAY = '2026-11-29';
const N = 5000;

/**
 * The rules intake enforces, written out here from the brief and DOMAIN.md rather than imported.
 * Returns the broken ones, so that one assertion reports every offending submission at once.
 */
function intakeRuleViolations(p: PetitionSubmissionInput, today: string): string[] {
  const broken: string[] = [];
  const check = (ok: boolean, rule: string) => {
    if (!ok) broken.push(rule);
  };
  check(isClassificationOf(p.kind, p.classification), `classification ${p.classification} not of ${p.kind}`);
  check(p.receivedOn <= today, 'receivedOn in the future');
  check(p.writtenOn === undefined || p.writtenOn <= p.receivedOn, 'writtenOn after receivedOn');
  if (p.learnedOfDecisionOn !== undefined) {
    check(p.kind === 'complaint', 'learnedOfDecisionOn on a non-complaint');
    check(p.learnedOfDecisionOn <= p.receivedOn, 'learnedOfDecisionOn after receivedOn');
  }
  const { type, headcount, persons = [] } = p.petitioners;
  switch (type) {
    case 'anonymous':
      check(persons.length === 0, 'anonymous with persons');
      break;
    case 'individual':
      check(persons.length === 1 && (headcount ?? 1) === 1, 'individual is not one person');
      break;
    case 'several':
      check(
        persons.length >= 2 && headcount === persons.length && headcount < 5,
        'several: 2–4 named people',
      );
      break;
    case 'group': {
      // Nghị định 124/2020 art. 6: the persons listed are the representatives; headcount is everyone.
      const n = headcount ?? 0;
      check(n >= 5 && n <= 40, `group headcount ${n} outside 5–40`);
      check(
        persons.length >= 1 && persons.every((x) => x.representative === true),
        'group lists non-representatives',
      );
      check(persons.length <= (n <= 10 ? 2 : 5), `${persons.length} representatives for ${n} people`);
      break;
    }
  }
  for (const person of persons) {
    check(person.fullName === person.fullName.normalize('NFC'), 'name not NFC');
    if (person.citizenId !== undefined) {
      const id = person.citizenId;
      const century = Number(id[3]);
      const birthYear = (century < 2 ? 1900 : 2000) + Number(id.slice(4, 6));
      check(/^\d{12}$/.test(id), `CCCD ${id} is not 12 digits`);
      check(CCCD_PROVINCE_CODES[id.slice(0, 3)] !== undefined, `CCCD ${id} has no province code`);
      check(century <= 3, `CCCD ${id} has century digit ${century}`);
      check(Number(p.receivedOn.slice(0, 4)) - birthYear >= 18, `CCCD ${id} is not an adult's`);
    }
    if (person.phone !== undefined) check(/^0[35789]\d{8}$/.test(person.phone), `phone ${person.phone}`);
  }
  return broken;
}

function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) strings(v, out);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) strings(v, out);
  return out;
}

function share(list: readonly SimulatedSubmission[], test: (s: SimulatedSubmission) => boolean): number {
  return list.filter(test).length / list.length;
}

const folded = (text: string) =>
  new Set(
    stripDiacritics(text)
      .toLowerCase()
      .replace(/[^a-z0-9 ]/g, ' ')
      .split(/\s+/)
      .filter((w) => w.length > 1),
  );

describe('a generated commune year', () => {
  let year: CommuneYear;
  let byId: Map<string, SimulatedSubmission>;

  beforeAll(() => {
    year = generateCommuneYear({ seed: 2026, year: 2026, petitions: N, today: TODAY });
    byId = new Map(year.submissions.map((s) => [s.submissionId, s]));
  });

  it('has the number of submissions asked for, cut at today', () => {
    expect(year.submissions).toHaveLength(N);
    expect(year.period).toEqual({ from: '2026-01-01', to: TODAY });
  });

  it('passes the contract schema for all 5,000 submissions, as a REST body and as a Kafka message', () => {
    const invalid = year.submissions.filter(
      (s) =>
        !petitionSubmissionSchema.safeParse(s.petition).success ||
        !submissionMessageSchema.safeParse({ submissionId: s.submissionId, petition: s.petition }).success,
    );
    expect(invalid.map((s) => s.submissionId)).toEqual([]);
  });

  it('keeps intake’s rules: classification per kind, representatives, CCCD, phones, dates', () => {
    const broken = year.submissions.flatMap((s) =>
      intakeRuleViolations(s.petition, TODAY).map((rule) => `${s.submissionId}: ${rule}`),
    );
    expect(broken).toEqual([]);
    // The checker itself catches a broken petition.
    const group = year.submissions.find(
      (s) => s.petition.petitioners.type === 'group',
    ) as SimulatedSubmission;
    const tooMany = {
      ...group.petition,
      petitioners: {
        type: 'group' as const,
        headcount: 8,
        persons: ['A', 'B', 'C'].map((n) => ({ fullName: `Nguyễn Văn ${n}`, representative: true })),
      },
    };
    expect(intakeRuleViolations(tooMany, TODAY)).toEqual(['3 representatives for 8 people']);
  });

  it('writes every text in NFC', () => {
    const notNfc = year.submissions.flatMap((s) =>
      strings(s.petition).filter((t) => t !== t.normalize('NFC')),
    );
    expect(notNfc).toEqual([]);
  });

  it('gives every submission its own id and lists them in the order received', () => {
    expect(byId.size).toBe(N);
    for (let i = 1; i < N; i++) {
      expect(year.submissions[i - 1].petition.receivedOn <= year.submissions[i].petition.receivedOn).toBe(
        true,
      );
    }
  });

  it('mixes kinds about 30% complaints, 10% denunciations, 60% recommendations and reflections', () => {
    const s = year.submissions;
    expect(Math.abs(share(s, (x) => x.petition.kind === 'complaint') - 0.3)).toBeLessThan(0.03);
    expect(Math.abs(share(s, (x) => x.petition.kind === 'denunciation') - 0.1)).toBeLessThan(0.02);
    const other = share(s, (x) => x.petition.kind === 'recommendation' || x.petition.kind === 'reflection');
    expect(Math.abs(other - 0.6)).toBeLessThan(0.03);
  });

  it('receives about 40% in person and uses every channel', () => {
    const s = year.submissions;
    expect(Math.abs(share(s, (x) => x.petition.channel === 'in_person') - 0.4)).toBeLessThan(0.03);
    for (const [channel, target] of Object.entries(DEFAULT_MIX.channels)) {
      expect(Math.abs(share(s, (x) => x.petition.channel === channel) - target)).toBeLessThan(0.025);
    }
  });

  it('has about 5% anonymous and 3% mass petitions, 8% duplicates and 4% repeats', () => {
    const s = year.submissions;
    expect(Math.abs(share(s, (x) => x.petition.petitioners.type === 'anonymous') - 0.05)).toBeLessThan(0.015);
    expect(Math.abs(share(s, (x) => x.petition.petitioners.type === 'group') - 0.03)).toBeLessThan(0.01);
    expect(share(s, (x) => x.truth.relation === 'duplicate')).toBeCloseTo(0.08, 3);
    expect(share(s, (x) => x.truth.relation === 'repeat')).toBeCloseTo(0.04, 3);
  });

  it('never receives an anonymous petition in person nor a mass petition by phone, online or email', () => {
    for (const s of year.submissions) {
      if (s.petition.petitioners.type === 'anonymous') expect(s.petition.channel).not.toBe('in_person');
      if (s.petition.petitioners.type === 'group')
        expect(['phone', 'online', 'email']).not.toContain(s.petition.channel);
    }
  });

  it('receives far fewer petitions around Tết (17 Feb 2026) than on other days', () => {
    const perDay = new Map<string, number>();
    for (const s of year.submissions)
      perDay.set(s.petition.receivedOn, (perDay.get(s.petition.receivedOn) ?? 0) + 1);
    let tet = 0;
    let tetDays = 0;
    let other = 0;
    let otherDays = 0;
    for (let d = year.period.from; d <= year.period.to; d = addDays(d, 1)) {
      const inTet = d >= '2026-02-10' && d <= '2026-02-24';
      if (inTet) {
        tet += perDay.get(d) ?? 0;
        tetDays++;
      } else {
        other += perDay.get(d) ?? 0;
        otherDays++;
      }
    }
    expect(tet / tetDays).toBeLessThan((0.5 * other) / otherDays);
  });

  it('receives in person, by post and from agencies only on working days', () => {
    const calendar = new WorkingCalendar(vietnamCalendarSeed(2026, 2026));
    for (const s of year.submissions) {
      if (
        ['in_person', 'post', 'forwarded', 'supervision', 'national_database'].includes(s.petition.channel)
      ) {
        expect(calendar.isWorkingDay(s.petition.receivedOn)).toBe(true);
      }
    }
  });

  it('re-sends a duplicate within six weeks, by the same person, about the same matter, re-worded', () => {
    const duplicates = year.submissions.filter((s) => s.truth.relation === 'duplicate');
    let withoutDiacritics = 0;
    let otherHamletSpelling = 0;
    for (const d of duplicates) {
      const original = byId.get(d.truth.relatedTo as string) as SimulatedSubmission;
      expect(original.truth.matterId).toBe(d.truth.matterId);
      expect(d.petition.kind).toBe(original.petition.kind);
      expect(d.petition.classification).toBe(original.petition.classification);
      const days =
        (Date.parse(d.petition.receivedOn) - Date.parse(original.petition.receivedOn)) / 86_400_000;
      expect(days).toBeGreaterThanOrEqual(0);
      expect(days).toBeLessThanOrEqual(42);
      // Same people: same names, and the same CCCD and phone wherever both submissions carry them.
      const a = original.petition.petitioners.persons ?? [];
      const b = d.petition.petitioners.persons ?? [];
      expect(b.map((p) => p.fullName)).toEqual(a.map((p) => p.fullName));
      a.forEach((p, i) => {
        if (p.citizenId && b[i].citizenId) expect(b[i].citizenId).toBe(p.citizenId);
        if (p.phone && b[i].phone) expect(b[i].phone).toBe(p.phone);
      });
      expect(d.petition.summary).not.toBe(original.petition.summary);
      // The letter tells the same story: most words of the shorter text appear in the other.
      const x = folded(original.petition.fullText as string);
      const y = folded(d.petition.fullText as string);
      const common = [...x].filter((w) => y.has(w)).length;
      expect(common / Math.min(x.size, y.size)).toBeGreaterThan(0.6);
      if (stripDiacritics(d.petition.summary) === d.petition.summary) withoutDiacritics++;
      if (d.petition.location?.address !== original.petition.location?.address) otherHamletSpelling++;
    }
    expect(withoutDiacritics / duplicates.length).toBeGreaterThan(0.15);
    expect(otherHamletSpelling / duplicates.length).toBeGreaterThan(0.8);
  });

  it('marks repeats with the send number and, when the first send is in the period, comes 60+ days later', () => {
    const repeats = year.submissions.filter((s) => s.truth.relation === 'repeat');
    expect(repeats.some((r) => r.truth.relatedTo !== undefined)).toBe(true);
    expect(repeats.some((r) => r.truth.relatedTo === undefined)).toBe(true);
    for (const r of repeats) {
      expect(r.truth.sendNumber).toBeGreaterThanOrEqual(2);
      // Typed without diacritics now and then, like any submission sent online.
      expect(stripDiacritics(r.petition.summary)).toContain(`(gui lan ${r.truth.sendNumber})`);
      expect(r.petition.note).toContain(`lần ${r.truth.sendNumber}`);
      if (r.truth.relatedTo !== undefined) {
        const first = byId.get(r.truth.relatedTo) as SimulatedSubmission;
        expect(first.truth.matterId).toBe(r.truth.matterId);
        const days = (Date.parse(r.petition.receivedOn) - Date.parse(first.petition.receivedOn)) / 86_400_000;
        expect(days).toBeGreaterThanOrEqual(60);
      }
    }
  });

  it('files some complaints after the 90-day limit, most within it', () => {
    const complaints = year.submissions.filter(
      (s) => s.petition.learnedOfDecisionOn !== undefined && s.truth.relation === 'original',
    );
    const late = share(
      complaints,
      (s) =>
        Date.parse(s.petition.receivedOn) - Date.parse(s.petition.learnedOfDecisionOn as string) >
        90 * 86_400_000,
    );
    expect(late).toBeGreaterThan(0.02);
    expect(late).toBeLessThan(0.09);
  });

  it('uses hamlet codes of the commune', () => {
    const codes = new Set(SAMPLE_COMMUNE.hamlets.map((h) => h.code));
    for (const s of year.submissions) {
      const used = [
        s.petition.location?.hamletCode,
        ...(s.petition.petitioners.persons ?? []).map((p) => p.hamletCode),
      ];
      for (const code of used) if (code !== undefined) expect(codes.has(code)).toBe(true);
    }
  });

  describe('reception sessions', () => {
    const calendar = new WorkingCalendar(vietnamCalendarSeed(2026, 2026));

    it('holds regular reception on every working day and on no other day', () => {
      const regular = year.sessions.filter((s) => s.kind === 'regular').map((s) => s.date);
      const expected: string[] = [];
      for (let d = year.period.from; d <= year.period.to; d = addDays(d, 1)) {
        if (calendar.isWorkingDay(d)) expected.push(d);
      }
      expect(regular).toEqual(expected);
      expect(regular).not.toContain('2026-02-17');
      expect(regular).toContain('2026-08-22');
    });

    it('has the chairman receive once a week before 1 July 2026, possibly by authorisation', () => {
      const before = year.sessions.filter((s) => s.kind === 'chairman_periodic' && s.date < '2026-07-01');
      const weeks = new Map<string, number>();
      for (const s of before) {
        expect(calendar.isWorkingDay(s.date)).toBe(true);
        const monday = addDays(s.date, -((dayOfWeek(s.date) + 6) % 7));
        weeks.set(monday, (weeks.get(monday) ?? 0) + 1);
      }
      expect([...weeks.values()].every((n) => n === 1)).toBe(true);
      // 27 weeks touch 1 January – 30 June 2026 (from Monday 29 December); the Tết week (16–20 Feb)
      // has no working day.
      expect(weeks.size).toBe(26);
      expect(before.some((s) => s.presidedBy.position === 'vice_chairman')).toBe(true);
    });

    it('has the chairman receive at least two days a month from 1 July 2026, in person or online, never delegated', () => {
      const after = year.sessions.filter((s) => s.kind === 'chairman_periodic' && s.date >= '2026-07-01');
      for (const month of ['07', '08', '09', '10', '11']) {
        expect(after.filter((s) => s.date.slice(5, 7) === month).length).toBeGreaterThanOrEqual(2);
      }
      for (const s of after)
        expect(s.presidedBy).toEqual({ officialId: SAMPLE_COMMUNE.chairman.id, position: 'chairman' });
    });

    it('links each in-person petition to one visit of a session held that day, and nothing else', () => {
      const sessionsById = new Map(year.sessions.map((s) => [s.sessionId, s]));
      const recorded = new Map<string, string>();
      for (const session of year.sessions) {
        for (const visit of session.visits) {
          if (visit.outcome.type !== 'petition_recorded') continue;
          for (const id of visit.outcome.submissionIds) recorded.set(id, session.sessionId);
        }
      }
      for (const s of year.submissions) {
        if (s.petition.channel !== 'in_person') {
          expect(s.petition.receptionSessionId).toBeUndefined();
          expect(recorded.has(s.submissionId)).toBe(false);
          continue;
        }
        const session = sessionsById.get(s.petition.receptionSessionId as string);
        expect(session?.date).toBe(s.petition.receivedOn);
        expect(recorded.get(s.submissionId)).toBe(s.petition.receptionSessionId);
      }
    });

    it('receives a mass delegation through its representatives, at the chairman’s or an ad-hoc session', () => {
      const sessionsById = new Map(year.sessions.map((s) => [s.sessionId, s]));
      const delegations = year.submissions.filter(
        (s) => s.petition.channel === 'in_person' && s.petition.petitioners.type === 'group',
      );
      expect(delegations.length).toBeGreaterThan(0);
      for (const s of delegations) {
        const session = sessionsById.get(s.petition.receptionSessionId as string);
        expect(['chairman_periodic', 'ad_hoc']).toContain(session?.kind);
        const visit = session?.visits.find(
          (v) => v.outcome.type === 'petition_recorded' && v.outcome.submissionIds.includes(s.submissionId),
        );
        expect(visit?.delegation).toEqual({
          headcount: s.petition.petitioners.headcount,
          representativesCount: s.petition.petitioners.persons?.length,
        });
        expect(visit?.peopleCount).toBe(s.petition.petitioners.headcount);
      }
    });

    it('counts a visit as first-time only for the first send of a matter', () => {
      const firstTime = new Map<string, boolean>();
      for (const session of year.sessions) {
        for (const v of session.visits) {
          if (v.outcome.type === 'petition_recorded') firstTime.set(v.outcome.submissionIds[0], v.firstTime);
        }
      }
      for (const [id, first] of firstTime) expect(first).toBe(byId.get(id)?.truth.sendNumber === 1);
    });

    it('records walk-ins that end without a petition: guided, answered or refused', () => {
      const outcomes = new Set(year.sessions.flatMap((s) => s.visits.map((v) => v.outcome.type)));
      expect([...outcomes].sort()).toEqual(['answered', 'guided', 'petition_recorded', 'refused']);
    });

    it('holds an ad-hoc session only for a mass delegation, on a day without the chairman’s reception', () => {
      const chairmanDays = new Set(
        year.sessions.filter((s) => s.kind === 'chairman_periodic').map((s) => s.date),
      );
      const adHoc = year.sessions.filter((s) => s.kind === 'ad_hoc');
      expect(adHoc.length).toBeGreaterThan(0);
      for (const session of adHoc) {
        expect(chairmanDays.has(session.date)).toBe(false);
        expect(session.visits.some((v) => v.delegation !== undefined)).toBe(true);
        expect(['chairman', 'vice_chairman']).toContain(session.presidedBy.position);
      }
    });

    it('is presided and attended by officials of the sample commune, regular reception by its reception officer', () => {
      const officials = new Set(
        [
          SAMPLE_COMMUNE.chairman,
          ...SAMPLE_COMMUNE.viceChairmen,
          ...SAMPLE_COMMUNE.receptionOfficers,
          ...SAMPLE_COMMUNE.petitionProcessors,
        ].map((o) => o.id),
      );
      const officers = new Set(SAMPLE_COMMUNE.receptionOfficers.map((o) => o.id));
      for (const session of year.sessions) {
        const ids = [session.presidedBy.officialId, ...session.receivingOfficialIds];
        expect(ids.every((id) => officials.has(id))).toBe(true);
        expect(new Set(ids).size).toBe(ids.length);
        expect(session.receivingOfficialIds.length).toBeGreaterThan(0);
        if (session.kind === 'regular') {
          expect(session.presidedBy.position).toBe('official');
          expect(officers.has(session.presidedBy.officialId)).toBe(true);
        }
      }
    });

    it('meets the chairman’s periodic reception in person, and online only from 1 July 2026 with the site linked', () => {
      for (const session of year.sessions) {
        if (session.venue.mode === 'in_person') {
          expect(session.venue.site.name).toBe(SAMPLE_COMMUNE.receptionSite.name);
          continue;
        }
        expect(session.kind).toBe('chairman_periodic');
        expect(session.date >= '2026-07-01').toBe(true);
        expect(session.venue.link).toMatch(/^https:\/\//);
        expect(session.venue.linkedSites).toEqual([SAMPLE_COMMUNE.receptionSite]);
      }
      expect(year.sessions.some((s) => s.venue.mode === 'online')).toBe(true);
    });

    it('records visits intake accepts: pseudonymous references, delegations of 5+ with their representatives', () => {
      for (const session of year.sessions) {
        expect(session.date <= TODAY).toBe(true);
        for (const visit of session.visits) {
          expect(visit.visitorRef).toMatch(/^[A-Za-z0-9][A-Za-z0-9._:/-]{0,63}$/);
          expect(visit.matterSummary.length).toBeGreaterThan(0);
          expect(visit.matterSummary.length).toBeLessThanOrEqual(1000);
          if (visit.delegation) {
            const { headcount, representativesCount } = visit.delegation;
            expect(headcount).toBeGreaterThanOrEqual(5);
            expect(visit.peopleCount).toBe(headcount);
            expect(representativesCount).toBeGreaterThanOrEqual(1);
            expect(representativesCount).toBeLessThanOrEqual(headcount <= 10 ? 2 : 5);
          } else {
            expect(visit.peopleCount).toBeGreaterThanOrEqual(1);
            expect(visit.peopleCount).toBeLessThan(5);
          }
        }
      }
    });

    it('puts each day’s sessions before its petitions in the timeline', () => {
      const records = timeline(year);
      expect(records).toHaveLength(year.sessions.length + year.submissions.length);
      let lastDate = '';
      let lastKind: 'session' | 'submission' = 'session';
      for (const r of records) {
        const date = r.record === 'session' ? r.date : r.petition.receivedOn;
        expect(date >= lastDate).toBe(true);
        if (date === lastDate && lastKind === 'submission') expect(r.record).toBe('submission');
        lastDate = date;
        lastKind = r.record;
      }
    });
  });
});

describe('determinism', () => {
  const options = { seed: 42, year: 2026, petitions: 600, today: TODAY };

  it('gives byte-identical output for the same options', () => {
    expect(JSON.stringify(generateCommuneYear(options))).toBe(JSON.stringify(generateCommuneYear(options)));
  });

  it('does not depend on the clock of the machine', () => {
    jest.useFakeTimers({ now: new Date('2031-03-05T10:00:00Z') });
    try {
      const later = JSON.stringify(generateCommuneYear(options));
      jest.setSystemTime(new Date('2026-12-01T00:00:00Z'));
      expect(JSON.stringify(generateCommuneYear(options))).toBe(later);
    } finally {
      jest.useRealTimers();
    }
  });

  it('gives the same reception sessions for the same seed and other visits for another', () => {
    const sessions = (seed: number) => JSON.stringify(generateCommuneYear({ ...options, seed }).sessions);
    expect(sessions(42)).toBe(sessions(42));
    expect(sessions(43)).not.toBe(sessions(42));
  });

  it('gives another year for another seed, with other submission ids', () => {
    const a = generateCommuneYear(options);
    const b = generateCommuneYear({ ...options, seed: 43 });
    expect(JSON.stringify(a.submissions)).not.toBe(JSON.stringify(b.submissions));
    const ids = new Set(a.submissions.map((s) => s.submissionId));
    expect(b.submissions.some((s) => ids.has(s.submissionId))).toBe(false);
  });
});

describe('options', () => {
  it('spreads one year from a start date, such as the report year from 15 December', () => {
    const year = generateCommuneYear({ seed: 1, year: 2025, petitions: 300, startDate: '2024-12-15' });
    expect(year.period).toEqual({ from: '2024-12-15', to: '2025-12-14' });
    for (const s of year.submissions) {
      expect(s.petition.receivedOn >= '2024-12-15' && s.petition.receivedOn <= '2025-12-14').toBe(true);
    }
  });

  it('uses the hamlets it is given, by name, with their spelling variants', () => {
    const hamlets = [
      'Thôn 1',
      'Thôn 2',
      'Thôn 3',
      'Thôn 4',
      'Thôn 5',
      'Thôn 6',
      'Thôn Đông Hòa',
      'Thôn Tây Sơn',
    ];
    const year = generateCommuneYear({
      seed: 5,
      year: 2025,
      petitions: 800,
      communeHamlets: [...hamlets, 'Tổ dân phố 1', 'Tổ dân phố 2'],
    });
    const codes = new Set(year.submissions.map((s) => s.petition.location?.hamletCode).filter((c) => c));
    expect(
      [...codes].every((c) => /^(thon-[1-6]|thon-dong-hoa|thon-tay-son|to-dan-pho-[12])$/.test(c as string)),
    ).toBe(true);
    const addresses = year.submissions.map((s) => s.petition.location?.address ?? '').join('\n');
    expect(addresses).toMatch(/Thôn (Một|Hai|Ba|Bốn|Năm|Sáu)|TDP [12]/);
    expect(addresses).toMatch(/Thon (\d|Dong Hoa|Tay Son)/);
  });

  it('follows an overridden mix', () => {
    const year = generateCommuneYear({
      seed: 9,
      year: 2025,
      petitions: 1000,
      mix: {
        duplicates: 0,
        repeats: 0,
        kinds: { complaint: 1, denunciation: 0, recommendation: 0, reflection: 0 },
      },
    });
    expect(year.submissions.every((s) => s.truth.relation === 'original')).toBe(true);
    expect(year.submissions.every((s) => s.petition.kind === 'complaint')).toBe(true);
  });

  it.each([
    [{ petitions: -1 }, /petitions/],
    [{ petitions: 1.5 }, /petitions/],
    [{ year: 1999 }, /year/],
    [{ startDate: '2026-02-30' }, /startDate/],
    [{ today: '2025-06-01' }, /after today/],
    [{ endDate: '2025-12-01' }, /ends .* before it starts/],
    [{ mix: { duplicate: 0.1 } }, /unknown key "duplicate"/],
    [{ mix: { duplicates: 1.5 } }, /mix.duplicates/],
    [{ mix: { duplicates: 0.6, repeats: 0.5 } }, /below 1/],
    [
      { mix: { kinds: { complaint: 0, denunciation: 0, recommendation: 0, reflection: 0 } } },
      /positive weight/,
    ],
    [{ communeHamlets: [] }, /at least one hamlet/],
  ])('refuses %j with a clear message', (override, message) => {
    const options = { seed: 1, year: 2026, petitions: 10, ...override } as Parameters<
      typeof generateCommuneYear
    >[0];
    expect(() => generateCommuneYear(options)).toThrow(SimulationOptionsError);
    expect(() => generateCommuneYear(options)).toThrow(message);
  });

  it('generates nothing for zero petitions but still the sessions of the period', () => {
    const year = generateCommuneYear({ seed: 1, year: 2025, petitions: 0 });
    expect(year.submissions).toHaveLength(0);
    expect(year.sessions.length).toBeGreaterThan(240);
  });
});

describe('matter templates', () => {
  const facts: MatterFacts = {
    commune: SAMPLE_COMMUNE,
    hamlet: SAMPLE_COMMUNE.hamlets[0],
    hamletText: 'Thôn 1',
    I: 'tôi',
    family: 'gia đình tôi',
    parcel: 12,
    mapSheet: 3,
    area: 500,
    smallArea: 20,
    landUse: 'đất vườn',
    decisionNo: '12/QĐ-UBND',
    decisionDate: '01/02/2026',
    penaltyNo: '3/QĐ-XPHC',
    caseNo: '5/2025/DS-ST',
    project: 'dự án đường liên xã',
    price: '50.000',
    fine: '5.000.000',
    amount: '10.000.000',
    bribe: '3.000.000',
    fee: '500.000',
    neighbour: { honorific: 'ông', fullName: 'Nguyễn Văn A' },
    owner: { honorific: 'bà', fullName: 'Trần Thị B' },
    official: { honorific: 'ông', fullName: 'Lê Văn C', post: 'công chức' },
    business: 'trại lợn',
    kiln: 'lò gạch',
    quarry: 'bãi cát',
    noisy: 'quán karaoke',
    employer: 'Công ty X',
    road: 'liên thôn',
    roadLength: 300,
    relative: 'mẹ tôi',
    members: 4,
    count: 3,
    scale: 200,
    month: 3,
    year: 2025,
    sinceYear: 1995,
    monthsCount: 4,
  };

  it('each carries a classification of its kind, valid sensitive tags and a valid respondent', () => {
    for (const t of MATTER_TEMPLATES) {
      expect(CLASSIFICATION_CODES[t.kind]).toContain(t.classification);
      for (const tag of t.sensitiveTags) expect(SENSITIVE_TAGS).toContain(tag);
      if (t.respondent) expect(() => respondentSchema.parse(t.respondent?.(facts))).not.toThrow();
      if (t.kind === 'complaint') expect(t.respondent).toBeDefined();
    }
  });

  it('each has at least two distinct phrasings, so a duplicate can be re-worded', () => {
    for (const t of MATTER_TEMPLATES) {
      const texts = new Set(t.summaries.map((s) => s(facts)));
      expect(texts.size).toBeGreaterThanOrEqual(2);
    }
  });

  it('offers every kind a template for anonymous senders except complaints, and a mass template for every kind', () => {
    for (const kind of ['denunciation', 'recommendation', 'reflection'] as const) {
      expect(MATTER_TEMPLATES.some((t) => t.kind === kind && t.anonymousOk)).toBe(true);
    }
    for (const kind of ['complaint', 'denunciation', 'recommendation', 'reflection'] as const) {
      expect(MATTER_TEMPLATES.some((t) => t.kind === kind && t.massWeight > 0)).toBe(true);
    }
  });
});
