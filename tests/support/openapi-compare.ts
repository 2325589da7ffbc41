/**
 * Compares two OpenAPI 3.0 descriptions of the same API — ours and Bandwidth's official file — the
 * way the cross-check needs it. Pure: it reads no file.
 *
 * Structural (never excusable): the same operations (method, path, operationId), the same statuses
 * per operation, a JSON body in the same places, request bodies equally optional, HTTP Basic auth.
 *
 * Shapes, for every body both declare: the same types, enums, property names, `nullable`,
 * `readOnly` and `uniqueItems`, recursively. `required` may differ in one direction only: a
 * response may require more than Bandwidth's file does (this server always sends those fields —
 * a promise that still fits their schema), a request body never requires a field their file leaves
 * optional. Constraints Bandwidth's file does not use (`additionalProperties`, lengths, counts,
 * patterns, formats) describe this server and are not compared; nor are headers or texts.
 * A shape difference is named by Bandwidth's component schema it sits in (`subscriptions.sessionId`)
 * so that one allow-list entry covers every place that schema is used.
 */
import { deref, describeLocated, jsonSchemaOf, listOperations } from './openapi-doc';
import type { Json, LocatedOperation, OpenApiDocument, RequestBodyObject } from './openapi-doc';

export type BodyKind = 'request' | 'response';

export interface ShapeDifference {
  /** Where the body is: `createSession request body`, `getParticipant 200 body`. */
  place: string;
  body: BodyKind;
  /** Bandwidth's component and the path inside it: `subscriptions.participants[].streamAliases`. */
  at: string;
  keyword: string;
  ours: unknown;
  theirs: unknown;
}

export interface Comparison {
  structural: string[];
  shapes: ShapeDifference[];
}

export interface AllowedDifference {
  body: BodyKind | 'both';
  keyword: string;
  at: string[];
  /** Why the difference is deliberate (shown nowhere; it is there for the reader). */
  why: string;
}

interface Context {
  ours: OpenApiDocument;
  theirs: OpenApiDocument;
  place: string;
  body: BodyKind;
  shapes: ShapeDifference[];
}

const SCALAR_KEYWORDS: Record<string, unknown> = {
  type: undefined,
  nullable: false,
  readOnly: false,
  uniqueItems: false,
};
const COMPOSITION = ['oneOf', 'anyOf', 'allOf', 'not'];
const SCHEMA_PREFIX = '#/components/schemas/';

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function sortedEnum(schema: Json): unknown[] | undefined {
  const values = schema.enum;
  return Array.isArray(values) ? values.map((v) => JSON.stringify(v)).sort() : undefined;
}

function compareSchema(c: Context, oursRaw: Json, theirsRaw: Json, at: string): void {
  const ref = theirsRaw.$ref;
  const here = typeof ref === 'string' ? ref.replace(SCHEMA_PREFIX, '') : at;
  const ours = deref(c.ours, oursRaw as Json & { $ref?: string });
  const theirs = deref(c.theirs, theirsRaw as Json & { $ref?: string });
  const differ = (keyword: string, o: unknown, t: unknown): void => {
    c.shapes.push({ place: c.place, body: c.body, at: here, keyword, ours: o, theirs: t });
  };
  for (const [keyword, fallback] of Object.entries(SCALAR_KEYWORDS)) {
    const o = ours[keyword] ?? fallback;
    const t = theirs[keyword] ?? fallback;
    if (!sameJson(o, t)) differ(keyword, o, t);
  }
  if (!sameJson(sortedEnum(ours), sortedEnum(theirs))) differ('enum', ours.enum, theirs.enum);
  for (const keyword of COMPOSITION) {
    if (ours[keyword] !== undefined || theirs[keyword] !== undefined) {
      differ(`${keyword} (not compared)`, ours[keyword], theirs[keyword]);
    }
  }
  const oursRequired = new Set((ours.required as string[] | undefined) ?? []);
  const theirsRequired = new Set((theirs.required as string[] | undefined) ?? []);
  const wider = c.body === 'response' ? theirsRequired : oursRequired;
  const narrower = c.body === 'response' ? oursRequired : theirsRequired;
  const unsafe = [...wider].filter((name) => !narrower.has(name)).sort();
  if (unsafe.length > 0) differ('required', [...oursRequired].sort(), [...theirsRequired].sort());

  const oursProps = (ours.properties as Record<string, Json> | undefined) ?? {};
  const theirsProps = (theirs.properties as Record<string, Json> | undefined) ?? {};
  const names = new Set([...Object.keys(oursProps), ...Object.keys(theirsProps)]);
  for (const name of [...names].sort()) {
    const o = oursProps[name];
    const t = theirsProps[name];
    if (o === undefined || t === undefined) {
      c.shapes.push({
        place: c.place,
        body: c.body,
        at: `${here}.${name}`,
        keyword: 'property',
        ours: o === undefined ? 'absent' : 'present',
        theirs: t === undefined ? 'absent' : 'present',
      });
    } else {
      compareSchema(c, o, t, `${here}.${name}`);
    }
  }
  const oursItems = ours.items as Json | undefined;
  const theirsItems = theirs.items as Json | undefined;
  if (oursItems !== undefined && theirsItems !== undefined) {
    compareSchema(c, oursItems, theirsItems, `${here}[]`);
  } else if (oursItems !== undefined || theirsItems !== undefined) {
    differ(
      'items',
      oursItems === undefined ? 'absent' : 'present',
      theirsItems ? 'present' : 'absent',
    );
  }
}

/** The security schemes an operation needs, as `http basic`-style words, sorted. */
function securityOf(doc: OpenApiDocument, located: LocatedOperation): string[] {
  const requirements = located.operation.security ?? doc.security ?? [];
  return requirements
    .flatMap((requirement) => Object.keys(requirement))
    .map((name) => {
      const scheme = doc.components.securitySchemes?.[name];
      return scheme === undefined ? `undefined scheme ${name}` : `${scheme.type} ${scheme.scheme}`;
    })
    .sort();
}

function requestBodyOf(
  doc: OpenApiDocument,
  located: LocatedOperation,
): RequestBodyObject | undefined {
  const body = located.operation.requestBody;
  return body === undefined ? undefined : deref(doc, body);
}

function compareOperation(
  ours: OpenApiDocument,
  theirs: OpenApiDocument,
  o: LocatedOperation,
  t: LocatedOperation,
  result: Comparison,
): void {
  const name = o.operation.operationId;
  const problem = (text: string): void => {
    result.structural.push(`${name}: ${text}`);
  };
  const oursStatuses = Object.keys(o.operation.responses).sort();
  const theirsStatuses = Object.keys(t.operation.responses).sort();
  if (!sameJson(oursStatuses, theirsStatuses)) {
    problem(`statuses ${oursStatuses.join(' ')} here, ${theirsStatuses.join(' ')} in theirs`);
  }
  if (!sameJson(securityOf(ours, o), securityOf(theirs, t))) {
    problem(
      `security ${securityOf(ours, o).join(', ')} here, ${securityOf(theirs, t).join(', ')} in theirs`,
    );
  }
  const shapeContext = (place: string, body: BodyKind): Context => ({
    ours,
    theirs,
    place,
    body,
    shapes: result.shapes,
  });
  for (const status of oursStatuses.filter((s) => theirsStatuses.includes(s))) {
    const oursSchema = jsonSchemaOf(ours, o.operation.responses[status] ?? {});
    const theirsSchema = jsonSchemaOf(theirs, t.operation.responses[status] ?? {});
    if ((oursSchema === undefined) !== (theirsSchema === undefined)) {
      problem(
        `${status} has ${oursSchema ? 'a' : 'no'} JSON body here, ${theirsSchema ? 'a' : 'no'} body in theirs`,
      );
    } else if (oursSchema !== undefined && theirsSchema !== undefined) {
      const place = `${name} ${status} body`;
      compareSchema(shapeContext(place, 'response'), oursSchema, theirsSchema, place);
    }
  }
  const oursBody = requestBodyOf(ours, o);
  const theirsBody = requestBodyOf(theirs, t);
  if ((oursBody === undefined) !== (theirsBody === undefined)) {
    problem(
      `request body ${oursBody ? 'declared' : 'absent'} here, ${theirsBody ? 'declared' : 'absent'} in theirs`,
    );
    return;
  }
  if (oursBody === undefined || theirsBody === undefined) return;
  if ((oursBody.required ?? false) !== (theirsBody.required ?? false)) {
    problem(
      `request body required: ${oursBody.required ?? false} here, ${theirsBody.required ?? false} in theirs`,
    );
  }
  const oursSchema = jsonSchemaOf(ours, oursBody);
  const theirsSchema = jsonSchemaOf(theirs, theirsBody);
  if (oursSchema === undefined || theirsSchema === undefined) {
    if (oursSchema !== theirsSchema) problem('request body: JSON schema declared on one side only');
    return;
  }
  const place = `${name} request body`;
  compareSchema(shapeContext(place, 'request'), oursSchema, theirsSchema, place);
}

/** Every difference between our description and theirs (empty lists: the same API). */
export function compareDescriptions(ours: OpenApiDocument, theirs: OpenApiDocument): Comparison {
  const result: Comparison = { structural: [], shapes: [] };
  const key = (l: LocatedOperation): string => `${l.method.toUpperCase()} ${l.path}`;
  const theirsByKey = new Map(listOperations(theirs).map((l) => [key(l), l]));
  const oursByKey = new Map(listOperations(ours).map((l) => [key(l), l]));
  for (const [k, o] of oursByKey) {
    const t = theirsByKey.get(k);
    if (t === undefined) {
      result.structural.push(`${describeLocated(o)} is not in theirs`);
    } else if (o.operation.operationId !== t.operation.operationId) {
      result.structural.push(
        `${k} is ${o.operation.operationId} here, ${t.operation.operationId} in theirs`,
      );
    } else {
      compareOperation(ours, theirs, o, t, result);
    }
  }
  for (const [k, t] of theirsByKey) {
    if (!oursByKey.has(k)) result.structural.push(`${describeLocated(t)} is missing here`);
  }
  return result;
}

function allows(entry: AllowedDifference, difference: ShapeDifference, at: string): boolean {
  return (
    entry.keyword === difference.keyword &&
    at === difference.at &&
    (entry.body === 'both' || entry.body === difference.body)
  );
}

/** Shape differences no entry allows, and the entries' places that allow nothing (stale). */
export function applyAllowList(
  shapes: ShapeDifference[],
  allowList: AllowedDifference[],
): { unexplained: ShapeDifference[]; unused: string[] } {
  const unexplained = shapes.filter(
    (d) => !allowList.some((entry) => entry.at.some((at) => allows(entry, d, at))),
  );
  const unused = allowList.flatMap((entry) =>
    entry.at
      .filter((at) => !shapes.some((d) => allows(entry, d, at)))
      .map((at) => `${entry.keyword} at ${at} (${entry.body})`),
  );
  return { unexplained, unused };
}

/** One line per difference, for a failing assertion to read. */
export function describeShape(d: ShapeDifference): string {
  return `${d.place}, ${d.at}: ${d.keyword} ${JSON.stringify(d.ours)} here, ${JSON.stringify(d.theirs)} in theirs`;
}
