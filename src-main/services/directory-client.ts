/**
 * Builds a profile's call directory client: the Local demo's reads the embedded feed with its
 * in-process token; a Bandwidth profile's reads the URL in its settings with the token from the
 * keychain, fetched at request time (the profile service registers every token it hands out with
 * the scrubber). Undefined when the profile has no directory.
 */
import type { ProfileService } from '../credentials';
import { DirectoryClient } from '../directory';
import type { Profile } from '../settings';

export function createProfileDirectoryClient(
  profiles: ProfileService,
  profile: Profile,
  localFeedUrl: string,
): DirectoryClient | undefined {
  const url = profile.kind === 'local' ? localFeedUrl : profile.directory?.url;
  if (url === undefined) return undefined;
  const token = async (): Promise<string> => {
    const source = await profiles.getDirectory(profile.id);
    if (source === undefined)
      throw new Error(`Profile "${profile.name}" has no directory any more.`);
    return source.token;
  };
  return new DirectoryClient({ source: { url, token } });
}
