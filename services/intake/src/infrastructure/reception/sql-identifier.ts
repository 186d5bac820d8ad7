/**
 * Schema names are interpolated into SQL (identifiers cannot be bound parameters), so only plain
 * lower-case identifiers are accepted; they come from configuration, never from a request.
 */
export function quoteSchema(schema: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema))
    throw new Error(`invalid schema name: ${JSON.stringify(schema)}`);
  return `"${schema}"`;
}
