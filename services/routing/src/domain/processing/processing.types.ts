import type {
  AuthorityLevel,
  CaseComplexity,
  ComplaintRound,
  FilingReason,
  PetitionChannel,
  PetitionKind,
  PetitionerType,
  ProcessingOutcome,
  RespondentType,
  SensitiveTag,
} from '@tiep-dan/contracts';

/** What routing knows of a petition: intake's PetitionReceived without identity or free texts. */
export interface PetitionFacts {
  petitionId: string;
  kind: PetitionKind;
  channel: PetitionChannel;
  receivedOn: string;
  classification: string;
  sensitiveTags: SensitiveTag[];
  /** Elements of TT 05/2021 art. 6 the petition lacks (intake's codes: language, date, signature, name, ...). */
  missingElements: string[];
  hamletCode?: string;
  /** Intake: the commune lists the hamlet as remote (vùng sâu, vùng xa); the decision's default. */
  remoteArea?: boolean;
  petitioners: { type: PetitionerType; headcount: number; anonymous: boolean; refs: string[] };
  respondent?: {
    type: RespondentType;
    level: AuthorityLevel;
    unitCode?: string;
    isChairman: boolean;
    namesOfficial: boolean;
  };
  learnedOfDecisionOn?: string;
  duplicateOf?: { petitionId: string };
  repeatOf?: { petitionId: string };
  splitFrom?: string;
}

export interface Text {
  vi: string;
  en: string;
}

/** A body that can be competent: a commune unit (internal) or an outside body. */
export interface BodyRef {
  code: string;
  name: Text;
  level: AuthorityLevel;
  internal: boolean;
}

/** What the competence rules say for a petition's facts (jurisdiction/matchCompetence). */
export interface CompetenceProposal {
  ruleId: string;
  ruleSetVersion: number;
  outcome: 'accept' | 'forward' | 'guide';
  body: BodyRef;
  unitCode?: string;
  explanation: Text;
}

/** The rules could not place the petition (no rule, or two): a processor must choose. */
export interface CompetenceGap {
  code: string;
  message: string;
}

/** What the system proposes (`undetermined`: the rules could not place it), or what the processor decided. */
export interface ProcessingProposal {
  outcome: ProcessingOutcome | 'undetermined';
  filingReason?: FilingReason;
  body?: BodyRef;
  unitCode?: string;
  ruleId?: string;
  ruleSetVersion?: number;
  complaintRound?: ComplaintRound;
  explanation: Text;
  /** Set when the rules gave no answer: the proposal is empty and a processor must decide. */
  gap?: CompetenceGap;
}

export interface ProcessingDecision extends Omit<ProcessingProposal, 'outcome' | 'gap'> {
  outcome: ProcessingOutcome;
  complexity: CaseComplexity;
  remoteArea: boolean;
  overridden: boolean;
  overrideReason?: string;
  /** The case an acceptance opens (name-based on the petition id). */
  caseId?: string;
}
