import defaultRules from './default-rules.json';
import type { RuleSet } from './jurisdiction.types';
import { validateRuleSet } from './jurisdiction.validate';

/**
 * The competence rules a commune starts with (DOMAIN.md "Competence"): Xã Phượng Tiến, Thái Nguyên,
 * under the two-level local government in force since 1 July 2025. Version 1 of the rule store;
 * "(verify)" in a legal basis marks what an administrator must confirm against the current texts.
 * Checked when loaded, so a broken seed stops the service at start rather than at the first petition.
 */
export const DEFAULT_RULE_SET: RuleSet = validateRuleSet(defaultRules);
