import type { ProtectedData } from '../../domain/petition/petition.events';
import type {
  PersonalDataPort,
  PersonalDataToProtect,
  RevealedData,
} from '../../application/petitions/personal-data.port';
import type { PersonalDataVault } from './personal-data.vault';

/** The application's personal-data port, served by the vault. */
export class VaultPersonalDataAdapter implements PersonalDataPort {
  constructor(private readonly vault: PersonalDataVault) {}

  protect(items: readonly PersonalDataToProtect[]): Promise<ProtectedData[]> {
    return this.vault.encryptMany(items);
  }

  reveal(items: readonly ProtectedData[]): Promise<RevealedData[]> {
    return this.vault.decryptMany(items);
  }

  async erase(personId: string, by: string, reason: string): Promise<void> {
    await this.vault.erase(personId, { by, reason });
  }

  pseudonym(personId: string): string {
    return this.vault.pseudonym(personId);
  }

  matchKey(material: string): string {
    return this.vault.matchKey(material);
  }
}
