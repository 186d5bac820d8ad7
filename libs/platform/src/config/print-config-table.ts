import { configTableMarkdown } from './config-table.markdown';

// Prints the README's configuration table: paste it between the config-table markers.
process.stdout.write(configTableMarkdown());
