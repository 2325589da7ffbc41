/**
 * Compile-time agreement checks: where a type is written once in `shared/` and a runtime schema in
 * main describes the same values, `const agrees: Same<A, B> = true` stops the build if they drift.
 */

/** Every property and element readonly and every intersection flattened, all the way down. */
type Normal<T> = T extends (...args: never[]) => unknown
  ? T
  : T extends readonly (infer E)[]
    ? readonly Normal<E>[]
    : T extends object
      ? { readonly [K in keyof T]: Normal<T[K]> }
      : T;

/**
 * `true` when A and B describe the same values: the same members, each optional or required alike,
 * of the same types (`readonly` and how an object type is spelled aside), else `false`.
 */
export type Same<A, B> =
  (<X>() => X extends Normal<A> ? 1 : 2) extends <X>() => X extends Normal<B> ? 1 : 2
    ? true
    : false;
