/** The call directory client (main process): the backend's feed of live calls, names and roles. */
export { DirectoryFeedError, parseDirectoryFeed, parseDirectoryFeedText } from './feed';
export { diffDirectory, hasChanges } from './diff';
export { DirectoryClient, retryDelay } from './client';
