/**
 * The parts of an OpenAPI 3.0 document the tests read (ours and, for the cross-check, Bandwidth's),
 * and local `$ref` resolution. Pure: reading files is the callers' business.
 */

export type Json = Record<string, unknown>;

export interface MediaTypeObject {
  schema?: Json;
}
export interface HeaderObject {
  $ref?: string;
  required?: boolean;
  schema?: Json;
}
export interface ResponseObject {
  $ref?: string;
  description?: string;
  headers?: Record<string, HeaderObject>;
  content?: Record<string, MediaTypeObject>;
}
export interface RequestBodyObject {
  $ref?: string;
  required?: boolean;
  content?: Record<string, MediaTypeObject>;
}
export interface OperationObject {
  operationId: string;
  requestBody?: RequestBodyObject;
  responses: Record<string, ResponseObject>;
  security?: Record<string, string[]>[];
}
export interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Record<string, unknown>>;
  components: {
    schemas: Record<string, Json>;
    responses?: Record<string, ResponseObject>;
    requestBodies?: Record<string, RequestBodyObject>;
    securitySchemes?: Record<string, Json>;
  };
  security?: Record<string, string[]>[];
}

export interface LocatedOperation {
  method: string;
  /** The path template, e.g. `/accounts/{accountId}/sessions`. */
  path: string;
  operation: OperationObject;
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
const JSON_MEDIA_TYPE = 'application/json';

/** Every operation of the document, in document order. */
export function listOperations(doc: OpenApiDocument): LocatedOperation[] {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    METHODS.filter((method) => item[method] !== undefined).map((method) => ({
      method,
      path,
      operation: item[method] as OperationObject,
    })),
  );
}

/** The value a local `$ref` (`#/components/...`) points at; throws when it points nowhere. */
export function resolvePointer(doc: OpenApiDocument, ref: string): unknown {
  if (!ref.startsWith('#/')) throw new Error(`only local references are supported, not ${ref}`);
  let value: unknown = doc;
  for (const raw of ref.slice(2).split('/')) {
    const key = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    if (value === null || typeof value !== 'object' || !(key in value)) {
      throw new Error(`the reference ${ref} points nowhere`);
    }
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** Follows `$ref`s until an object without one (responses, request bodies, headers, schemas). */
export function deref<T extends { $ref?: string }>(doc: OpenApiDocument, value: T): T {
  let current = value;
  for (let hops = 0; current.$ref !== undefined; hops += 1) {
    if (hops > 10) throw new Error(`the reference ${current.$ref} loops`);
    current = resolvePointer(doc, current.$ref) as T;
  }
  return current;
}

/** The JSON body schema of a response or request body, or undefined when it declares none. */
export function jsonSchemaOf(
  doc: OpenApiDocument,
  holder: ResponseObject | RequestBodyObject,
): Json | undefined {
  return deref(doc, holder).content?.[JSON_MEDIA_TYPE]?.schema;
}

/** A readable name for an operation: `createSession (POST /accounts/{accountId}/sessions)`. */
export function describeLocated(located: LocatedOperation): string {
  return `${located.operation.operationId} (${located.method.toUpperCase()} ${located.path})`;
}
