/**
 * Where "me" is, per profile, in main-process memory: the view the renderer may see and the
 * device token it may see only for its own audio connection. The token is registered with the
 * scrubber (`ActiveSecrets`, kind `me-device-token`, owner `me:<profileId>`) for as long as it is
 * held, so no other result, event, log line or audit entry can carry it; it leaves main only
 * through `me:audio` (`releaseDeviceToken` in ./gateway.ts) and main's audio endpoint.
 */
import type { ActiveSecrets } from '../credentials';
import type { MeView } from '../shared/dto/me';

interface Held {
  view: MeView;
  token: string;
}

export class MeRoster {
  readonly #byProfile = new Map<string, Held>();
  readonly #secrets: Pick<ActiveSecrets, 'register' | 'forget'>;

  constructor(secrets: Pick<ActiveSecrets, 'register' | 'forget'>) {
    this.#secrets = secrets;
  }

  get(profileId: string): MeView | undefined {
    const held = this.#byProfile.get(profileId);
    return held ? { ...held.view } : undefined;
  }

  /** Holds my participant's token (registered with the scrubber first) and where it is. */
  hold(view: MeView, token: string): void {
    this.#secrets.register(ownerOf(view.profileId), [{ kind: 'me-device-token', value: token }]);
    this.#byProfile.set(view.profileId, { view: { ...view }, token });
  }

  update(profileId: string, patch: Partial<Pick<MeView, 'mode'>>): MeView | undefined {
    const held = this.#byProfile.get(profileId);
    if (!held) return undefined;
    held.view = { ...held.view, ...patch };
    return { ...held.view };
  }

  /** Forgets my participant (left or gone) and its token. */
  drop(profileId: string): void {
    this.#byProfile.delete(profileId);
    this.#secrets.forget(ownerOf(profileId));
  }

  /** Whether `token` is the device token of a "me" held now (any profile). */
  holds(token: string): boolean {
    return [...this.#byProfile.values()].some((held) => held.token === token);
  }

  /** For main's audio endpoint only (the phone transfer's BXML, the console's own audio). */
  deviceToken(profileId: string): string | undefined {
    return this.#byProfile.get(profileId)?.token;
  }
}

function ownerOf(profileId: string): string {
  return `me:${profileId}`;
}
