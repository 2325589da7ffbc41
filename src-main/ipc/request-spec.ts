import type { z } from 'zod';
import type { Capability } from '../shared/contract/bridge';

/**
 * A capability as the dispatcher sees it: the contract's types plus the schema its one object
 * argument is checked against before any handler runs (the renderer is untrusted). Main only.
 */
export interface RequestSpec<S extends z.ZodType = z.ZodType, O = unknown> extends Capability<
  z.input<S>,
  O
> {
  readonly input: S;
}

export type SchemaTable = Record<`${string}:${string}`, RequestSpec>;

/** `request<Output>()(schema)`: a capability checked by `schema`. */
export const request =
  <O>() =>
  <S extends z.ZodType>(input: S): RequestSpec<S, O> => ({ input });

/** What a handler receives: the input as the schema parsed it. */
export type ParsedInputOf<S> = S extends RequestSpec<infer I, unknown> ? z.output<I> : never;
