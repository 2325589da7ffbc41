import type { ParsedInputOf, RequestSpec, SchemaTable } from './request-spec';
import type { Result } from '../shared/result';
import { err, ok } from '../shared/result';
import { printable } from '../shared/text';
import { toResultError } from './errors';

/** Who is calling: the transport fills this in (Electron frame URL, or the web host's connection). */
export interface Caller {
  /** The URL of the frame or page that sent the call. */
  url: string;
  /** Whether the transport authenticated the caller (cookie, main frame of our window). */
  trusted: boolean;
}

export type Handlers<R extends SchemaTable> = {
  [K in keyof R]: (input: ParsedInputOf<R[K]>, caller: Caller) => Promise<unknown>;
};

export interface DispatcherOptions {
  /** Sender check; a string is the reason for refusing. */
  checkCaller: (caller: Caller) => true | string;
  /**
   * Applied to every Result before it leaves (value and error alike), with the capability's name:
   * the console's scrubber, so no account secret or credential-shaped text reaches a caller.
   * Default: none.
   */
  scrub?: <T>(value: T, name: string) => T;
}

/** How much of an unknown capability's name an error quotes. */
const MAX_QUOTED_NAME = 64;

export type Dispatch = (name: string, input: unknown, caller: Caller) => Promise<Result<unknown>>;

/**
 * The one wrapper every privileged entry point goes through, whatever the transport: sender check,
 * then runtime validation of the one object argument, then the handler, then a Result envelope.
 * Handlers never see unvalidated input; callers never see a thrown error or a secret.
 */
export function createDispatcher<R extends SchemaTable>(
  requests: R,
  handlers: Handlers<R>,
  options: DispatcherOptions,
): Dispatch {
  type AnyHandler = (input: unknown, caller: Caller) => Promise<unknown>;
  const table = new Map<string, { spec: RequestSpec; handler: AnyHandler }>();
  for (const name of Object.keys(requests) as (keyof R & string)[]) {
    const handler = handlers[name] as AnyHandler | undefined;
    if (typeof handler !== 'function') throw new Error(`No handler for capability ${name}`);
    table.set(name, { spec: requests[name] as RequestSpec, handler });
  }
  const scrub = options.scrub ?? (<T>(value: T): T => value);
  const run = async (name: string, input: unknown, caller: Caller): Promise<Result<unknown>> => {
    const verdict = options.checkCaller(caller);
    if (verdict !== true) return err('forbidden-sender', `Refused: ${verdict}`);
    const entry = table.get(name);
    if (!entry) {
      // The name is the caller's: quote only its start, escaped (a 100 KB name is not echoed).
      const quoted = printable(name, MAX_QUOTED_NAME);
      return err('unknown-capability', `There is no capability named ${quoted}.`);
    }
    const parsed = entry.spec.input.safeParse(input);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => ({
        path: i.path.map(String).join('.'),
        message: i.message,
      }));
      const first = issues[0];
      const where = first?.path ? `${first.path}: ` : '';
      return err('invalid-input', `${name}: ${where}${first?.message ?? 'invalid input'}`, issues);
    }
    try {
      return ok(await entry.handler(parsed.data, caller));
    } catch (error) {
      return { ok: false, error: toResultError(error) };
    }
  };
  return async (name, input, caller) => scrub(await run(name, input, caller), name);
}
