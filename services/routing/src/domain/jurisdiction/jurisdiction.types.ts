import type {
  AuthorityLevel,
  ComplaintRound,
  PetitionKind,
  RespondentType,
  SensitiveTag,
} from '@tiep-dan/contracts';

/**
 * What the competence rules can propose (TT 05/2021): thụ lý (accept: the commune resolves it),
 * chuyển đơn (forward it to the competent body), hướng dẫn (return it and guide the petitioner to the
 * competent body). Filing away and reminding are not competence questions: the processing decider
 * handles them before competence is asked.
 */
export type RoutingOutcome = 'accept' | 'forward' | 'guide';

export interface Bilingual {
  vi: string;
  en: string;
}

/** What routing knows of a petition that decides competence (from intake's PetitionReceived). */
export interface CompetenceFacts {
  kind: PetitionKind;
  classification: string;
  sensitiveTags: readonly SensitiveTag[];
  respondent?: {
    type: RespondentType;
    level: AuthorityLevel;
    unitCode?: string;
    /** The respondent is the commune chairman (Chủ tịch UBND xã). */
    isChairman: boolean;
    namesOfficial: boolean;
  };
  hamletCode?: string;
  /**
   * Complaints: first or second time (lần đầu / lần hai); absent for other kinds. A complaint without
   * a round is matched as a first complaint: a second one contests a first-time decision, which
   * routing knows from the case history and then states.
   */
  complaintRound?: ComplaintRound;
}

/** A body that can be competent: a commune unit (internal: works its cases in this system) or an outside body. */
export interface CompetentBody {
  code: string;
  name: Bilingual;
  level: AuthorityLevel;
  internal: boolean;
}

/**
 * When a rule applies. Every dimension is optional; a given one must hold (lists: the fact is one of
 * them; `sensitiveTags`: the petition carries at least one of them). Respondent dimensions never hold
 * for a petition without a respondent; `complaintRounds` needs `kinds: ['complaint']`.
 */
export interface RuleConditions {
  kinds?: PetitionKind[];
  /** Classification codes (CLASSIFICATION_CODES) of at least one of the kinds. */
  classifications?: string[];
  sensitiveTags?: SensitiveTag[];
  respondentTypes?: RespondentType[];
  respondentLevels?: AuthorityLevel[];
  respondentIsChairman?: boolean;
  /** Unit codes of the commune configuration (the respondent's unit). */
  respondentUnitCodes?: string[];
  hamletCodes?: string[];
  complaintRounds?: ComplaintRound[];
}

export interface RuleConclusion {
  outcome: RoutingOutcome;
  /** Code of a body of the rule set. */
  body: string;
  /** The internal body (commune unit) that handles an accepted case. */
  unitCode?: string;
  /**
   * Why, for the petitioner's file and the processor. Placeholders filled in with the facts:
   * {kind} {classification} {respondent} {round} {tags} {hamlet} {body} {unit}.
   */
  explanation: Bilingual;
}

export interface CompetenceRule {
  /** Stable: decisions store it. Lower-case letters, digits, dots and hyphens. */
  id: string;
  description: Bilingual;
  when: RuleConditions;
  then: RuleConclusion;
  /**
   * The legal citation, in Vietnamese ("Luật Khiếu nại 2011, điều 17; Thông tư 05/2021/TT-TTCP"):
   * every explanation of a decision ends with it.
   */
  legalBasis: string;
  /** For administrators: context of the basis and open questions. Not shown in explanations. */
  legalNote?: string;
  /** The basis was not confirmed against the official texts: an administrator should check it. */
  verify?: boolean;
  /** Breaks ties between equally specific rules: the higher wins. Default 0. */
  priority?: number;
}

/** One version of the competence rules. A version never changes: decisions reference it. */
export interface RuleSet {
  version: number;
  /** What the set is for, e.g. the commune and the law it follows. */
  title: Bilingual;
  bodies: CompetentBody[];
  rules: CompetenceRule[];
}

/** A rule set before it is published: the store gives it its version. */
export type RuleSetDraft = Omit<RuleSet, 'version'>;

/** What the rules say for a petition's facts; decisions store ruleId, ruleSetVersion and explanation. */
export interface CompetenceMatch {
  ruleId: string;
  ruleSetVersion: number;
  outcome: RoutingOutcome;
  body: CompetentBody;
  unitCode?: string;
  /** The rule's explanation filled in with the facts, ending with the rule, version and legal basis. */
  explanation: Bilingual;
  legalBasis: string;
}
