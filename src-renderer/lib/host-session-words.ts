/**
 * What the web host's session screens say: why a window is not signed in, the warning before the
 * sign-in's time limit, and the notice while the connection is away. Each says what to do. Pure.
 */
import type { SignedOutReason } from './api/host-connection';

export interface Wording {
  title: string;
  body: string;
}

/** Where a new sign-in link comes from: the host prints one when the last one has been used. */
const NEW_LINK =
  'To sign in again, open the new one-time link printed in the terminal where the web host runs (npm run start:web).';

const SIGNED_OUT: Record<SignedOutReason, Wording> = {
  'no-link': {
    title: 'Open Patchbay from its sign-in link',
    body: `This console opens only from the one-time link its web host printed. ${NEW_LINK}`,
  },
  'link-invalid': {
    title: 'This sign-in link does not work any more',
    body: `Each link works once and window links expire after a few minutes. If you already opened it, carry on in that window. ${NEW_LINK}`,
  },
  'not-signed-in': {
    title: 'This window is no longer signed in',
    body: `The web host does not know this window's sign-in (it may have restarted). Calls and their routing keep running. ${NEW_LINK}`,
  },
  'signed-out': {
    title: 'Signed out',
    body: `Every window of this sign-in is disconnected. Calls and their routing keep running. ${NEW_LINK}`,
  },
  expired: {
    title: 'This sign-in reached its time limit',
    body: `A sign-in lasts a fixed number of hours, then ends in every window. Calls and their routing keep running. ${NEW_LINK}`,
  },
  idle: {
    title: 'This sign-in lapsed',
    body: `No window was connected to the web host for too long. Calls and their routing keep running. ${NEW_LINK}`,
  },
};

/** The screen of a window that is not signed in. */
export function signedOutWording(reason: SignedOutReason, byThisWindow: boolean): Wording {
  const wording = SIGNED_OUT[reason];
  if (reason === 'signed-out' && !byThisWindow) {
    return { ...wording, title: 'Signed out from another window' };
  }
  return wording;
}

/** "14:05", in the user's own clock format. */
export function clockTime(at: number): string {
  return new Date(at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}

/** "in less than a minute", "in 1 minute", "in 30 minutes", "in 2 hours 5 minutes". */
export function fromNow(at: number, now: number): string {
  const minutes = Math.floor(Math.max(0, at - now) / 60_000);
  if (minutes < 1) return 'in less than a minute';
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  const m = `${rest} minute${rest === 1 ? '' : 's'}`;
  if (hours === 0) return `in ${m}`;
  const h = `${hours} hour${hours === 1 ? '' : 's'}`;
  return rest === 0 ? `in ${h}` : `in ${h} ${m}`;
}

/** The warning before the absolute limit: when, and what to do before then. */
export function expiryWarning(endsAt: number, now: number): string {
  return (
    `This sign-in ends at ${clockTime(endsAt)} (${fromNow(endsAt, now)}), its time limit; every ` +
    'window disconnects then, calls keep running. To carry on without a break, open the new ' +
    'sign-in link printed in the web host’s terminal in a new window before then.'
  );
}

/** While no socket is connected: it is retrying, and until when the sign-in waits for it. */
export function reconnectingNotice(lapsesAt: number): string {
  return (
    'Lost the connection to the console host; reconnecting… Changes cannot be made until it is ' +
    `back. This sign-in stays valid until ${clockTime(lapsesAt)} while no window is connected.`
  );
}

/** The session already holds its most sockets (other windows or tabs). */
export function waitingNotice(maxSockets: number | null): string {
  const most = maxSockets === null ? 'its most' : `its ${maxSockets}`;
  return (
    `This sign-in already has ${most} connections open (other Patchbay windows or tabs). ` +
    'Close one of them; this window connects as soon as one is free.'
  );
}
