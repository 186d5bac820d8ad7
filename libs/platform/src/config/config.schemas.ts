import { z } from 'zod';

/**
 * zod schemas that read one environment variable (always a string) into a typed value. Each issue
 * message is a plain-words predicate: `loadConfig` prefixes the variable name and appends the value
 * it got, giving "HTTP_PORT must be an integer between 1 and 65535, got "abc"".
 */
export type EnvSchema<T> = z.ZodType<T, z.ZodTypeDef, string>;

export function integer(min: number, max: number): EnvSchema<number> {
  const message = `must be an integer between ${min} and ${max}`;
  return z
    .string()
    .regex(/^-?\d+$/, message)
    .transform(Number)
    .pipe(z.number().int(message).min(min, message).max(max, message));
}

export function oneOf<const V extends readonly [string, ...string[]]>(values: V): EnvSchema<V[number]> {
  return z.string().refine((raw): raw is V[number] => (values as readonly string[]).includes(raw), {
    message: `must be one of ${values.join(', ')}`,
  });
}

/** Accepts the spellings operators actually write in compose files and Helm values. */
export function boolean(): EnvSchema<boolean> {
  const truthy = ['true', '1', 'yes', 'on'];
  const falsy = ['false', '0', 'no', 'off'];
  return z
    .string()
    .transform((raw) => raw.toLowerCase())
    .refine((raw) => truthy.includes(raw) || falsy.includes(raw), { message: 'must be true or false' })
    .transform((raw) => truthy.includes(raw));
}

export function text(minLength = 1, what = 'must not be empty'): EnvSchema<string> {
  return z.string().min(minLength, what);
}

/** A URL whose scheme is one of `protocols` (given without the trailing colon). */
export function url(protocols: readonly string[]): EnvSchema<string> {
  const message = `must be a URL starting with ${protocols.map((p) => `${p}://`).join(' or ')}`;
  return z.string().refine((raw) => {
    try {
      return protocols.includes(new URL(raw).protocol.replace(/:$/, ''));
    } catch {
      return false;
    }
  }, message);
}

/** Comma-separated `host:port` list, as kafkajs expects its brokers. */
export function hostPortList(): EnvSchema<string[]> {
  return z
    .string()
    .transform((raw) =>
      raw
        .split(',')
        .map((entry) => entry.trim())
        .filter((entry) => entry.length > 0),
    )
    .refine((entries) => entries.length > 0 && entries.every((entry) => /^[^\s:/]+:\d{1,5}$/.test(entry)), {
      message: 'must be a comma-separated list of host:port',
    });
}

export function hostname(): EnvSchema<string> {
  return z
    .string()
    .regex(/^[^\s/:]+$|^\[[0-9a-fA-F:.]+\]$|^[0-9a-fA-F:]+$/, 'must be a host name or an IP address');
}

/** An IANA zone name the running Node.js (with its ICU data) knows. */
export function timeZone(): EnvSchema<string> {
  return z.string().refine((raw) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: raw });
      return true;
    } catch {
      return false;
    }
  }, 'must be an IANA time zone name such as Asia/Ho_Chi_Minh');
}
