/**
 * The highest-severity alerts, as they are raised, become OS notifications in the Electron shell
 * (the web host shows them in the page instead). Only what was just raised is notified, once: an
 * alert kept open across polls or restarts does not notify again.
 */
import type { ConsoleEvents, TypedEmitter } from '../services/emitter';
import type { HealthSeverity } from '../shared/dto/alerts';

/** Severities that notify. */
const NOTIFYING: ReadonlySet<HealthSeverity> = new Set(['critical']);

export interface AlertNotice {
  /** The call's label. */
  title: string;
  /** The alert in one sentence. */
  body: string;
  sessionId: string;
}

export function notifyAlerts(
  events: Pick<TypedEmitter<ConsoleEvents>, 'on'>,
  notify: (notice: AlertNotice) => void,
): () => void {
  return events.on('alerts:changed', ({ raised }) => {
    for (const alert of raised) {
      if (!NOTIFYING.has(alert.severity)) continue;
      notify({ title: alert.sessionLabel, body: alert.message, sessionId: alert.sessionId });
    }
  });
}
