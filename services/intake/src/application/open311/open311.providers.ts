import type { Provider, Type } from '@nestjs/common';
import type { Pool } from 'pg';
import { CommuneDirectory } from '../../commune/commune.directory';
import { INTAKE_TIME_ZONE, PETITIONS_SERVICE } from '../petitions/petitions.http.controller';
import type { PetitionsService } from '../petitions/petitions.service';
import { OPEN311_API_KEYS, Open311ApiKeyring, type Open311ApiKey } from './open311.api-keys';
import {
  DEFAULT_CLASSIFICATION_OVERRIDES,
  Open311Catalogue,
  type ReflectionClassification,
} from './open311.catalogue';
import { Open311Controller } from './open311.http.controller';
import { Open311Requests } from './open311.requests';

export interface Open311Options {
  /** The applications allowed to POST (see parseOpen311ApiKeys for reading them from configuration). */
  apiKeys: readonly Open311ApiKey[];
  /** Pool on the intake database: the request list reads `"<schema>".petition_search`. */
  pool: Pool;
  /** Intake's schema, `intake`. */
  schema: string;
  /**
   * Reflection classification per subject-domain code, for domains whose sensitive tags do not tell
   * it (see reflectionClassificationOf). Default: DEFAULT_CLASSIFICATION_OVERRIDES.
   */
  classifications?: Readonly<Record<string, ReflectionClassification>>;
}

/**
 * The providers of the Open311 endpoints, to add to the module that provides `PETITIONS_SERVICE`
 * (a PetitionsService), `INTAKE_TIME_ZONE` (an IANA zone name) and `CommuneDirectory` (imported
 * CommuneModule), together with OPEN311_CONTROLLERS. The controller is `@Public()`: it relies on
 * nothing from AuthModule but the global guard letting it through.
 */
export function open311Providers(options: Open311Options): Provider[] {
  return [
    { provide: OPEN311_API_KEYS, useValue: options.apiKeys },
    {
      provide: Open311ApiKeyring,
      inject: [OPEN311_API_KEYS],
      useFactory: (keys: readonly Open311ApiKey[]) => new Open311ApiKeyring(keys),
    },
    {
      provide: Open311Catalogue,
      inject: [CommuneDirectory],
      useFactory: (directory: CommuneDirectory) =>
        new Open311Catalogue(directory, options.classifications ?? DEFAULT_CLASSIFICATION_OVERRIDES),
    },
    {
      provide: Open311Requests,
      inject: [PETITIONS_SERVICE, Open311Catalogue, Open311ApiKeyring, CommuneDirectory, INTAKE_TIME_ZONE],
      useFactory: (
        petitions: PetitionsService,
        catalogue: Open311Catalogue,
        keyring: Open311ApiKeyring,
        directory: CommuneDirectory,
        timeZone: string,
      ) =>
        new Open311Requests({
          petitions,
          catalogue,
          keyring,
          directory,
          pool: options.pool,
          schema: options.schema,
          timeZone,
        }),
    },
  ];
}

export const OPEN311_CONTROLLERS: Type[] = [Open311Controller];
