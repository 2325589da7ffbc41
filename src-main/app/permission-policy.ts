/**
 * Which permissions a web contents gets: the microphone (audio only) for our own renderer document's
 * main frame — the supervisor's voice on a call — and nothing else, ever: no camera, no screen, no
 * notifications, geolocation, clipboard, HID/USB/serial… Pure (no Electron), so every case is a unit
 * test; `web-contents-guard.ts` installs it on every session.
 */
import { isOwnDocument } from './own-document';

/** What Electron says about a permission request (`PermissionRequest` and its media form). */
export interface PermissionRequestFacts {
  requestingUrl?: string | undefined;
  isMainFrame?: boolean | undefined;
  /** `media` requests: `audio` (microphone) and/or `video` (camera). */
  mediaTypes?: readonly string[] | undefined;
}

/** What Electron says about a permission check (`PermissionCheckHandlerHandlerDetails`). */
export interface PermissionCheckFacts {
  requestingUrl?: string | undefined;
  isMainFrame?: boolean | undefined;
  /** `media` checks: `audio`, `video` or `unknown`. */
  mediaType?: string | undefined;
}

/** The renderer's origin as Chromium writes it (`app://patchbay`, `http://localhost:5173`). */
function originOf(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.host === '' ? null : `${parsed.protocol}//${parsed.host}`;
  } catch {
    return null;
  }
}

/** Our own document, in its main frame (a sub-frame never gets a permission). */
function fromOwnMainFrame(
  facts: { requestingUrl?: string | undefined; isMainFrame?: boolean | undefined },
  rendererUrl: string,
): boolean {
  return facts.isMainFrame === true && isOwnDocument(facts.requestingUrl ?? '', rendererUrl);
}

/** A permission request (the prompt): `media` for exactly the microphone, from our own document. */
export function grantsPermissionRequest(
  permission: string,
  facts: PermissionRequestFacts | undefined,
  rendererUrl: string,
): boolean {
  if (permission !== 'media' || facts === undefined) return false;
  const types = facts.mediaTypes ?? [];
  return types.length === 1 && types[0] === 'audio' && fromOwnMainFrame(facts, rendererUrl);
}

/**
 * A permission check (asked without a prompt, e.g. before listing devices): `media` for audio, from
 * our own document in our own origin.
 */
export function grantsPermissionCheck(
  permission: string,
  requestingOrigin: string,
  facts: PermissionCheckFacts | undefined,
  rendererUrl: string,
): boolean {
  if (permission !== 'media' || facts === undefined || facts.mediaType !== 'audio') return false;
  const ours = originOf(rendererUrl);
  return (
    ours !== null && originOf(requestingOrigin) === ours && fromOwnMainFrame(facts, rendererUrl)
  );
}
