export {
  KEYCHAIN_SERVICE,
  KeychainModuleMissingError,
  KeychainUnavailableError,
  keychainError,
  redactSecrets,
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
