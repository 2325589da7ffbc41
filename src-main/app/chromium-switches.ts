/**
 * Chromium switches the Electron app adds to itself, before `ready` (they cannot change later).
 *
 * `allow-loopback-in-peer-connection`: without it Chromium gathers no ICE candidates on loopback
 * and never produces an offer or answer when the other end is on this computer — the Local demo's
 * device gateway, on the embedded local API's port on 127.0.0.1 (verified with Chromium and werift:
 * ../shared/docs/media-plane-notes.md, "Configuration that worked"). It only lets WebRTC use
 * loopback addresses; what the page may connect to at all is still the CSP's `connect-src`.
 * A normal browser (the web host) cannot be given this switch: there the gateway advertises the
 * machine's other addresses as well.
 */
export const CHROMIUM_SWITCHES: readonly string[] = Object.freeze([
  'allow-loopback-in-peer-connection',
]);

/** Appends every switch (Electron's `app.commandLine`, or a test's stand-in). */
export function appendChromiumSwitches(commandLine: { appendSwitch(name: string): void }): void {
  for (const name of CHROMIUM_SWITCHES) commandLine.appendSwitch(name);
}
