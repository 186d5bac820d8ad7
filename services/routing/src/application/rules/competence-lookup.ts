import { DomainError } from '@tiep-dan/contracts';
import type { CompetenceFacts } from '../../domain/jurisdiction';
import type { PetitionFacts } from '../../domain/processing';
import type { CompetenceLookup } from '../processing/processing.service';
import type { RulesService } from './rules.service';

/** The facts of a petition the competence rules look at. */
export function competenceFactsOf(
  facts: PetitionFacts,
  complaintRound: 'first' | 'second' | undefined,
): CompetenceFacts {
  return {
    kind: facts.kind,
    classification: facts.classification,
    sensitiveTags: facts.sensitiveTags,
    ...(facts.respondent ? { respondent: facts.respondent } : {}),
    ...(facts.hamletCode ? { hamletCode: facts.hamletCode } : {}),
    ...(complaintRound ? { complaintRound } : {}),
  };
}

/**
 * Asks the current rule set; a petition the rules cannot place (no rule, two rules, facts the rules do
 * not know) is not an error of the petition: it becomes a gap that a processor fills.
 */
export function competenceLookup(rules: RulesService): CompetenceLookup {
  return async (facts, complaintRound) => {
    try {
      const match = await rules.match(competenceFactsOf(facts, complaintRound));
      return {
        ruleId: match.ruleId,
        ruleSetVersion: match.ruleSetVersion,
        outcome: match.outcome,
        body: match.body,
        ...(match.unitCode ? { unitCode: match.unitCode } : {}),
        explanation: match.explanation,
      };
    } catch (error) {
      if (error instanceof DomainError && error.code.startsWith('RULES.')) {
        return { code: error.code, message: error.message };
      }
      throw error;
    }
  };
}
