/**
 * The audit's state, for the audit screen (every call of the active profile) and the call page's
 * recent changes (one session, or the whole account): filtered by call, person, action, outcome and
 * time, newest first; exported as CSV or JSON through main (which formats the exact records) and
 * handed to `download`. Main checks every filter and says what is wrong with a bad one.
 */
import type { PatchbayBridge } from '../api';
import type { AuditAction, AuditEntry, AuditOutcome } from '$shared/dto/audit';
import { auditCall, auditLabeller, auditPeopleIds } from '$shared/audit-words';
import { errorText } from '../errors';
import { exportFileName, isoFromLocal, nowDate } from '../matrix/audit-words';
import type { SessionUpdates } from './sessions.svelte';

export type AuditBridge = Pick<PatchbayBridge, 'audit'>;
export type AuditScope = 'session' | 'account';

export interface AuditFilterForm {
  scope: AuditScope;
  outcome: AuditOutcome | 'any';
  /** `datetime-local` values ('' = open). */
  from: string;
  to: string;
  /** A name or participant id ('' = anyone). */
  person: string;
  action: AuditAction | 'any';
  /** The audit screen's call (a session id; '' = every call). The call page has its own. */
  call: string;
}

/** A call or a person the filters can offer: what the log has shown so far. */
export interface AuditChoice {
  readonly value: string;
  readonly label: string;
}

const EMPTY_FILTER: AuditFilterForm = {
  scope: 'session',
  outcome: 'any',
  from: '',
  to: '',
  person: '',
  action: 'any',
  call: '',
};

export interface AuditOptions {
  /** The live updates of the watched sessions (the SessionsStore). */
  updates: SessionUpdates;
  /** The active profile (the account scope). */
  profileId: () => string | null;
  download: (fileName: string, mime: string, text: string) => void;
  now?: () => Date;
}

export class AuditStore {
  #entries = $state.raw<readonly AuditEntry[]>([]);
  #filter = $state.raw<AuditFilterForm>(EMPTY_FILTER);
  /** Session id → the call's label; lower-cased name → the name. Replaced whole, never mutated. */
  #calls = $state.raw<Readonly<Record<string, string>>>({});
  #people = $state.raw<Readonly<Record<string, string>>>({});
  /** The entries (by hash) whose calls and people are already among the choices. */
  readonly #remembered: Record<string, true> = Object.create(null) as Record<string, true>;
  #loading = $state(false);
  #error = $state<string | null>(null);
  #exported = $state<string | null>(null);
  #generation = 0;
  readonly #bridge: AuditBridge;
  readonly #sessionId: string | null;
  readonly #options: AuditOptions;

  /**
   * `sessionId`: the call page's session (its "This session" scope); null for the audit screen,
   * which shows every call of the active profile and filters by `call`, starting with `initial`.
   */
  constructor(
    bridge: AuditBridge,
    sessionId: string | null,
    options: AuditOptions,
    initial: Partial<AuditFilterForm> = {},
  ) {
    this.#bridge = bridge;
    this.#sessionId = sessionId;
    this.#options = options;
    this.#filter = {
      ...EMPTY_FILTER,
      ...(sessionId === null ? { scope: 'account' } : {}),
      ...initial,
    };
  }

  get entries(): readonly AuditEntry[] {
    return this.#entries;
  }
  get filter(): AuditFilterForm {
    return this.#filter;
  }
  get loading(): boolean {
    return this.#loading;
  }
  get error(): string | null {
    return this.#error;
  }
  /** The calls the log has shown so far, by label, for the call filter. */
  get calls(): readonly AuditChoice[] {
    return choices(this.#calls, 'key');
  }
  /** The people (by name) and supervisors the log has shown so far, for the person filter. */
  get people(): readonly AuditChoice[] {
    return choices(this.#people, 'label');
  }
  /** The last export's file name, for the status line. */
  get exported(): string | null {
    return this.#exported;
  }

  /** The filter as main takes it. */
  #query(): {
    sessionId?: string;
    profileId?: string;
    outcome?: AuditOutcome;
    person?: string;
    action?: AuditAction;
    from?: string;
    to?: string;
  } {
    const f = this.#filter;
    const profileId = this.#options.profileId();
    const from = isoFromLocal(f.from);
    const to = isoFromLocal(f.to);
    const sessionId = this.#sessionId !== null && f.scope === 'session' ? this.#sessionId : f.call;
    // A blank person is "anyone"; anything else goes to main as typed, which says if it is bad.
    const person = f.person.trim() === '' ? undefined : f.person;
    return {
      ...(sessionId ? { sessionId } : {}),
      ...(profileId ? { profileId } : {}),
      ...(f.outcome === 'any' ? {} : { outcome: f.outcome }),
      ...(person === undefined ? {} : { person }),
      ...(f.action === 'any' ? {} : { action: f.action }),
      ...(from ? { from } : {}),
      ...(to ? { to } : {}),
    };
  }

  /** Reloads when this console changed the session (its own audit entries were just written). */
  connect(): () => void {
    void this.load();
    return this.#options.updates.onUpdate((event) => {
      const only = this.#sessionId !== null && this.#filter.scope === 'session';
      if (only && event.session.id !== this.#sessionId) return;
      if (event.changes.some((c) => c.origin === 'console')) void this.load();
    });
  }

  async setFilter(patch: Partial<AuditFilterForm>): Promise<void> {
    this.#filter = { ...this.#filter, ...patch };
    await this.load();
  }

  async load(): Promise<void> {
    const generation = ++this.#generation;
    this.#loading = true;
    const result = await this.#bridge.audit.query({ filter: this.#query() });
    if (generation !== this.#generation) return;
    this.#loading = false;
    if (!result.ok) {
      this.#error = errorText(result.error);
      return;
    }
    this.#error = null;
    this.#entries = [...result.value].sort((a, b) => b.seq - a.seq);
    this.#remember(this.#entries);
  }

  /**
   * Adds the calls and people of these entries to the filters' choices (newest label wins). Each
   * entry is read once (by its hash): every change this console makes loads the log again, and
   * reading a long log's entries again on each was a long task right after the change.
   */
  #remember(entries: readonly AuditEntry[]): void {
    const fresh = entries.filter((e) => this.#remembered[e.hash] !== true);
    if (fresh.length === 0) return;
    // Without a prototype: an id or a name such as `__proto__` is just a key.
    const calls = Object.assign(Object.create(null) as Record<string, string>, this.#calls);
    const people = Object.assign(Object.create(null) as Record<string, string>, this.#people);
    for (const entry of fresh.reverse()) {
      this.#remembered[entry.hash] = true;
      if (!Object.hasOwn(calls, entry.sessionId) || entry.call) {
        calls[entry.sessionId] = auditCall(entry);
      }
      const names = entry.names ?? {};
      const labelOf = auditLabeller(entry);
      for (const id of auditPeopleIds(entry)) {
        if (Object.hasOwn(names, id)) people[labelOf(id).toLowerCase()] = labelOf(id);
      }
      const supervisor = entry.supervisor?.trim();
      if (supervisor) people[supervisor.toLowerCase()] = supervisor;
    }
    this.#calls = calls;
    this.#people = people;
  }

  async export(format: 'csv' | 'json'): Promise<boolean> {
    const result = await this.#bridge.audit.export({ format, filter: this.#query() });
    if (!result.ok) {
      this.#error = errorText(result.error);
      return false;
    }
    const now = this.#options.now?.() ?? nowDate();
    const scope =
      this.#sessionId === null ? (this.#filter.call ? 'call' : 'all-calls') : this.#filter.scope;
    const name = exportFileName(scope, format, now);
    this.#options.download(name, format === 'csv' ? 'text/csv' : 'application/json', result.value);
    this.#exported = name;
    return true;
  }
}

/** Choices sorted by label: the map's key as the value (a call's session id), or the label itself. */
function choices(map: Readonly<Record<string, string>>, value: 'key' | 'label'): AuditChoice[] {
  return Object.entries(map)
    .map(([key, label]) => ({ value: value === 'key' ? key : label, label }))
    .sort((a, b) => a.label.localeCompare(b.label));
}
