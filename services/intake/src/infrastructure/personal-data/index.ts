export { generateMasterKey, parseMasterKey, MASTER_KEY_BYTES } from './master-key';
export {
  ALGORITHM,
  normaliseMatchMaterial,
  type EncryptedPersonalData,
  type PersonalFields,
} from './personal-data.crypto';
export { PERSONAL_DATA_ERRORS, PersonalDataKeyError } from './personal-data.errors';
export {
  PersonalDataVault,
  type DecryptedPersonalData,
  type ErasureResult,
  type PersonalDataToSeal,
  type PersonalDataVaultOptions,
} from './personal-data.vault';
export { VaultPersonalDataAdapter } from './personal-data.adapter';
