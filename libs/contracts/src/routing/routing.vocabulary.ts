/**
 * The vocabulary of routing (xử lý đơn and case resolution) shared with the units' systems, monitoring
 * and reporting. Codes are stable strings: reports count them and units send them.
 */

/**
 * Outcomes of processing a petition (TT 05/2021; Mẫu 03 of TT 04/2021): thụ lý (accept for
 * resolution), chuyển đơn (forward to the competent body), hướng dẫn (return and guide the petitioner to
 * the right body), lưu đơn (file away, no processing), đôn đốc (remind a lower body that is overdue).
 */
export const PROCESSING_OUTCOMES = ['accept', 'forward', 'guide', 'file_away', 'remind'] as const;
export type ProcessingOutcome = (typeof PROCESSING_OUTCOMES)[number];

/** Legal reasons for filing a petition away (lưu đơn), DOMAIN.md "outcomes of processing". */
export const FILING_REASONS = [
  /** The same petitioner about the same matter as a petition still open. */
  'duplicate',
  /** A matter already resolved correctly, without new facts (LTCD art. 9). */
  'already_resolved',
  /** A denunciation without a name whose content has no concrete evidence (LTC art. 25). */
  'anonymous_without_evidence',
  'no_name_or_address',
  'unsigned',
  'impersonation',
  /** Missing other elements of TT 05/2021 art. 6 (language, date, content). */
  'not_eligible',
  /** A complaint filed after the 90-day limit (LKN art. 9) without a reason that stops the clock. */
  'complaint_time_limit_expired',
] as const;
export type FilingReason = (typeof FILING_REASONS)[number];

/** First or second complaint (khiếu nại lần đầu / lần hai). */
export const COMPLAINT_ROUNDS = ['first', 'second'] as const;
export type ComplaintRound = (typeof COMPLAINT_ROUNDS)[number];

/** Complexity of a case: it sets the time limit (complex complaints; one or two denunciation extensions). */
export const CASE_COMPLEXITIES = ['normal', 'complex', 'very_complex'] as const;
export type CaseComplexity = (typeof CASE_COMPLEXITIES)[number];

/** The outcome of a complaint decision or denunciation conclusion: đúng, đúng một phần, sai. */
export const CONCLUSION_RESULTS = ['right', 'partly_right', 'wrong'] as const;
export type ConclusionResult = (typeof CONCLUSION_RESULTS)[number];

/** Stages of a tracked legal deadline, each announced once by a clock tick. */
export const DEADLINE_STAGES = ['approaching', 'due', 'overdue'] as const;
export type DeadlineStage = (typeof DEADLINE_STAGES)[number];

/** What a unit reports on `units.case-updates.v1`. */
export const UNIT_UPDATE_TYPES = [
  'acknowledged',
  'verification_started',
  'progress_note',
  'extension_request',
  'conclusion',
  'enforcement_started',
  'enforcement_done',
] as const;
export type UnitUpdateType = (typeof UNIT_UPDATE_TYPES)[number];
