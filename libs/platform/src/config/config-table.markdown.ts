import { CONFIG_VARIABLE_KEYS, CONFIG_VARIABLES, ConfigVariable, RUN_MODES } from './config.table';

/**
 * The configuration table as Markdown (name | default | used by | description), pasted into the
 * README between `<!-- config-table:start -->` and `<!-- config-table:end -->`; a test keeps the two equal.
 */
export function configTableMarkdown(): string {
  const rows = CONFIG_VARIABLE_KEYS.map((name) => {
    const variable: ConfigVariable = CONFIG_VARIABLES[name];
    const fallback = variable.default === undefined ? '—' : `\`${variable.default}\``;
    const services = variable.usedBy === 'all' ? 'all services' : variable.usedBy.join(', ');
    const modes = variable.modes.length === RUN_MODES.length ? '' : ` (${variable.modes.join(', ')} mode)`;
    const required = variable.requiredWhen ? `**Required when ${variable.requiredWhen.text}.** ` : '';
    return `| \`${name}\` | ${cell(fallback)} | ${services}${modes} | ${cell(required + variable.description)} |`;
  });
  return ['| Variable | Default | Used by | Description |', '|---|---|---|---|', ...rows].join('\n') + '\n';
}

function cell(value: string): string {
  return value.replace(/\|/g, '\\|');
}
