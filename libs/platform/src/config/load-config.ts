import { AppConfig, CONFIG_VARIABLE_KEYS, CONFIG_VARIABLES, ConfigVariable } from './config.table';

export type Environment = Readonly<Record<string, string | undefined>>;

/** All configuration problems found at start-up, in table order, so an operator fixes them in one go. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(
      `Invalid configuration (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n` +
        problems.map((problem) => `  - ${problem}`).join('\n'),
    );
    this.name = 'ConfigError';
  }
}

/**
 * Reads and validates every variable of the table, then the cross-field rules. Throws one
 * `ConfigError` listing every problem. A variable set to the empty string counts as unset, because
 * compose files write `FOO=${FOO:-}` for "not given".
 */
export function loadConfig(env: Environment = process.env): AppConfig {
  const parsed: Record<string, unknown> = {};
  const unset = new Set<string>();
  const problems: string[] = [];

  for (const name of CONFIG_VARIABLE_KEYS) {
    const variable: ConfigVariable = CONFIG_VARIABLES[name];
    const given = env[name]?.trim();
    const raw = given === undefined || given === '' ? variable.default : given;
    if (raw === undefined) {
      unset.add(name);
      parsed[name] = undefined;
      continue;
    }
    const result = variable.schema.safeParse(raw);
    if (result.success) {
      parsed[name] = result.data;
    } else {
      const shown = variable.secret ? `(hidden, ${raw.length} characters)` : `"${raw}"`;
      problems.push(`${name} ${result.error.issues[0]?.message ?? 'is invalid'}, got ${shown}`);
    }
  }

  // Rules read only variables that parsed, so one bad value never produces a second, misleading problem.
  for (const name of CONFIG_VARIABLE_KEYS) {
    const rule = (CONFIG_VARIABLES[name] as ConfigVariable).requiredWhen;
    if (rule && unset.has(name) && rule.when(parsed)) {
      problems.push(`${name} is required when ${rule.text}`);
    }
    const allowed = (CONFIG_VARIABLES[name] as ConfigVariable).allowedWhen;
    const value = parsed[name];
    if (
      allowed &&
      value !== undefined &&
      String(value) !== CONFIG_VARIABLES[name].default &&
      !allowed.when(parsed)
    ) {
      problems.push(`${name}=${String(value)} needs ${allowed.text}`);
    }
  }

  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze(parsed) as AppConfig;
}

/** The configuration with secrets masked: safe to log at start-up. */
export function describeConfig(config: AppConfig): Record<string, unknown> {
  const shown: Record<string, unknown> = {};
  for (const name of CONFIG_VARIABLE_KEYS) {
    const secret = (CONFIG_VARIABLES[name] as ConfigVariable).secret === true;
    shown[name] = secret && config[name] !== undefined ? '[set]' : config[name];
  }
  return shown;
}
