/**
 * Call health for every watched call, not only the one on screen: after each observation the
 * health rules (`shared/routing/health.ts`) run in main, alerts stay until resolved or
 * acknowledged, and survive restarts (one owner-only file in the data folder). Joins and leaves go
 * to the activity feed; every outside change is audited as `observed`, and the supervisor's
 * decision about one as `undone` or `accepted`. Emits `alerts:changed` with what was just raised.
 */
import { z } from 'zod';
import type { AuditEntryInput } from '../audit';
import { IpcError } from '../ipc/errors';
import { PrivateJsonFile } from '../settings/private-json-file';
import type { ActivityEntry, AlertsState, OutsideChangeDecision } from '../shared/dto/alerts';
import type { SessionUpdateEvent } from '../shared/dto/session-view';
import { checkHealth, participantLabel, routingOf } from '../shared/routing';
import type { RoutingSession } from '../shared/routing';
import { AlertBook, callKey, type AlertBookData, type CallRef } from './alert-book';
import { TypedEmitter, type ConsoleEvents } from './emitter';

export interface AlertsServiceDeps {
  /** Where `sessions:update` comes from (the sessions service's events). */
  updates: Pick<TypedEmitter<Pick<ConsoleEvents, 'sessions:update'>>, 'on'>;
  audit: { append(entry: AuditEntryInput): Promise<unknown> };
  /** The active profile's id and account (a decision is refused for another profile). */
  active: { for(profileId: string): { client: { accountId: string } } };
  activeProfileId: () => string;
  file: string;
  warn: (text: string) => void;
  now?: () => Date;
  /** Where "me" is on a profile: my participant (no call directory lists it) is named by my name. */
  me?: (
    profileId: string,
  ) => { sessionId: string; participantId: string; displayName: string } | undefined;
}

const alertSchema = z.object({
  id: z.string(),
  profileId: z.string(),
  sessionId: z.string(),
  sessionLabel: z.string(),
  ruleId: z.string(),
  severity: z.enum(['critical', 'warning', 'notice']),
  kind: z.enum(['state', 'event']),
  participantId: z.string(),
  otherId: z.string().optional(),
  message: z.string(),
  raisedAt: z.iso.datetime(),
});
const activitySchema = z.object({
  id: z.string(),
  profileId: z.string(),
  sessionId: z.string(),
  sessionLabel: z.string(),
  participantId: z.string(),
  participantLabel: z.string(),
  kind: z.enum(['joined', 'left']),
  origin: z.enum(['console', 'external']),
  at: z.iso.datetime(),
});
const fileSchema = z.object({
  version: z.literal(1),
  alerts: z.array(alertSchema),
  acknowledged: z.array(z.string()),
  consoleWritten: z.record(z.string(), z.array(z.string())),
  activity: z.array(activitySchema),
});
type AlertsFile = z.infer<typeof fileSchema>;

export class AlertsService {
  readonly events = new TypedEmitter<Pick<ConsoleEvents, 'alerts:changed'>>();
  readonly #deps: AlertsServiceDeps;
  readonly #file: PrivateJsonFile<AlertsFile>;
  readonly #book: AlertBook;
  /** The last observation of each call (for rules about what was there before). */
  readonly #previous = new Map<string, RoutingSession>();
  /**
   * Each call's people as the directory last named them: a participant the directory already
   * dropped (it left, it was removed) keeps the name it had, in alerts as in the activity.
   */
  readonly #names = new Map<string, Map<string, string>>();
  #activitySeq = 0;
  /** Observations are handled one at a time, in order; `close` waits for the last. */
  #pending: Promise<void> = Promise.resolve();
  readonly #unsubscribe: () => void;

  private constructor(
    deps: AlertsServiceDeps,
    file: PrivateJsonFile<AlertsFile>,
    data?: AlertBookData,
  ) {
    this.#deps = deps;
    this.#file = file;
    this.#book = new AlertBook(data);
    this.#activitySeq = Math.max(0, ...(data?.activity ?? []).map((e) => Number(e.id) || 0));
    this.#unsubscribe = deps.updates.on('sessions:update', (event) => {
      this.#pending = this.#pending
        .then(() => this.#observe(event))
        .catch((error: unknown) => deps.warn(`Call health could not be updated: ${String(error)}`));
    });
  }

  /** Opens the alerts kept on disk (an unreadable file is kept aside, with a warning). */
  static async open(deps: AlertsServiceDeps): Promise<AlertsService> {
    const file = new PrivateJsonFile(deps.file, fileSchema, 'The open alerts');
    const { value, warning } = await file.load();
    if (warning !== undefined) deps.warn(warning);
    return new AlertsService(deps, file, value);
  }

  /** Stops observing and waits until what was observed is on disk. */
  async close(): Promise<void> {
    this.#unsubscribe();
    await this.#pending;
  }

  /** The active profile's open alerts and activity. */
  list(): AlertsState {
    return this.#book.state(this.#deps.activeProfileId());
  }

  async acknowledge(profileId: string, alertId: string): Promise<AlertsState> {
    this.#deps.active.for(profileId);
    if (this.#book.acknowledge(profileId, alertId) === undefined) {
      throw new IpcError('not-found', `There is no open alert ${alertId}; it may have resolved.`);
    }
    await this.#changed(profileId, []);
    return this.#book.state(profileId);
  }

  /**
   * The call directory says a call ended: its state alerts close even when no watcher saw the
   * session end (the floor stops watching a call that leaves the directory). Its event alerts stay
   * until acknowledged.
   */
  callEnded(profileId: string, sessionId: string): Promise<void> {
    this.#pending = this.#pending
      .then(async () => {
        this.#previous.delete(callKey({ profileId, sessionId }));
        this.#names.delete(callKey({ profileId, sessionId }));
        if (this.#book.ended({ profileId, sessionId, sessionLabel: sessionId })) {
          await this.#changed(profileId, []);
        }
      })
      .catch((error: unknown) =>
        this.#deps.warn(`Call health could not be updated: ${String(error)}`),
      );
    return this.#pending;
  }

  /** Audits the supervisor's decision about an outside change and closes its alert. */
  async decide(
    profileId: string,
    sessionId: string,
    participantId: string,
    decision: OutsideChangeDecision,
  ): Promise<AlertsState> {
    const { client } = this.#deps.active.for(profileId);
    const session = this.#previous.get(callKey({ profileId, sessionId }));
    if (session === undefined) {
      throw new IpcError('not-watched', `Session ${sessionId} is not being watched.`);
    }
    const label = participantLabel(session, participantId);
    await this.#deps.audit.append({
      profileId,
      accountId: client.accountId,
      sessionId,
      intent: {
        type: 'outside-change',
        change: 'subscriptions',
        participantId,
        participantLabel: label,
      },
      receivers: [],
      outcome: decision,
    });
    this.#book.closeOutsideChange({ profileId, sessionId }, participantId);
    await this.#changed(profileId, []);
    return this.#book.state(profileId);
  }

  async #observe(event: SessionUpdateEvent): Promise<void> {
    const { profileId, session: view, changes } = event;
    const call: CallRef = { profileId, sessionId: view.id, sessionLabel: view.label || view.id };
    const key = callKey(call);
    if (view.state === 'ended') {
      this.#previous.delete(key);
      this.#names.delete(key);
      if (this.#book.ended(call)) await this.#changed(profileId, []);
      return;
    }
    if (view.state !== 'live') return;
    const session = this.#withKnownNames(key, routingOf(view), profileId);
    const previous = this.#previous.get(key);
    this.#previous.set(key, session);
    this.#book.noteWriters(call, changes);
    const findings = checkHealth({
      session,
      ...(previous === undefined ? {} : { previous }),
      changes,
      consoleWritten: this.#book.consoleWritten(call),
    });
    const raised = this.#book.observe(call, findings, this.#now());
    this.#book.record(this.#activity(call, changes, previous ?? session, session));
    await this.#auditOutside(call, changes, previous ?? session, session);
    await this.#changed(profileId, raised);
  }

  #withKnownNames(key: string, session: RoutingSession, profileId: string): RoutingSession {
    const known = this.#names.get(key) ?? new Map<string, string>();
    this.#names.set(key, known);
    const me = this.#deps.me?.(profileId);
    if (me !== undefined && me.sessionId === session.sessionId)
      known.set(me.participantId, me.displayName);
    for (const p of session.participants) {
      if (p.displayName !== undefined) known.set(p.id, p.displayName);
    }
    const participants = session.participants.map((p) => {
      const name = p.displayName ?? known.get(p.id);
      return name === undefined ? p : { ...p, displayName: name };
    });
    return { ...session, participants };
  }

  #activity(
    call: CallRef,
    changes: SessionUpdateEvent['changes'],
    before: RoutingSession,
    after: RoutingSession,
  ): ActivityEntry[] {
    const at = this.#now().toISOString();
    return changes.flatMap((c) =>
      c.kind === 'subscriptions'
        ? []
        : [
            {
              id: String(++this.#activitySeq),
              ...call,
              participantId: c.participantId,
              participantLabel: participantLabel(
                c.kind === 'left' ? before : after,
                c.participantId,
              ),
              kind: c.kind,
              origin: c.origin,
              at,
            },
          ],
    );
  }

  async #auditOutside(
    call: CallRef,
    changes: SessionUpdateEvent['changes'],
    before: RoutingSession,
    after: RoutingSession,
  ): Promise<void> {
    const outside = changes.filter((c) => c.origin === 'external');
    if (outside.length === 0) return;
    const accountId = this.#deps.active.for(call.profileId).client.accountId;
    for (const c of outside) {
      await this.#deps.audit.append({
        profileId: call.profileId,
        accountId,
        sessionId: call.sessionId,
        intent: {
          type: 'outside-change',
          change: c.kind,
          participantId: c.participantId,
          participantLabel: participantLabel(c.kind === 'left' ? before : after, c.participantId),
        },
        receivers: [
          { receiverId: c.participantId, before: c.before ?? null, after: c.after ?? null },
        ],
        outcome: 'observed',
        ...namesOf(before, after),
      });
    }
  }

  async #changed(profileId: string, raised: AlertsState['alerts']): Promise<void> {
    const data = this.#book.data;
    await this.#file.save({ version: 1, ...data });
    this.events.emit('alerts:changed', { ...this.#book.state(profileId), raised });
  }

  #now(): Date {
    return (this.#deps.now ?? (() => new Date()))();
  }
}

/** The call directory's names of the people an outside change is about, as the audit keeps them. */
function namesOf(
  before: RoutingSession,
  after: RoutingSession,
): { names?: Record<string, string> } {
  const names: Record<string, string> = {};
  for (const p of [...before.participants, ...after.participants]) {
    if (p.displayName !== undefined) names[p.id] = p.displayName;
  }
  return Object.keys(names).length === 0 ? {} : { names };
}
