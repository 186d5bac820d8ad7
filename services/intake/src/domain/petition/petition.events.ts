import type {
  AuthorityLevel,
  EligibilityInput,
  PetitionChannel,
  PetitionKind,
  PetitionerType,
  RespondentType,
  SensitiveTag,
} from '@tiep-dan/contracts';

/**
 * Personal data as stored in events: encrypted with the person's own key (crypto-shredding). The shape
 * belongs to the personal-data vault; the domain only carries it.
 */
/** Where the matter is: the commune's hamlet (by code) and the address as written. */
export interface PetitionLocation {
  hamletCode?: string;
  address?: string;
  /**
   * The hamlet is one the commune lists as remote (vùng sâu, vùng xa, đi lại khó khăn): longer time
   * limits for complaints. Set by intake from the commune configuration whenever the hamlet is known.
   */
  remoteArea?: boolean;
}

export interface ProtectedData {
  personId: string;
  alg: string;
  keyVersion: number;
  iv: string;
  tag: string;
  ciphertext: string;
}

/** A petitioner as the events hold them: no identity in clear. */
export interface RecordedPetitioner {
  personId: string;
  /** Pseudonymous reference, the only thing other services see. */
  ref: string;
  representative: boolean;
  hamletCode?: string;
  /** Which identifiers were given (the values themselves are in `identity`). */
  hasCitizenId: boolean;
  hasPhone: boolean;
  /** fullName, citizenId, phone, email, address. */
  identity: ProtectedData;
}

export interface RecordedAttachment {
  name: string;
  contentType: string;
  size: number;
  sha256: string;
  /** Where the bytes are kept (file store key); absent when only described. */
  storageKey?: string;
}

export interface PetitionRelation {
  petitionId: string;
  score: number;
  reasons: string[];
}

/** Đơn đã được tiếp nhận: recorded once, from any channel. */
export interface PetitionReceived {
  type: 'PetitionReceived';
  data: {
    petitionId: string;
    kind: PetitionKind;
    channel: PetitionChannel;
    receivedOn: string;
    writtenOn?: string;
    recordedAt: string;
    recordedBy: string;
    petitioners: {
      type: PetitionerType;
      headcount: number;
      anonymous: boolean;
      persons: RecordedPetitioner[];
    };
    summary: string;
    fullText?: string;
    classification: string;
    sensitiveTags: SensitiveTag[];
    eligibility: EligibilityInput;
    /** Required elements the petition lacks (TT 05/2021 art. 6); empty when eligible. */
    missingElements: string[];
    location: PetitionLocation;
    respondent?: {
      type: RespondentType;
      level: AuthorityLevel;
      description: string;
      unitCode?: string;
      isChairman: boolean;
      /** The official's name, encrypted (a person too). */
      official?: ProtectedData;
    };
    learnedOfDecisionOn?: string;
    attachments: RecordedAttachment[];
    receptionSessionId?: string;
    source?: { system: string; reference: string; agency?: string };
    note?: string;
    duplicateOf?: PetitionRelation;
    repeatOf?: PetitionRelation;
    /** The petition this one was split from (a petition with several contents is split, TT 05/2021). */
    splitFrom?: string;
    /** SHA-256 of the request as submitted: a retry with the same idempotency key must carry the same. */
    requestHash: string;
  };
}

/** Sửa đổi, bổ sung trước khi xử lý. */
export interface PetitionAmended {
  type: 'PetitionAmended';
  data: {
    amendedAt: string;
    amendedBy: string;
    reason: string;
    changes: {
      summary?: string;
      fullText?: string;
      classification?: string;
      sensitiveTags?: SensitiveTag[];
      eligibility?: EligibilityInput;
      missingElements?: string[];
      location?: PetitionLocation;
      learnedOfDecisionOn?: string;
    };
  };
}

/** Tách đơn: the petition had several contents; each part goes on as a petition of its own. */
export interface PetitionSplit {
  type: 'PetitionSplit';
  data: {
    splitAt: string;
    splitBy: string;
    reason: string;
    parts: Array<{
      petitionId: string;
      kind: PetitionKind;
      classification: string;
      summary: string;
      sensitiveTags: SensitiveTag[];
    }>;
  };
}

/** Rút đơn. */
export interface PetitionWithdrawn {
  type: 'PetitionWithdrawn';
  data: { withdrawnAt: string; withdrawnBy: string; reason: string };
}

/** Routing has taken the petition up: it can no longer be amended at intake. */
export interface PetitionProcessingStarted {
  type: 'PetitionProcessingStarted';
  data: { startedAt: string; by: string };
}

/** A denouncer's identity was shown to someone: who, when and why (LTC art. 9, 56). */
export interface PetitionerIdentityRevealed {
  type: 'PetitionerIdentityRevealed';
  data: {
    revealedAt: string;
    revealedTo: { userId: string; username: string; roles: string[] };
    reason: string;
    personIds: string[];
  };
}

/** The person's key was destroyed on request: their data is unreadable everywhere from now on. */
export interface PetitionerDataErased {
  type: 'PetitionerDataErased';
  data: { erasedAt: string; erasedBy: string; reason: string; personId: string; personRef: string };
}

export type PetitionEvent =
  | PetitionReceived
  | PetitionAmended
  | PetitionWithdrawn
  | PetitionSplit
  | PetitionProcessingStarted
  | PetitionerIdentityRevealed
  | PetitionerDataErased;

export type PetitionEventType = PetitionEvent['type'];
