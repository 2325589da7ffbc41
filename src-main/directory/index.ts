/** The call directory client (main process): the backend's feed of live calls, names and roles. */
export { DirectoryFeedError, parseDirectoryFeed, parseDirectoryFeedText } from './feed';
export { diffDirectory, emptyChanges, hasChanges } from './diff';
export {
  DirectoryRequestError,
  fetchFeed,
  type DirectoryFailureKind,
  type FeedAnswer,
} from './http';
export {
  DirectoryClient,
  retryDelay,
  type DirectoryClientOptions,
  type DirectoryListener,
  type DirectorySource,
} from './client';
