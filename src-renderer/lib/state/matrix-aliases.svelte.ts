/**
 * The stream alias editor of one cell (Enter on a cell, or its menu): not subscribed, all streams,
 * or only some named streams, with the inline line that says what Apply will do. It starts from
 * the cell's value when it opened; later snapshots do not reset what the user is choosing.
 */
import type { StreamSelection } from '$shared/routing';
import type { LocalPlanResult } from '../matrix/changes';
import { callsText, cellIntent } from '../matrix/changes';
import { distinct } from '../matrix/sets';

export const KNOWN_ALIASES: readonly string[] = ['microphone', 'camera', 'screenShare'];

export type AliasChoice = 'none' | 'all' | 'some';

export interface AliasHost {
  /** Plans an intent on what the matrix shows now. */
  plan(intent: ReturnType<typeof cellIntent>): LocalPlanResult;
  /** Aliases already used in the session. */
  used(): readonly string[];
  save(intent: ReturnType<typeof cellIntent>): void;
  close(): void;
}

/** "mic, camera  screenShare" → ['mic', 'camera', 'screenShare']. */
export function parseAliases(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map((a) => a.trim())
    .filter((a) => a !== '');
}

export class AliasEditor {
  #choice = $state<AliasChoice>('none');
  #chosen = $state.raw<readonly string[]>([]);
  #typed = $state('');
  readonly receiverId: string;
  readonly publisherId: string;
  readonly #host: AliasHost;
  #value = $derived.by((): StreamSelection | null | undefined => {
    if (this.#choice === 'none') return null;
    if (this.#choice === 'all') return 'all';
    const all = distinct(this.#chosen, parseAliases(this.#typed));
    return all.length === 0 ? undefined : all;
  });
  #suggestions = $derived(distinct(KNOWN_ALIASES, this.#used(), this.#chosen));
  #preview = $derived.by((): string => {
    const value = this.#value;
    if (value === undefined) return 'Choose at least one stream, or pick “All streams”.';
    const planned = this.#host.plan(cellIntent(this.receiverId, this.publisherId, value));
    if (!planned.ok) return planned.message;
    if (planned.plan.writes === 0) return 'No change needed.';
    return `${planned.plan.lines.join('; ')} · ${callsText(planned.plan.apiCalls)}`;
  });

  constructor(
    receiverId: string,
    publisherId: string,
    initial: StreamSelection | null,
    host: AliasHost,
  ) {
    this.receiverId = receiverId;
    this.publisherId = publisherId;
    this.#host = host;
    this.#choice = initial === null ? 'none' : initial === 'all' ? 'all' : 'some';
    this.#chosen = Array.isArray(initial) ? [...initial] : [];
  }

  #used(): readonly string[] {
    return this.#host.used();
  }

  get choice(): AliasChoice {
    return this.#choice;
  }
  set choice(value: AliasChoice) {
    this.#choice = value;
  }
  get typed(): string {
    return this.#typed;
  }
  set typed(value: string) {
    this.#typed = value;
    this.#choice = 'some';
  }
  get suggestions(): readonly string[] {
    return this.#suggestions;
  }
  isChosen(alias: string): boolean {
    return this.#chosen.includes(alias);
  }
  /** undefined while "only these streams" has none yet. */
  get value(): StreamSelection | null | undefined {
    return this.#value;
  }
  get preview(): string {
    return this.#preview;
  }

  toggle(alias: string, on: boolean): void {
    this.#chosen = on ? distinct(this.#chosen, [alias]) : this.#chosen.filter((a) => a !== alias);
    this.#choice = 'some';
  }

  apply(): void {
    const value = this.#value;
    if (value === undefined) return;
    this.#host.save(cellIntent(this.receiverId, this.publisherId, value));
  }

  close(): void {
    this.#host.close();
  }
}
