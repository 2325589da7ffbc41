import type { WebSocket } from 'ws';
import type { ComposedConsole } from '../compose';
import {
  CLOSE_CODES,
  signInLink,
  type ClientFrame,
  type EndReason,
  type HostFrame,
  type RefusalReason,
} from '../shared/ws-protocol';
import type { Clock } from './clock';
import { parseClientFrame } from './client-frames';
import type { Admission, Member, SessionRegistry } from './sessions';

export interface BridgeContext {
  composed: Pick<ComposedConsole, 'dispatch' | 'events'>;
  sessions: SessionRegistry;
  clock: Clock;
  /** How long a new socket has to sign in or resume. */
  signInMs: number;
  /** Every open socket of the host, to close them when it stops. */
  open: Set<WebSocket>;
}

const REFUSALS: Record<RefusalReason, string> = {
  'link-invalid': 'This sign-in link is not valid: it was already used, has expired or is wrong.',
  'not-signed-in': 'Not signed in: present a session token or a sign-in link first.',
  'too-many-sockets': 'This session already has its most connections open; close one first.',
  'sign-in-timeout': 'No sign-in came in time.',
};

const ENDINGS: Record<EndReason, string> = {
  'signed-out': 'Signed out.',
  expired: 'The sign-in reached its time limit.',
  idle: 'The sign-in lapsed: no window was connected for too long.',
};

const INVALID = 'Expected {type:"invoke", id, name, input} as JSON text.';

/**
 * One page's socket. Its first frame must sign in (a one-time link's secret) or resume (a session
 * token); until then nothing else is answered and no event is relayed. Once in, invoke frames go
 * through the shared dispatcher and contract events are relayed. A malformed frame is answered,
 * never thrown; the host never closes a signed-in socket without saying why first.
 */
export function attachBridge(socket: WebSocket, origin: string, context: BridgeContext): void {
  const { composed, sessions } = context;
  context.open.add(socket);
  let signedIn = false;
  let stopRelay: (() => void) | undefined;
  const send = (frame: HostFrame): void => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(frame));
  };
  const member: Member = {
    warn: (endsInMs) => send({ type: 'session-warning', endsInMs }),
    end: (reason, byThisSocket) => {
      signedIn = false;
      send({ type: 'session-ended', reason, byThisSocket, message: ENDINGS[reason] });
      socket.close(reason === 'expired' ? CLOSE_CODES.expired : CLOSE_CODES.signedOut, reason);
    },
  };
  const refuse = (reason: RefusalReason, ended?: EndReason): void => {
    send({ type: 'refused', reason, ...(ended ? { ended } : {}), message: REFUSALS[reason] });
    const code = reason === 'too-many-sockets' ? CLOSE_CODES.tooManySockets : CLOSE_CODES.refused;
    socket.close(reason === 'sign-in-timeout' ? CLOSE_CODES.signInTimeout : code, reason);
  };
  const cancelTimeout = context.clock.schedule(context.signInMs, () => {
    if (!signedIn && socket.readyState === socket.OPEN) refuse('sign-in-timeout');
  });

  const enter = (frame: ClientFrame): void => {
    const admission: Admission =
      frame.type === 'sign-in'
        ? sessions.signIn(frame.secret, origin, member)
        : frame.type === 'resume'
          ? sessions.resume(frame.token, origin, member)
          : { ok: false, reason: 'not-signed-in' };
    if (!admission.ok) return refuse(admission.reason, admission.ended);
    cancelTimeout();
    signedIn = true;
    const { token, terms } = admission;
    send({ type: 'signed-in', ...(token === undefined ? {} : { token }), terms });
    if (admission.warned) member.warn(terms.endsInMs);
    stopRelay = composed.events.onAny((name, payload) => send({ type: 'event', name, payload }));
  };

  socket.on('close', () => {
    cancelTimeout();
    context.open.delete(socket);
    stopRelay?.();
    sessions.leave(member);
  });

  socket.on('message', (data, isBinary) => {
    const frame = isBinary ? undefined : parseClientFrame(data.toString());
    if (!signedIn) {
      if (socket.readyState !== socket.OPEN) return;
      if (!frame) return refuse('not-signed-in');
      return enter(frame);
    }
    switch (frame?.type) {
      case 'invoke':
        void composed
          .dispatch(frame.name, frame.input, { url: origin, trusted: true })
          .then((result) => send({ type: 'result', id: frame.id, result }));
        return;
      case 'mint-link': {
        const minted = sessions.mintWindowSecret(member);
        send({
          type: 'link',
          result: minted
            ? {
                ok: true,
                value: {
                  url: signInLink(minted.origin, minted.secret),
                  expiresInMs: minted.expiresInMs,
                },
              }
            : { ok: false, error: { code: 'signed-out', message: ENDINGS['signed-out'] } },
        });
        return;
      }
      case 'sign-out':
        sessions.signOut(member);
        return;
      default:
        send({
          type: 'result',
          id: -1,
          result: { ok: false, error: { code: 'invalid-frame', message: INVALID } },
        });
    }
  });
}
