export {
  KEYCHAIN_SERVICE,
  KeychainModuleMissingError,
  KeychainUnavailableError,
  type SecretStore,
} from './secret-store';
export { KeytarSecretStore, type KeytarApi } from './keytar-secret-store';
export { ProfileError } from './profile-validation';
export {
  ProfileService,
  type NewBandwidthProfile,
  type ProfileCredentials,
  type VerifyCredentials,
  type VerifyCredentialsResult,
} from './profile-service';
export { ActiveSecrets, apiSecrets, basicToken } from './active-secrets';
export { fixedSecrets, REDACTED, redactSecrets, Scrubber } from './scrubber';
export { directorySecretKey, type NewProfileDirectory } from './profile-directory';
