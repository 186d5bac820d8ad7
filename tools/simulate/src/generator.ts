import { createHash } from 'node:crypto';
import Holidays from 'date-holidays';
import {
  PETITION_CHANNELS,
  PETITION_KINDS,
  type PersonInput,
  type PetitionChannel,
  type PetitionKind,
  type PetitionerType,
  type PetitionSubmissionInput,
} from '@tiep-dan/contracts';
import { WorkingCalendar, addDays, isLocalDate, toDayNumber, vietnamCalendarSeed } from '@tiep-dan/platform';
import {
  MATTER_TEMPLATES,
  type MatterFacts,
  type MatterTemplate,
  type SubjectDomainCode,
} from './matter-templates';
import { formatDate, formatMoney, renderFullText, reorderClauses, type LetterWriter } from './petition-text';
import { Random, WeightedTable, type Weighted } from './random';
import { planReceptionSessions, type SimulatedReceptionSession } from './reception-sessions';
import {
  BUSINESSES,
  OFFICIAL_POSTS,
  OUTSIDE_ADDRESSES,
  SAMPLE_COMMUNE,
  citizenIdFor,
  emailFor,
  hamletFromName,
  mobilePhone,
  personName,
  projectsOf,
  spellHamlet,
  stripDiacritics,
  type Gender,
  type GeneratedPerson,
  type HamletSpelling,
  type SimulationCommune,
  type SimulationHamlet,
} from './vietnamese-data';

/**
 * A deterministic year (or any period) of a commune's petitions and reception sessions. Same options →
 * byte-identical output: nothing reads the clock or `Math.random`, and every random choice comes from
 * the seeded generator in a fixed order.
 */

/** The mix of what arrives; every figure is documented in tools/simulate/README.md. */
export interface SimulationMix {
  /** Share of each kind among new matters (normalised). */
  kinds: Record<PetitionKind, number>;
  /** Overall share of each channel (normalised); anonymous and mass petitions use the channels they can. */
  channels: Record<PetitionChannel, number>;
  /** Probability that a new matter of this kind is anonymous. */
  anonymousByKind: Record<PetitionKind, number>;
  /** Probability that a named matter of this kind comes from a mass group (đông người, 5–40 people). */
  massByKind: Record<PetitionKind, number>;
  /** Probability that a named, non-mass matter is signed by 2–4 people. */
  several: number;
  /** Share of all submissions that re-send a matter within 3–42 days (duplicates). */
  duplicates: number;
  /** Share of all submissions that come back to an older matter, 60–240 days later or from before the period. */
  repeats: number;
  /** Share of complaints filed more than 90 days after the petitioner learned of the decision. */
  lateComplaints: number;
  /** Share of new individual matters from someone who also petitions about another matter. */
  returningPetitioners: number;
  /** Mean number of walk-in visits per session that end without a recorded petition. */
  walkIns: { regular: number; chairman: number };
}

export const DEFAULT_MIX: SimulationMix = {
  kinds: { complaint: 0.3, denunciation: 0.1, recommendation: 0.25, reflection: 0.35 },
  channels: {
    in_person: 0.4,
    post: 0.2,
    online: 0.15,
    phone: 0.05,
    email: 0.03,
    forwarded: 0.1,
    supervision: 0.03,
    national_database: 0.04,
  },
  anonymousByKind: { complaint: 0, denunciation: 0.25, recommendation: 0.04, reflection: 0.05 },
  massByKind: { complaint: 0.05, denunciation: 0.03, recommendation: 0.025, reflection: 0.02 },
  several: 0.05,
  duplicates: 0.08,
  repeats: 0.04,
  lateComplaints: 0.05,
  returningPetitioners: 0.03,
  walkIns: { regular: 0.5, chairman: 1.5 },
};

export type PartialMix = { [K in keyof SimulationMix]?: Partial<SimulationMix[K]> | SimulationMix[K] };

export interface GenerateOptions {
  seed: number | string;
  /** The year simulated: the default period is 1 January to 31 December. */
  year: number;
  /** Number of submissions to generate (duplicates and repeats included). */
  petitions: number;
  /** First day of the period (YYYY-MM-DD); the period then lasts one year unless `endDate` says otherwise. */
  startDate?: string;
  /** Last day of the period, included. */
  endDate?: string;
  /** The commune's today: nothing is received, written or learned after it (the period is cut there). */
  today?: string;
  commune?: SimulationCommune;
  /** The commune's hamlets, as full definitions or just names ("Thôn 1", "Tổ dân phố 2"). */
  communeHamlets?: readonly (SimulationHamlet | string)[];
  mix?: PartialMix;
}

export type SubmissionRelation = 'original' | 'duplicate' | 'repeat';

/** What the simulation knows and intake must find out: for testing duplicate detection and reports. */
export interface SubmissionTruth {
  matterId: string;
  relation: SubmissionRelation;
  /** Submission id of the earlier submission of the same matter this one re-sends, when in the period. */
  relatedTo?: string;
  /** 1 for the first time the matter is sent, 2 for the second… (counts sends before the period too). */
  sendNumber: number;
  template: string;
  domain: SubjectDomainCode;
  /** Stable keys of the people behind it (the same person has the same key in every submission). */
  petitionerKeys: string[];
  mass: boolean;
  anonymous: boolean;
}

export interface SimulatedSubmission {
  submissionId: string;
  petition: PetitionSubmissionInput;
  truth: SubmissionTruth;
}

export interface CommuneYear {
  seed: number | string;
  period: { from: string; to: string };
  commune: string;
  mix: SimulationMix;
  submissions: SimulatedSubmission[];
  sessions: SimulatedReceptionSession[];
}

export type SimulationRecord =
  ({ record: 'session' } & SimulatedReceptionSession) | ({ record: 'submission' } & SimulatedSubmission);

export class SimulationOptionsError extends Error {
  readonly code = 'SIMULATION.INVALID_OPTIONS';
  constructor(message: string) {
    super(message);
    this.name = 'SimulationOptionsError';
  }
}

/** The most submissions one run generates: a large city ward's decade, far beyond a commune's year. */
export const MAX_PETITIONS = 1_000_000;

type Shape = PetitionerType;

/** Channels a shape can arrive by: nobody comes in person without a name; a crowd does not phone. */
const SHAPE_CHANNELS: Record<Shape, readonly PetitionChannel[]> = {
  individual: PETITION_CHANNELS,
  several: PETITION_CHANNELS,
  anonymous: ['post', 'online', 'phone', 'email', 'forwarded', 'national_database'],
  group: ['in_person', 'post', 'forwarded', 'supervision', 'national_database'],
};

/** How a mass group comes: most often as a delegation at the reception office. */
const GROUP_CHANNEL_PREFERENCE: Record<PetitionChannel, number> = {
  in_person: 0.6,
  post: 0.2,
  forwarded: 0.1,
  national_database: 0.05,
  supervision: 0.05,
  online: 0,
  phone: 0,
  email: 0,
};

/** Channels that only deliver on the office's working days (the post and agencies are read on working days). */
const WORKING_DAY_CHANNELS = new Set<PetitionChannel>([
  'in_person',
  'post',
  'forwarded',
  'supervision',
  'national_database',
]);

interface Petitioners {
  shape: Shape;
  persons: GeneratedPerson[];
  headcount: number;
}

interface Matter {
  id: string;
  template: MatterTemplate;
  facts: MatterFacts;
  petitioners: Petitioners;
  learnedOfDecisionOn?: string;
  /** Sends before the period (a repeat of an old matter). */
  priorSends: number;
  drafts: Draft[];
}

interface Draft {
  order: number;
  matter: Matter;
  relation: SubmissionRelation;
  relatedTo?: Draft;
  channel: PetitionChannel;
  receivedOn: string;
  summaryVariant: number;
  hamletSpelling: HamletSpelling;
  /** Typed without Vietnamese diacritics. */
  stripped: boolean;
  reordered: boolean;
  sendNumber: number;
  receptionSessionId?: string;
  submissionId?: string;
  summary?: string;
}

export function generateCommuneYear(options: GenerateOptions): CommuneYear {
  const petitions = options.petitions;
  if (!Number.isInteger(petitions) || petitions < 0 || petitions > MAX_PETITIONS) {
    throw new SimulationOptionsError(
      `petitions must be an integer from 0 to ${MAX_PETITIONS}, got ${petitions}`,
    );
  }
  const seedTag = seedLabel(options.seed);
  const period = resolvePeriod(options);
  const commune = resolveCommune(options);
  const mix = resolveMix(options.mix);
  const root = new Random(options.seed);
  const plan = root.fork('plan');
  const people = root.fork('people');
  const text = root.fork('text');
  const sessionsRandom = root.fork('sessions');

  const calendar = new WorkingCalendar(
    vietnamCalendarSeed(Number(period.from.slice(0, 4)), Number(period.to.slice(0, 4))),
  );
  const days = daysOf(period.from, period.to, calendar);
  const dayTables = channelDayTables(days);
  const shapeTables = channelTablesByShape(mix);
  const templates = templateTables();

  const matters: Matter[] = [];
  const drafts: Draft[] = [];
  const knownPeople: GeneratedPerson[] = [];
  const context: MatterContext = { commune, mix, people, plan, knownPeople, matters };

  const repeats = Math.round(petitions * mix.repeats);
  const duplicates = Math.round(petitions * mix.duplicates);
  const originals = Math.max(petitions > 0 ? 1 : 0, petitions - repeats - duplicates);
  const later = petitions - originals;
  const repeatCount = Math.min(repeats, later);
  const duplicateCount = later - repeatCount;

  const newDraft = (
    matter: Matter,
    relation: SubmissionRelation,
    channel: PetitionChannel,
    receivedOn: string,
  ) => {
    const draft: Draft = {
      order: drafts.length,
      matter,
      relation,
      channel,
      receivedOn,
      summaryVariant: plan.int(0, matter.template.summaries.length - 1),
      hamletSpelling: plan.weighted(HAMLET_SPELLINGS),
      stripped: (channel === 'online' || channel === 'email') && plan.chance(0.08),
      reordered: false,
      sendNumber: 1,
    };
    drafts.push(draft);
    matter.drafts.push(draft);
    return draft;
  };

  const newMatterDraft = (relation: SubmissionRelation) => {
    const kind = plan.weighted(entries(mix.kinds));
    const shape = drawShape(plan, mix, kind, templates);
    const template =
      templates[kind][shape === 'group' ? 'group' : shape === 'anonymous' ? 'anonymous' : 'named'].draw(plan);
    const channel = shapeTables[shape].draw(plan);
    const receivedOn = drawDay(dayTables, channel, plan);
    const matter = newMatter(context, template, shape, receivedOn, channel);
    if (relation === 'repeat') matter.priorSends = plan.int(1, 2);
    return newDraft(matter, relation, channel, receivedOn);
  };

  for (let i = 0; i < originals; i++) newMatterDraft('original');
  const firstDrafts = [...drafts];

  for (let i = 0; i < repeatCount; i++) {
    const original = plan.pick(firstDrafts);
    const earliest = addDays(original.receivedOn, 60);
    if (earliest > period.to) {
      // Nothing of the period is old enough yet: the citizen comes back to a matter from before it.
      newMatterDraft('repeat');
      continue;
    }
    const wanted = minDate(addDays(original.receivedOn, plan.int(60, 240)), period.to);
    resend(original, 'repeat', wanted, earliest, period.to);
  }
  for (let i = 0; i < duplicateCount; i++) {
    const original = plan.pick(firstDrafts);
    const latest = minDate(addDays(original.receivedOn, 42), period.to);
    const wanted = minDate(addDays(original.receivedOn, plan.int(3, 42)), latest);
    resend(original, 'duplicate', wanted, original.receivedOn, latest);
  }

  function resend(
    original: Draft,
    relation: SubmissionRelation,
    wanted: string,
    earliest: string,
    latest: string,
  ): void {
    const matter = original.matter;
    let channel = shapeTables[matter.petitioners.shape].draw(plan);
    let receivedOn = nearestDay(dayTables, channel, earliest, latest, wanted);
    if (receivedOn === undefined) {
      // No day in the window suits this channel: the original's own channel and day always do.
      channel = original.channel;
      receivedOn = nearestDay(dayTables, channel, earliest, latest, wanted) ?? original.receivedOn;
    }
    const draft = newDraft(matter, relation, channel, receivedOn);
    draft.relatedTo = original;
    if (relation === 'duplicate') {
      const n = matter.template.summaries.length;
      draft.summaryVariant = (original.summaryVariant + plan.int(1, n - 1)) % n;
      draft.hamletSpelling = plan.weighted(HAMLET_SPELLINGS.filter(([s]) => s !== original.hamletSpelling));
      draft.stripped = plan.chance(0.3);
      draft.reordered = plan.chance(0.4);
    }
  }

  drafts.sort((a, b) =>
    a.receivedOn < b.receivedOn ? -1 : a.receivedOn > b.receivedOn ? 1 : a.order - b.order,
  );
  const position = new Map(drafts.map((d, i) => [d, i]));
  for (const matter of matters) {
    const sends = [...matter.drafts].sort(
      (a, b) => (position.get(a) as number) - (position.get(b) as number),
    );
    sends.forEach((d, i) => (d.sendNumber = matter.priorSends + i + 1));
  }

  const sessionPlan = planReceptionSessions({
    random: sessionsRandom,
    seedTag,
    commune,
    period,
    isWorkingDay: (date) => calendar.isWorkingDay(date),
    mix,
    inPerson: drafts
      .filter((d) => d.channel === 'in_person')
      .map((d) => ({ ref: d, date: d.receivedOn, group: d.matter.petitioners.shape === 'group' })),
  });
  for (const [draft, sessionId] of sessionPlan.assignments) draft.receptionSessionId = sessionId;

  const year = Number(period.from.slice(0, 4));
  const submissions = drafts.map((draft, index) => {
    const petition = buildPetition(draft, commune, text);
    draft.summary = petition.summary;
    const digest = createHash('sha256').update(JSON.stringify(petition)).digest('hex').slice(0, 10);
    draft.submissionId = `sim-${seedTag}-${year}-${String(index + 1).padStart(6, '0')}-${digest}`;
    return { draft, petition };
  });

  const sessions = sessionPlan.complete((draft) => ({
    submissionId: draft.submissionId as string,
    summary: draft.summary as string,
    visitorRef: visitorRef(seedTag, draft.matter.petitioners),
    peopleCount: draft.matter.petitioners.headcount,
    delegation:
      draft.matter.petitioners.shape === 'group'
        ? {
            headcount: draft.matter.petitioners.headcount,
            representativesCount: draft.matter.petitioners.persons.length,
          }
        : undefined,
    firstTime: draft.sendNumber === 1,
  }));

  return {
    seed: options.seed,
    period,
    commune: commune.name,
    mix,
    sessions,
    submissions: submissions.map(({ draft, petition }) => ({
      submissionId: draft.submissionId as string,
      petition,
      truth: {
        matterId: draft.matter.id,
        relation: draft.relation,
        ...(draft.relatedTo ? { relatedTo: draft.relatedTo.submissionId } : {}),
        sendNumber: draft.sendNumber,
        template: draft.matter.template.id,
        domain: draft.matter.template.domain,
        petitionerKeys: draft.matter.petitioners.persons.map((p) => p.key),
        mass: draft.matter.petitioners.shape === 'group',
        anonymous: draft.matter.petitioners.shape === 'anonymous',
      },
    })),
  };
}

/** Sessions and submissions in the order they happen: by date, a day's sessions before its petitions. */
export function timeline(year: CommuneYear): SimulationRecord[] {
  const records: SimulationRecord[] = [];
  let s = 0;
  for (const submission of year.submissions) {
    while (s < year.sessions.length && year.sessions[s].date <= submission.petition.receivedOn) {
      records.push({ record: 'session', ...year.sessions[s++] });
    }
    records.push({ record: 'submission', ...submission });
  }
  while (s < year.sessions.length) records.push({ record: 'session', ...year.sessions[s++] });
  return records;
}

// ---------------------------------------------------------------------------------------------------
// Options

function seedLabel(seed: number | string): string {
  if (typeof seed === 'number' && !(Number.isInteger(seed) && seed >= 0 && seed <= 0xffffffff)) {
    throw new SimulationOptionsError(`a numeric seed must be an integer from 0 to 4294967295, got ${seed}`);
  }
  const label = String(seed)
    .replace(/[^A-Za-z0-9_-]+/g, '-')
    .slice(0, 40);
  if (label === '' || label === '-')
    throw new SimulationOptionsError('the seed must contain a letter or digit');
  return label;
}

function resolvePeriod(options: GenerateOptions): { from: string; to: string } {
  const { year } = options;
  if (!Number.isInteger(year) || year < 2000 || year > 2100) {
    throw new SimulationOptionsError(`year must be an integer from 2000 to 2100, got ${year}`);
  }
  for (const [name, value] of [
    ['startDate', options.startDate],
    ['endDate', options.endDate],
    ['today', options.today],
  ] as const) {
    if (value !== undefined && !isLocalDate(value)) {
      throw new SimulationOptionsError(
        `${name} must be a real date YYYY-MM-DD, got ${JSON.stringify(value)}`,
      );
    }
  }
  const from = options.startDate ?? `${year}-01-01`;
  let to = options.endDate ?? addDays(addYears(from, 1), -1);
  if (options.today !== undefined && options.today < to) to = options.today;
  if (to < from) {
    throw new SimulationOptionsError(
      options.today !== undefined && options.today < from
        ? `the period starts ${from}, after today (${options.today}): nothing can have been received yet`
        : `the period ends (${to}) before it starts (${from})`,
    );
  }
  return { from, to };
}

function addYears(date: string, years: number): string {
  const y = Number(date.slice(0, 4)) + years;
  const md = date.slice(5);
  // 29 February has no anniversary in a common year.
  return md === '02-29' && !isLocalDate(`${y}-02-29`) ? `${y}-02-28` : `${y}-${md}`;
}

function resolveCommune(options: GenerateOptions): SimulationCommune {
  const base = options.commune ?? SAMPLE_COMMUNE;
  if (options.communeHamlets === undefined) return base;
  const hamlets = options.communeHamlets.map((h) =>
    typeof h === 'string' ? hamletFromName(h) : { ...h, name: h.name.normalize('NFC') },
  );
  if (hamlets.length === 0) throw new SimulationOptionsError('communeHamlets must name at least one hamlet');
  const codes = new Set(hamlets.map((h) => h.code));
  if (codes.size !== hamlets.length)
    throw new SimulationOptionsError('communeHamlets has two hamlets with one code');
  return { ...base, hamlets };
}

function resolveMix(partial: PartialMix | undefined): SimulationMix {
  for (const key of Object.keys(partial ?? {})) {
    if (!(key in DEFAULT_MIX)) throw new SimulationOptionsError(`mix has an unknown key "${key}"`);
  }
  const mix: SimulationMix = {
    ...DEFAULT_MIX,
    ...(partial as Partial<SimulationMix>),
    kinds: { ...DEFAULT_MIX.kinds, ...partial?.kinds },
    channels: { ...DEFAULT_MIX.channels, ...partial?.channels },
    anonymousByKind: { ...DEFAULT_MIX.anonymousByKind, ...partial?.anonymousByKind },
    massByKind: { ...DEFAULT_MIX.massByKind, ...partial?.massByKind },
    walkIns: { ...DEFAULT_MIX.walkIns, ...partial?.walkIns },
  };
  const probability = (name: string, value: unknown) => {
    if (typeof value !== 'number' || !(value >= 0 && value <= 1)) {
      throw new SimulationOptionsError(
        `mix.${name} must be a number from 0 to 1, got ${JSON.stringify(value)}`,
      );
    }
  };
  const weights = (name: string, record: Record<string, number>, keys: readonly string[]) => {
    for (const key of Object.keys(record)) {
      if (!keys.includes(key)) throw new SimulationOptionsError(`mix.${name} has an unknown key "${key}"`);
      if (!(record[key] >= 0) || !Number.isFinite(record[key])) {
        throw new SimulationOptionsError(`mix.${name}.${key} must be a number >= 0`);
      }
    }
    if (!Object.values(record).some((w) => w > 0)) {
      throw new SimulationOptionsError(`mix.${name} needs at least one positive weight`);
    }
  };
  weights('kinds', mix.kinds, PETITION_KINDS);
  weights('channels', mix.channels, PETITION_CHANNELS);
  for (const kind of PETITION_KINDS) {
    probability(`anonymousByKind.${kind}`, mix.anonymousByKind[kind]);
    probability(`massByKind.${kind}`, mix.massByKind[kind]);
  }
  for (const key of ['several', 'duplicates', 'repeats', 'lateComplaints', 'returningPetitioners'] as const) {
    probability(key, mix[key]);
  }
  if (mix.duplicates + mix.repeats >= 1) {
    throw new SimulationOptionsError(
      'mix.duplicates + mix.repeats must stay below 1: some matters must be new',
    );
  }
  for (const key of ['regular', 'chairman'] as const) {
    if (!(mix.walkIns[key] >= 0 && mix.walkIns[key] <= 50)) {
      throw new SimulationOptionsError(`mix.walkIns.${key} must be a number from 0 to 50`);
    }
  }
  return mix;
}

// ---------------------------------------------------------------------------------------------------
// Days and channels

interface Day {
  date: string;
  working: boolean;
  holiday: boolean;
  season: number;
}

function daysOf(from: string, to: string, calendar: WorkingCalendar): Day[] {
  const tet = new Map<number, number>();
  const tetOf = (year: number) => {
    if (!tet.has(year)) tet.set(year, toDayNumber(tetDate(year)));
    return tet.get(year) as number;
  };
  const days: Day[] = [];
  for (let date = from; date <= to; date = addDays(date, 1)) {
    const info = calendar.describeDay(date);
    const sinceTet = toDayNumber(date) - tetOf(Number(date.slice(0, 4)));
    // Around Tết people prepare and celebrate, then bring their matters after the first lunar month opens.
    const season = sinceTet >= -7 && sinceTet <= 7 ? 0.25 : sinceTet > 7 && sinceTet <= 30 ? 1.3 : 1;
    days.push({ date, working: info.working, holiday: info.kind === 'holiday', season });
  }
  return days;
}

const TET_DATES = new Map<number, string>();

/** Mùng 1 Tết of a Gregorian year (the lunar new year always falls in January or February). */
function tetDate(year: number): string {
  let date = TET_DATES.get(year);
  if (date === undefined) {
    const holiday = new Holidays('VN').getHolidays(year).find((h) => h.rule === 'vietnamese 1-0-1');
    if (!holiday) throw new Error(`date-holidays gave no Tết date for ${year}`);
    date = holiday.date.slice(0, 10);
    TET_DATES.set(year, date);
  }
  return date;
}

type DayTables = Record<PetitionChannel, { table: WeightedTable<string>; weight: Map<string, number> }>;

function channelDayTables(days: readonly Day[]): DayTables {
  const tables = {} as DayTables;
  for (const channel of PETITION_CHANNELS) {
    const weight = new Map<string, number>();
    for (const day of days) {
      const base = day.working ? 1 : WORKING_DAY_CHANNELS.has(channel) ? 0 : day.holiday ? 0.3 : 0.4;
      weight.set(day.date, base * day.season);
    }
    let table = new WeightedTable([...weight.entries()]);
    if (table.empty) {
      // A period of only days off (a long weekend): the office still logs what arrived.
      for (const day of days) weight.set(day.date, 1);
      table = new WeightedTable([...weight.entries()]);
    }
    tables[channel] = { table, weight };
  }
  return tables;
}

function drawDay(tables: DayTables, channel: PetitionChannel, random: Random): string {
  return tables[channel].table.draw(random);
}

/** The day nearest `wanted` in [from, to] on which `channel` delivers: first forward, then back. */
function nearestDay(
  tables: DayTables,
  channel: PetitionChannel,
  from: string,
  to: string,
  wanted: string,
): string | undefined {
  const weight = tables[channel].weight;
  for (let d = wanted; d <= to; d = addDays(d, 1)) if ((weight.get(d) ?? 0) > 0) return d;
  for (let d = addDays(wanted, -1); d >= from; d = addDays(d, -1)) if ((weight.get(d) ?? 0) > 0) return d;
  return undefined;
}

function minDate(a: string, b: string): string {
  return a < b ? a : b;
}

/**
 * Channel choice per shape such that the overall mix matches `mix.channels`: anonymous and mass
 * petitions can only use some channels, so named petitions take up the difference.
 */
function channelTablesByShape(mix: SimulationMix): Record<Shape, WeightedTable<PetitionChannel>> {
  const target = normalise(mix.channels);
  const kinds = normalise(mix.kinds);
  let anonymousShare = 0;
  let groupShare = 0;
  for (const kind of PETITION_KINDS) {
    anonymousShare += kinds[kind] * mix.anonymousByKind[kind];
    groupShare += kinds[kind] * (1 - mix.anonymousByKind[kind]) * mix.massByKind[kind];
  }
  const restricted = (shape: Shape, preference: Record<PetitionChannel, number>) =>
    normalise(
      Object.fromEntries(
        PETITION_CHANNELS.map((c) => [c, SHAPE_CHANNELS[shape].includes(c) ? preference[c] : 0]),
      ) as Record<PetitionChannel, number>,
    );
  const anonymous = restricted('anonymous', target);
  const group = restricted('group', GROUP_CHANNEL_PREFERENCE);
  const namedShare = 1 - anonymousShare - groupShare;
  const named = normalise(
    Object.fromEntries(
      PETITION_CHANNELS.map((c) => [
        c,
        Math.max(
          0,
          (target[c] - anonymousShare * anonymous[c] - groupShare * group[c]) / Math.max(namedShare, 1e-9),
        ),
      ]),
    ) as Record<PetitionChannel, number>,
  );
  // A mix that leaves a shape no channel of its own (say, only in-person petitions) still needs one:
  // that shape then uses the channels it can, evenly.
  const table = (shape: Shape, weights: Record<PetitionChannel, number>) => {
    const built = new WeightedTable(entries(weights));
    return built.empty ? new WeightedTable(SHAPE_CHANNELS[shape].map((c) => [c, 1] as const)) : built;
  };
  return {
    individual: table('individual', named),
    several: table('several', named),
    anonymous: table('anonymous', anonymous),
    group: table('group', group),
  };
}

function normalise<K extends string>(record: Record<K, number>): Record<K, number> {
  const total = Object.values<number>(record).reduce((a, b) => a + b, 0);
  if (total <= 0) return record;
  return Object.fromEntries(Object.entries<number>(record).map(([k, v]) => [k, v / total])) as Record<
    K,
    number
  >;
}

function entries<K extends string>(record: Record<K, number>): Weighted<K> {
  return Object.entries<number>(record).map(([k, v]) => [k as K, v] as const);
}

// ---------------------------------------------------------------------------------------------------
// Matters and people

type TemplateTables = Record<
  PetitionKind,
  Record<'named' | 'anonymous' | 'group', WeightedTable<MatterTemplate>>
>;

function templateTables(): TemplateTables {
  const tables = {} as TemplateTables;
  for (const kind of PETITION_KINDS) {
    const ofKind = MATTER_TEMPLATES.filter((t) => t.kind === kind);
    tables[kind] = {
      named: new WeightedTable(ofKind.map((t) => [t, t.weight] as const)),
      anonymous: new WeightedTable(ofKind.filter((t) => t.anonymousOk).map((t) => [t, t.weight] as const)),
      group: new WeightedTable(ofKind.map((t) => [t, t.massWeight] as const)),
    };
  }
  return tables;
}

function drawShape(random: Random, mix: SimulationMix, kind: PetitionKind, templates: TemplateTables): Shape {
  if (!templates[kind].anonymous.empty && random.chance(mix.anonymousByKind[kind])) return 'anonymous';
  if (!templates[kind].group.empty && random.chance(mix.massByKind[kind])) return 'group';
  if (random.chance(mix.several)) return 'several';
  return 'individual';
}

interface MatterContext {
  commune: SimulationCommune;
  mix: SimulationMix;
  people: Random;
  plan: Random;
  knownPeople: GeneratedPerson[];
  matters: Matter[];
}

const HAMLET_SPELLINGS: Weighted<HamletSpelling> = [
  ['official', 75],
  ['alias', 12],
  ['plain', 8],
  ['lower', 5],
];

const RELATIVES = ['mẹ tôi', 'bố tôi', 'con trai tôi', 'con gái tôi', 'chồng tôi', 'vợ tôi', 'bà nội tôi'];
const LAND_USES = [
  'đất trồng lúa',
  'đất trồng cây hằng năm',
  'đất vườn',
  'đất rừng sản xuất',
  'đất trồng cây lâu năm',
];

function newMatter(
  context: MatterContext,
  template: MatterTemplate,
  shape: Shape,
  receivedOn: string,
  channel: PetitionChannel,
): Matter {
  const { commune, people, plan } = context;
  const homeHamlet = plan.pick(commune.hamlets);
  const petitioners = newPetitioners(context, shape, homeHamlet, receivedOn);
  // Most matters are where the petitioners live; some concern a field or a road in another hamlet.
  const hamlet = plan.chance(0.8) ? homeHamlet : plan.pick(commune.hamlets);
  const receivedDay = toDayNumber(receivedOn);
  const yearOfReceipt = Number(receivedOn.slice(0, 4));
  const event = addDays(receivedOn, -plan.int(30, 300));
  const named = (): { honorific: string; fullName: string } => {
    const gender: Gender = people.chance(0.6) ? 'male' : 'female';
    return { honorific: gender === 'male' ? 'ông' : 'bà', fullName: personName(people, gender) };
  };
  const officialPost = plan.pick([
    OFFICIAL_POSTS.land,
    OFFICIAL_POSTS.construction,
    OFFICIAL_POSTS.justice,
    OFFICIAL_POSTS.social,
    OFFICIAL_POSTS.oneStop,
  ]);
  const post =
    template.id === 'bribe-land-certificate'
      ? OFFICIAL_POSTS.land
      : template.id === 'official-refused-filing'
        ? OFFICIAL_POSTS.oneStop
        : template.id === 'police-case-handling'
          ? OFFICIAL_POSTS.police
          : officialPost;
  const group = shape === 'group' || shape === 'several';
  const otherHamlet = plan.pick(commune.hamlets);
  const road =
    otherHamlet.code === hamlet.code
      ? `trục chính ${hamlet.name}`
      : `liên thôn từ ${hamlet.name} đi ${otherHamlet.name}`;

  let learnedOfDecisionOn: string | undefined;
  let decisionDay: string;
  if (template.learnedOfDecision) {
    const late = plan.chance(context.mix.lateComplaints);
    const written = addDays(receivedOn, -writtenGapMax(channel));
    learnedOfDecisionOn = late
      ? addDays(receivedOn, -plan.int(95, 300))
      : addDays(written, -plan.int(2, Math.max(2, 85 - (receivedDay - toDayNumber(written)))));
    decisionDay = addDays(learnedOfDecisionOn, -plan.int(0, 10));
  } else {
    decisionDay = addDays(receivedOn, -plan.int(10, 120));
  }

  const facts: MatterFacts = {
    commune,
    hamlet,
    hamletText: hamlet.name,
    I: group ? 'chúng tôi' : 'tôi',
    family:
      shape === 'group'
        ? 'các hộ gia đình chúng tôi'
        : shape === 'several'
          ? 'các gia đình chúng tôi'
          : 'gia đình tôi',
    parcel: plan.int(10, 999),
    mapSheet: plan.int(1, 60),
    area: plan.int(5, 200) * 10,
    smallArea: plan.int(8, 120),
    landUse: plan.pick(LAND_USES),
    decisionNo: `${plan.int(1, 899)}/QĐ-UBND`,
    decisionDate: formatDate(decisionDay),
    penaltyNo: `${plan.int(1, 299)}/QĐ-XPHC`,
    caseNo: `${plan.int(1, 250)}/${Number(decisionDay.slice(0, 4)) - plan.int(0, 2)}/DS-ST`,
    project: plan.pick(projectsOf(commune)),
    price: formatMoney(plan.int(35, 140) * 1000),
    fine: formatMoney(plan.int(3, 40) * 500_000),
    amount: formatMoney(plan.int(10, 900) * 1_000_000),
    bribe: formatMoney(plan.int(2, 30) * 1_000_000),
    fee: formatMoney(plan.int(2, 15) * 100_000),
    neighbour: named(),
    owner: named(),
    official: { ...named(), post },
    business: plan.pick(BUSINESSES.pigFarm),
    kiln: plan.pick(BUSINESSES.brickKiln),
    quarry: plan.pick(BUSINESSES.quarry),
    noisy: plan.pick(BUSINESSES.noisy),
    employer: plan.pick(BUSINESSES.employer),
    road,
    roadLength: plan.int(3, 40) * 50,
    relative: plan.pick(RELATIVES),
    members: plan.int(2, 8),
    count: plan.int(2, 9),
    scale: plan.int(4, 40) * 50,
    month: Number(event.slice(5, 7)),
    year: Number(event.slice(0, 4)),
    sinceYear: plan.int(1980, Math.max(1981, yearOfReceipt - 3)),
    monthsCount: plan.int(2, 9),
  };

  const matter: Matter = {
    id: `m-${String(context.matters.length + 1).padStart(6, '0')}`,
    template,
    facts,
    petitioners,
    ...(learnedOfDecisionOn !== undefined ? { learnedOfDecisionOn } : {}),
    priorSends: 0,
    drafts: [],
  };
  context.matters.push(matter);
  return matter;
}

function newPetitioners(
  context: MatterContext,
  shape: Shape,
  hamlet: SimulationHamlet,
  receivedOn: string,
): Petitioners {
  const { people, knownPeople, mix } = context;
  const startYear = Number(receivedOn.slice(0, 4));
  const person = (surname?: string): GeneratedPerson => {
    const gender: Gender = people.chance(0.55) ? 'male' : 'female';
    const age = people.normalInt(52, 14, 18, 90);
    const birthYear = startYear - age;
    let fullName = personName(people, gender);
    if (surname) fullName = `${surname} ${fullName.split(' ').slice(1).join(' ')}`;
    const outside = people.chance(0.06);
    const created: GeneratedPerson = {
      key: `p-${String(knownPeople.length + 1).padStart(6, '0')}`,
      fullName,
      gender,
      birthYear,
      citizenId: citizenIdFor(people, { gender, birthYear }, context.commune.provinceCccdCode),
      phone: mobilePhone(people),
      email: emailFor(people, fullName, birthYear),
      ...(outside ? { outsideAddress: people.pick(OUTSIDE_ADDRESSES) } : { hamlet }),
      ...(people.chance(0.3) ? { houseDetail: `Nhà số ${people.int(1, 150)}` } : {}),
    };
    knownPeople.push(created);
    return created;
  };
  switch (shape) {
    case 'anonymous':
      return { shape, persons: [], headcount: 1 };
    case 'individual': {
      if (knownPeople.length > 0 && people.chance(mix.returningPetitioners)) {
        return { shape, persons: [people.pick(knownPeople)], headcount: 1 };
      }
      return { shape, persons: [person()], headcount: 1 };
    }
    case 'several': {
      const count = people.int(2, 4);
      const first = person();
      // Joint petitions are often one family: the others share the surname.
      const surname = people.chance(0.5) ? first.fullName.split(' ')[0] : undefined;
      const persons = [first];
      while (persons.length < count) persons.push(person(surname));
      return { shape, persons, headcount: count };
    }
    case 'group': {
      const headcount = people.weighted([
        [people.int(5, 10), 45],
        [people.int(11, 25), 40],
        [people.int(26, 40), 15],
      ] as const);
      // Nghị định 124/2020 art. 6: 5–10 people appoint at most 2 representatives, 11 or more at most 5.
      const representatives =
        headcount <= 10
          ? people.int(1, 2)
          : people.weighted([
              [1, 10],
              [2, 25],
              [3, 35],
              [4, 15],
              [5, 15],
            ] as const);
      const persons: GeneratedPerson[] = [];
      while (persons.length < representatives) persons.push(person());
      return { shape, persons, headcount };
    }
  }
}

/** The longest time between writing and receipt on each channel (days). */
function writtenGapMax(channel: PetitionChannel): number {
  switch (channel) {
    case 'post':
      return 10;
    case 'forwarded':
      return 45;
    case 'supervision':
      return 20;
    case 'national_database':
      return 30;
    case 'in_person':
      return 5;
    default:
      return 0;
  }
}

function writtenOnFor(random: Random, draft: Draft): string | undefined {
  const { channel, receivedOn } = draft;
  if (channel === 'phone') return undefined;
  // A few paper petitions carry no date at all (TT 05/2021 art. 6 then lacks "dated").
  if ((channel === 'post' || channel === 'in_person') && random.chance(0.04)) return undefined;
  const max = writtenGapMax(channel);
  const min = channel === 'in_person' ? 0 : channel === 'post' ? 2 : channel === 'forwarded' ? 10 : 0;
  const gap = channel === 'in_person' && random.chance(0.5) ? 0 : random.int(min, max);
  const written = addDays(receivedOn, -gap);
  const learned = draft.matter.learnedOfDecisionOn;
  return learned !== undefined && written < learned ? learned : written;
}

// ---------------------------------------------------------------------------------------------------
// The petition payload

const FORWARDING_AGENCIES = (c: SimulationCommune) => [
  [`Ban Tiếp công dân tỉnh ${c.provinceName}`, 'PC-BTCD'],
  [`Thanh tra tỉnh ${c.provinceName}`, 'PC-TTr'],
  [`Đoàn đại biểu Quốc hội tỉnh ${c.provinceName}`, 'PC-ĐĐBQH'],
  [`Văn phòng UBND tỉnh ${c.provinceName}`, 'PC-VP'],
  [`Ủy ban MTTQ Việt Nam tỉnh ${c.provinceName}`, 'PC-MTTQ'],
  [`Báo ${c.provinceName}`, 'CV-BTN'],
];
const SUPERVISING_AGENCIES = ['Thường trực HĐND xã', 'Ủy ban MTTQ Việt Nam xã', 'Ban Thanh tra nhân dân xã'];

function buildPetition(draft: Draft, commune: SimulationCommune, random: Random): PetitionSubmissionInput {
  const { matter, channel, receivedOn } = draft;
  const { template, petitioners } = matter;
  const hamletText = spellHamlet(matter.facts.hamlet, draft.hamletSpelling, random);
  const facts: MatterFacts = { ...matter.facts, hamletText };
  const writtenOn = writtenOnFor(random, draft);
  const compactDate = receivedOn.replace(/-/g, '');
  const sequence = String(draft.order + 1).padStart(6, '0');

  let summary = template.summaries[draft.summaryVariant](facts);
  if (draft.reordered) summary = reorderClauses(summary);
  if (draft.relation === 'repeat') summary += ` (gửi lần ${draft.sendNumber})`;

  const knowsHamletCode = channel === 'in_person' ? 0.9 : channel === 'online' ? 0.7 : 0.25;
  const persons: PersonInput[] = petitioners.persons.map((p) =>
    personInput(p, {
      random,
      channel,
      commune,
      hamletCodeChance: knowsHamletCode,
      representative: petitioners.shape === 'group',
      hamletSpelling: draft.hamletSpelling,
    }),
  );

  let source: PetitionSubmissionInput['source'];
  let agency: string | undefined;
  switch (channel) {
    case 'forwarded': {
      const [name, suffix] = random.pick(FORWARDING_AGENCIES(commune));
      agency = name;
      source = { system: 'forwarding', reference: `${random.int(1, 2999)}/${suffix}-${sequence}`, agency };
      break;
    }
    case 'supervision':
      agency = random.pick(SUPERVISING_AGENCIES);
      source = { system: 'supervision', reference: `${random.int(1, 99)}/BC-GS-${sequence}`, agency };
      break;
    case 'national_database':
      source = { system: 'csdl-quoc-gia-tcd', reference: `VV-${compactDate}-${sequence}` };
      break;
    case 'online':
      source = { system: 'cong-dich-vu-cong', reference: `PAKN-${compactDate}-${sequence}` };
      break;
    case 'phone':
      source = { system: 'duong-day-nong', reference: `CG-${compactDate}-${sequence}` };
      break;
    default:
      break;
  }

  const anonymous = petitioners.shape === 'anonymous';
  const signed = anonymous
    ? false
    : channel === 'phone'
      ? false
      : channel === 'online'
        ? random.chance(0.7)
        : channel === 'email'
          ? random.chance(0.3)
          : random.chance(0.96);
  const eligibility: PetitionSubmissionInput['eligibility'] = {
    vietnameseOrTranslated: !random.chance(0.003),
    dated: writtenOn !== undefined,
    signedOrFingerprinted: signed,
    ...(template.kind === 'complaint' ? { statesRespondentContentReasonsRequest: random.chance(0.9) } : {}),
    ...(template.kind === 'denunciation' ? { namesAccusedAndViolation: random.chance(0.88) } : {}),
    ...(template.kind === 'denunciation' && anonymous ? { concreteEvidence: random.chance(0.4) } : {}),
  };
  const respondent = template.respondent?.(facts);

  const writers: LetterWriter[] = petitioners.persons.map((p, i) => ({
    fullName: p.fullName,
    birthYear: p.birthYear,
    ...(persons[i].address !== undefined ? { address: persons[i].address } : {}),
    ...(persons[i].citizenId !== undefined ? { citizenId: persons[i].citizenId } : {}),
    ...(persons[i].phone !== undefined ? { phone: persons[i].phone } : {}),
  }));
  let fullText = renderFullText({
    kind: template.kind,
    channel,
    commune,
    facts,
    summary,
    content: template.content(facts),
    request: template.request(facts),
    ...(writtenOn !== undefined ? { writtenOn } : {}),
    receivedOn,
    signed,
    shape: petitioners.shape,
    writers,
    headcount: petitioners.headcount,
    toProvince: respondent?.isChairman === true && template.kind === 'denunciation',
    ...(agency !== undefined ? { agency } : {}),
    callMinute: random.int(7 * 60, 17 * 60 + 30),
  });
  if (draft.stripped) {
    summary = stripDiacritics(summary);
    fullText = stripDiacritics(fullText);
  }

  const notes: string[] = [];
  if (petitioners.shape === 'group') {
    notes.push(`Đoàn đông người: ${petitioners.headcount} người, cử ${persons.length} người đại diện.`);
  }
  if (draft.relation === 'repeat') {
    notes.push(
      draft.relatedTo
        ? `Công dân gửi đơn lần ${draft.sendNumber}; lần trước ngày ${formatDate(draft.relatedTo.receivedOn)}.`
        : `Công dân cho biết đã gửi đơn về nội dung này trước đây (lần ${draft.sendNumber}).`,
    );
  }

  const petition: PetitionSubmissionInput = {
    kind: template.kind,
    channel,
    receivedOn,
    ...(writtenOn !== undefined ? { writtenOn } : {}),
    petitioners: {
      type: petitioners.shape,
      headcount: petitioners.headcount,
      persons,
    },
    summary: summary.normalize('NFC'),
    fullText: fullText.normalize('NFC'),
    classification: template.classification,
    sensitiveTags: [...template.sensitiveTags],
    eligibility,
    location: {
      ...(random.chance(channel === 'in_person' ? 0.9 : 0.5) ? { hamletCode: matter.facts.hamlet.code } : {}),
      address: `${hamletText}, xã ${commune.name}`.normalize('NFC'),
    },
    ...(respondent !== undefined ? { respondent } : {}),
    ...(matter.learnedOfDecisionOn !== undefined ? { learnedOfDecisionOn: matter.learnedOfDecisionOn } : {}),
    ...(draft.receptionSessionId !== undefined ? { receptionSessionId: draft.receptionSessionId } : {}),
    ...(source !== undefined ? { source } : {}),
    ...(notes.length > 0 ? { note: notes.join(' ') } : {}),
  };
  return petition;
}

interface PersonRendering {
  random: Random;
  channel: PetitionChannel;
  commune: SimulationCommune;
  hamletCodeChance: number;
  representative: boolean;
  hamletSpelling: HamletSpelling;
}

/** What of a person this submission carries: depends on the channel (a phone call gives no CCCD number). */
function personInput(person: GeneratedPerson, r: PersonRendering): PersonInput {
  const { random, channel, commune } = r;
  const citizenIdChance: Record<PetitionChannel, number> = {
    in_person: 0.9,
    online: 0.95,
    national_database: 0.8,
    post: 0.6,
    forwarded: 0.5,
    email: 0.4,
    supervision: 0.3,
    phone: 0.2,
  };
  const phoneChance = channel === 'phone' ? 1 : channel === 'in_person' || channel === 'online' ? 0.85 : 0.55;
  const emailChance = channel === 'email' ? 1 : channel === 'online' ? 0.4 : 0.03;
  let address: string;
  if (person.hamlet) {
    const hamletText = spellHamlet(person.hamlet, r.hamletSpelling, random);
    const street = person.houseDetail ? `${person.houseDetail}, ` : '';
    address = random.weighted([
      [`${street}${hamletText}, xã ${commune.name}, tỉnh ${commune.provinceName}`, 60],
      [`${street}${hamletText}, ${commune.name}`, 25],
      [`${hamletText} - xã ${commune.name} - ${commune.provinceName}`, 15],
    ] as const);
  } else {
    address = person.outsideAddress ?? `xã ${commune.name}, tỉnh ${commune.provinceName}`;
  }
  return {
    fullName: person.fullName,
    ...(random.chance(citizenIdChance[channel]) ? { citizenId: person.citizenId } : {}),
    ...(random.chance(phoneChance) ? { phone: person.phone } : {}),
    ...(random.chance(emailChance) ? { email: person.email } : {}),
    ...(person.hamlet && random.chance(r.hamletCodeChance) ? { hamletCode: person.hamlet.code } : {}),
    address: address.normalize('NFC'),
    ...(r.representative ? { representative: true } : {}),
  };
}

/** A pseudonymous visitor reference (never a name): the same people give the same reference. */
function visitorRef(seedTag: string, petitioners: Petitioners): string {
  const key = petitioners.persons.map((p) => p.key).join('+');
  return `v-${createHash('sha256').update(`${seedTag}:${key}`).digest('hex').slice(0, 16)}`;
}
