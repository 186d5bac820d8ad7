/**
 * Measures duplicate and repeat detection against a simulation's ground truth (tools/simulate), for the
 * evaluations of the matcher alone (matcher.simulated.spec.ts) and of the recording service
 * (test/duplicate-detection.simulated.spec.ts). Test-only; the types are structural so that this file
 * needs no import of the simulator.
 */

/** What the measure reads of a simulated submission (tools/simulate's `SimulatedSubmission`). */
export interface SubmissionWithTruth {
  readonly submissionId: string;
  readonly truth: {
    readonly matterId: string;
    readonly relation: 'original' | 'duplicate' | 'repeat';
    /** The earlier submission of the same matter, when it was sent within the period. */
    readonly relatedTo?: string;
    readonly anonymous: boolean;
  };
}

/** The links a petition got when it was recorded (the matcher's or a `PetitionReceived`'s). */
export interface FoundRelations {
  readonly duplicateOf?: { readonly petitionId: string };
  readonly repeatOf?: { readonly petitionId: string };
}

export interface Measurement {
  /** Links made (duplicateOf or repeatOf) and those to the same matter. */
  readonly links: number;
  readonly correctLinks: number;
  /** Re-sends by an identified petitioner of a matter first sent within the period, and those found. */
  readonly duplicates: { readonly expected: number; readonly found: number };
  readonly repeats: { readonly expected: number; readonly found: number };
  /** Correct links whose kind (duplicate of an open petition, repeat of a resolved one) is the truth's. */
  readonly sameRelation: number;
  /** Anonymous re-sends: no petitioner to recognise, so never linked by the rule. */
  readonly anonymousResends: number;
}

/**
 * Tallies the submissions of a feed in the order they were recorded. `record` is given the id the
 * petition was recorded under (the submission id or the service's petition id) and what it was
 * linked to; a link is correct when it points to a petition of the same matter.
 */
export class DuplicateTally {
  private readonly matterOf = new Map<string, string>();
  private links = 0;
  private correctLinks = 0;
  private sameRelation = 0;
  private anonymousResends = 0;
  private readonly duplicates = { expected: 0, found: 0 };
  private readonly repeats = { expected: 0, found: 0 };

  record(submission: SubmissionWithTruth, petitionId: string, related: FoundRelations): void {
    const { truth } = submission;
    this.matterOf.set(petitionId, truth.matterId);
    const link = related.duplicateOf ?? related.repeatOf;
    const correct = link !== undefined && this.matterOf.get(link.petitionId) === truth.matterId;
    if (link) this.links++;
    if (correct) this.correctLinks++;
    if (correct && (related.duplicateOf ? 'duplicate' : 'repeat') === truth.relation) this.sameRelation++;

    const resentInPeriod = truth.relation !== 'original' && truth.relatedTo !== undefined;
    if (resentInPeriod && truth.anonymous) this.anonymousResends++;
    if (resentInPeriod && !truth.anonymous) {
      const tally = truth.relation === 'duplicate' ? this.duplicates : this.repeats;
      tally.expected++;
      if (correct) tally.found++;
    }
  }

  measurement(): Measurement {
    return {
      links: this.links,
      correctLinks: this.correctLinks,
      duplicates: { ...this.duplicates },
      repeats: { ...this.repeats },
      sameRelation: this.sameRelation,
      anonymousResends: this.anonymousResends,
    };
  }
}

/** Links to the same matter among all links made. */
export const precision = (m: Measurement): number => m.correctLinks / m.links;

/** Re-sends by identified petitioners linked to an earlier petition of the same matter. */
export const recall = (m: Measurement): number =>
  (m.duplicates.found + m.repeats.found) / (m.duplicates.expected + m.repeats.expected);
