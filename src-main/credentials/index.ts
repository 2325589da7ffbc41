export {
  KEYCHAIN_SERVICE,
  KeychainModuleMissingError,
  KeychainUnavailableError,
  keychainError,
  type KeychainAvailability,
  type SecretStore,
} from './secret-store';
export {
  KeytarSecretStore,
  type KeytarApi,
  type KeytarSecretStoreOptions,
} from './keytar-secret-store';
export {
  checkAccountId,
  checkBaseUrl,
  checkName,
  checkPassword,
  checkUsername,
  ProfileError,
  type ProfileErrorCode,
} from './profile-validation';
export {
  ProfileService,
  type LocalCredentialsProvider,
  type NewBandwidthProfile,
  type ProfileCredentials,
  type ProfileServiceOptions,
  type VerifyCredentials,
  type VerifyCredentialsResult,
  type VerifyFailureKind,
} from './profile-service';
export {
  ActiveSecrets,
  apiSecrets,
  basicToken,
  SECRET_KIND_LABELS,
  type ActiveSecret,
  type SecretKind,
  type SecretSource,
} from './active-secrets';
export {
  fixedSecrets,
  REDACTED,
  redactSecrets,
  Scrubber,
  type Redaction,
  type ScrubberOptions,
  type ScrubMode,
} from './scrubber';
export {
  checkDirectoryToken,
  checkDirectoryUrl,
  directorySecretKey,
  verifyDirectoryFeed,
  type DirectoryCredentials,
  type LocalDirectoryProvider,
  type NewProfileDirectory,
  type VerifyDirectory,
  type VerifyDirectoryResult,
} from './profile-directory';
