/**
 * The audit view's state: this console's routing changes for one session or the whole account
 * (the active profile), filtered by outcome and time, newest first; exported as CSV or JSON
 * through main (which formats the exact records) and handed to `download`.
 */
import type { PatchbayBridge } from '../api';
import type { AuditEntry, AuditOutcome } from '$shared/dto/audit';
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
}

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
  #filter = $state.raw<AuditFilterForm>({ scope: 'session', outcome: 'any', from: '', to: '' });
  #loading = $state(false);
  #error = $state<string | null>(null);
  #exported = $state<string | null>(null);
  #generation = 0;
  readonly #bridge: AuditBridge;
  readonly #sessionId: string;
  readonly #options: AuditOptions;

  constructor(bridge: AuditBridge, sessionId: string, options: AuditOptions) {
    this.#bridge = bridge;
    this.#sessionId = sessionId;
    this.#options = options;
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
  /** The last export's file name, for the status line. */
  get exported(): string | null {
    return this.#exported;
  }

  /** The filter as main takes it. */
  #query(): {
    sessionId?: string;
    profileId?: string;
    outcome?: AuditOutcome;
    from?: string;
    to?: string;
  } {
    const f = this.#filter;
    const profileId = this.#options.profileId();
    const from = isoFromLocal(f.from);
    const to = isoFromLocal(f.to);
    return {
      ...(f.scope === 'session' ? { sessionId: this.#sessionId } : {}),
      ...(profileId ? { profileId } : {}),
      ...(f.outcome === 'any' ? {} : { outcome: f.outcome }),
      ...(from ? { from } : {}),
      ...(to ? { to } : {}),
    };
  }

  /** Reloads when this console changed the session (its own audit entries were just written). */
  connect(): () => void {
    void this.load();
    return this.#options.updates.onUpdate((event) => {
      if (event.session.id !== this.#sessionId && this.#filter.scope === 'session') return;
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
  }

  async export(format: 'csv' | 'json'): Promise<boolean> {
    const result = await this.#bridge.audit.export({ format, filter: this.#query() });
    if (!result.ok) {
      this.#error = errorText(result.error);
      return false;
    }
    const now = this.#options.now?.() ?? nowDate();
    const name = exportFileName(this.#filter.scope, format, now);
    this.#options.download(name, format === 'csv' ? 'text/csv' : 'application/json', result.value);
    this.#exported = name;
    return true;
  }
}
