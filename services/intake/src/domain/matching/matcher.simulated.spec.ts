import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCommuneConfig } from '../../commune/commune-config.schema';
import { CommuneIndex } from '../../commune/commune-index';
// The simulator is the only source of ground truth for duplicates (which submission re-sends which
// matter); a test-only import, the production code of intake never depends on it.
import { generateCommuneYear, type SimulatedSubmission } from '../../../../../tools/simulate/src';
import {
  findRelatedPetitions,
  hamletOfAddress,
  petitionerKeyMaterial,
  type MatchablePetition,
  type MatchOptions,
  type MatchStatus,
} from '.';
import { DuplicateTally, precision, recall, type Measurement } from './duplicate-detection.test-measure';

/**
 * Duplicate and repeat detection (issue 3, item 5) measured against the simulator's ground truth: a
 * simulated year of the sample commune, fed in the order intake receives it through the pure part of
 * PetitionsService.related — key material of each petitioner, the earlier petitions sharing a key (most
 * recent first, at most 200), the summary as subject, the classification, the hamlet a petitioner's
 * address names when none was given, and the commune's hamlet aliases (application/petitions/
 * petition-matching.ts wires the same for the service; test/duplicate-detection.simulated.spec.ts
 * measures the service itself on PostgreSQL).
 *
 * Intake keys petitioners with a keyed hash of the material; the material itself stands in for it here
 * (one-to-one). Nothing is resolved during a feed, so the statuses follow a simple model: a petition is
 * finally resolved 45 days after it arrives (the longest time limit for settling a complex first
 * complaint, Luật Khiếu nại art. 28), so a re-sent matter is a duplicate while the first petition is
 * within that time and a repeat after it.
 */

const SAMPLE_COMMUNE = join(__dirname, '../../commune/seed/sample-commune.json');
const RESOLVED_AFTER_DAYS = 45;
/** petitions.service.ts: `ORDER BY received_on DESC LIMIT 200`. */
const CANDIDATE_LIMIT = 200;

interface Fed {
  readonly submission: SimulatedSubmission;
  readonly petition: MatchablePetition;
}

const commune = new CommuneIndex(parseCommuneConfig(JSON.parse(readFileSync(SAMPLE_COMMUNE, 'utf8'))));
const resolveHamlet = (name: string) => commune.hamlet(name)?.code;
const matchOptions: MatchOptions = {
  placeAliases: Object.fromEntries(commune.config.hamlets.map((h) => [h.name, h.aliases])),
};

function dayNumber(date: string): number {
  return Date.parse(`${date}T00:00:00Z`) / 86_400_000;
}

/** What PetitionsService records and hands to the matcher for one submission. */
function matchable(submission: SimulatedSubmission): MatchablePetition {
  const p = submission.petition;
  const keys = new Set<string>();
  for (const person of p.petitioners.persons ?? []) {
    const hamletCode =
      (person.hamletCode !== undefined ? resolveHamlet(person.hamletCode) : undefined) ??
      (person.address !== undefined
        ? hamletOfAddress(person.address, resolveHamlet, commune.config.commune.name)
        : undefined);
    for (const material of petitionerKeyMaterial({
      fullName: person.fullName,
      ...(person.citizenId !== undefined ? { citizenId: person.citizenId } : {}),
      ...(person.phone !== undefined ? { phone: person.phone } : {}),
      ...(hamletCode !== undefined ? { hamletKey: hamletCode } : {}),
    })) {
      keys.add(material);
    }
  }
  const hamletCode = p.location?.hamletCode;
  const hamletKey = hamletCode !== undefined ? resolveHamlet(hamletCode) : undefined;
  return {
    petitionId: submission.submissionId,
    kind: p.kind,
    petitionerKeys: [...keys],
    ...(hamletKey !== undefined ? { hamletKey } : {}),
    subjectText: p.summary.normalize('NFC'),
    classification: p.classification,
    receivedOn: p.receivedOn,
    status: 'open',
  };
}

function measure(submissions: readonly SimulatedSubmission[]): Measurement {
  const fed: Fed[] = [];
  const tally = new DuplicateTally();
  for (const submission of submissions) {
    const candidate = matchable(submission);
    const keys = new Set(candidate.petitionerKeys);
    const existing =
      keys.size === 0
        ? []
        : fed
            .filter((f) => f.petition.petitionerKeys.some((k) => keys.has(k)))
            .slice(-CANDIDATE_LIMIT)
            .map(({ petition }): MatchablePetition => {
              const age = dayNumber(candidate.receivedOn) - dayNumber(petition.receivedOn);
              const status: MatchStatus = age >= RESOLVED_AFTER_DAYS ? 'resolved' : 'open';
              return { ...petition, status };
            });
    const related =
      keys.size === 0 ? { similar: [] } : findRelatedPetitions(candidate, existing, matchOptions);
    tally.record(submission, candidate.petitionId, related);
    fed.push({ submission, petition: candidate });
  }
  return tally.measurement();
}

describe.each([
  { seed: 42, year: 2025 },
  { seed: 1234, year: 2026 },
])('duplicate detection on a simulated year of 3,000 petitions (seed $seed, $year)', ({ seed, year }) => {
  let measured: Measurement;
  beforeAll(() => {
    measured = measure(generateCommuneYear({ seed, year, petitions: 3000 }).submissions);
  });

  it('has duplicates and repeats to find', () => {
    expect(measured.duplicates.expected).toBeGreaterThan(200);
    expect(measured.repeats.expected).toBeGreaterThan(50);
  });

  it('links at least 85% of the matters an identified petitioner sends again to an earlier petition of the same matter', () => {
    expect(recall(measured)).toBeGreaterThanOrEqual(0.85);
  });

  it('finds at least 80% of the duplicates and of the repeats taken apart', () => {
    expect(measured.duplicates.found / measured.duplicates.expected).toBeGreaterThanOrEqual(0.8);
    expect(measured.repeats.found / measured.repeats.expected).toBeGreaterThanOrEqual(0.8);
  });

  it('links a petition to another matter in fewer than 3% of its links', () => {
    expect(precision(measured)).toBeGreaterThanOrEqual(0.97);
  });

  it('calls a link a duplicate while the first petition is open and a repeat once it is resolved', () => {
    expect(measured.sameRelation / measured.correctLinks).toBeGreaterThanOrEqual(0.97);
  });
});
