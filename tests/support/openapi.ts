/**
 * Validates the local API's responses against the project's own OpenAPI 3.0 description,
 * `src-main/local-api/openapi.yaml` (in this repository: nothing outside it is read). The
 * description is exact where this server is (`additionalProperties: false`, required fields), so a
 * body with a missing, extra or mistyped field fails.
 *
 * Checked per response: the status is declared for the operation; a declared JSON body is sent as
 * application/json and matches its schema; no body where none is declared; a declared header that
 * is present matches its schema. Whether a required header is present at all is pinned by the
 * HTTP-convention tests, not here.
 *
 * Ajv handles OpenAPI 3.0's `nullable` natively (with `type`); `readOnly` is an annotation for it.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import type { ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { parse } from 'yaml';
import { deref, jsonSchemaOf, listOperations } from './openapi-doc';
import type { Json, OpenApiDocument, OperationObject } from './openapi-doc';

export type { OpenApiDocument, OperationObject } from './openapi-doc';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** Our own description of the API the local implementation serves. */
export const DESCRIPTION_PATH = resolve(REPO_ROOT, 'src-main/local-api/openapi.yaml');

export interface ObservedResponse {
  status: number;
  contentType: string | null;
  /** Raw body text ('' when none). */
  text: string;
  /** The response headers, when the caller has them: declared headers are checked against them. */
  headers?: Headers;
}

interface Loaded {
  spec: OpenApiDocument;
  ajv: Ajv;
  validators: Map<string, ValidateFunction>;
}
let cached: Loaded | undefined;

/** Rewrites `#/components/schemas/X` refs to the schema registered below as `spec`. */
function rewriteRefs(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(rewriteRefs);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) =>
      key === '$ref' && typeof inner === 'string'
        ? [key, inner.replace('#/components/schemas/', 'spec#/definitions/')]
        : [key, rewriteRefs(inner)],
    ),
  );
}

function load(): Loaded {
  if (cached !== undefined) return cached;
  const spec = parse(readFileSync(DESCRIPTION_PATH, 'utf8')) as OpenApiDocument;
  const ajv = new Ajv({ allErrors: true, strict: true });
  const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
  addFormats(ajv);
  ajv.addKeyword('example');
  ajv.addSchema({ $id: 'spec', definitions: rewriteRefs(spec.components.schemas) as Json });
  const loaded: Loaded = { spec, ajv, validators: new Map() };
  cached = loaded;
  try {
    // Compile every schema now: a broken description fails at once, naming the schema.
    for (const name of Object.keys(spec.components.schemas)) {
      validatorFor(`#${name}`, { $ref: `#/components/schemas/${name}` });
    }
  } catch (error) {
    cached = undefined;
    throw error;
  }
  return loaded;
}

export function loadSpec(): OpenApiDocument {
  return load().spec;
}

/** The operation for a method and a URL path starting with /v1 (query ignored). */
export function findOperation(method: string, path: string): OperationObject | undefined {
  const bare = (path.split('?')[0] ?? path).replace(/^\/v1(?=\/)/, '');
  const wanted = method.toLowerCase();
  const found = listOperations(load().spec).find(
    (located) =>
      located.method === wanted &&
      new RegExp(`^${located.path.replace(/\{[^}]+\}/g, '[^/]+')}$`).test(bare),
  );
  return found?.operation;
}

function validatorFor(key: string, schema: unknown): ValidateFunction {
  const state = load();
  let validate = state.validators.get(key);
  if (validate === undefined) {
    try {
      validate = state.ajv.compile(rewriteRefs(schema) as Json);
    } catch (error) {
      throw new Error(`The description's schema ${key} does not compile: ${String(error)}`, {
        cause: error,
      });
    }
    state.validators.set(key, validate);
  }
  return validate;
}

function check(key: string, schema: unknown, value: unknown, where: string): void {
  const validate = validatorFor(key, schema);
  if (!validate(value)) {
    throw new Error(
      `${where} does not match the description: ${load().ajv.errorsText(validate.errors)}\n` +
        JSON.stringify(value),
    );
  }
}

function checkJson(key: string, schema: unknown, observed: ObservedResponse, where: string): void {
  if (!/^application\/json\b/.test(observed.contentType ?? '')) {
    throw new Error(`${where}: expected an application/json body, got ${observed.contentType}`);
  }
  let body: unknown;
  try {
    body = JSON.parse(observed.text);
  } catch {
    throw new Error(`${where}: body is not JSON: ${observed.text.slice(0, 200)}`);
  }
  check(key, schema, body, `${where}: body`);
}

/**
 * Throws unless the response's status is declared for that operation, its body matches the
 * declared schema (or is empty where none is declared) and its declared headers, where present,
 * match theirs. Returns the operationId.
 */
export function validateResponse(method: string, path: string, observed: ObservedResponse): string {
  const operation = findOperation(method, path);
  if (operation === undefined) {
    throw new Error(`${method} ${path} is not an operation in the description`);
  }
  const where = `${operation.operationId} answered ${observed.status}`;
  const declared = operation.responses[String(observed.status)];
  if (declared === undefined)
    throw new Error(`${where}, a status the description does not declare`);
  const { spec } = load();
  const key = `${operation.operationId} ${observed.status}`;
  for (const [name, header] of Object.entries(deref(spec, declared).headers ?? {})) {
    const value = observed.headers?.get(name);
    const resolved = deref(spec, header);
    const schema = resolved.schema;
    if (observed.headers !== undefined && value === null && resolved.required === true) {
      throw new Error(`${where} without the required header ${name}`);
    }
    if (value !== null && value !== undefined && schema !== undefined) {
      check(`${key} ${name}`, schema, value, `${where}: header ${name}`);
    }
  }
  const schema = jsonSchemaOf(spec, declared);
  if (schema === undefined) {
    if (observed.text !== '')
      throw new Error(`${where} with a body where the description has none`);
    return operation.operationId;
  }
  checkJson(key, schema, observed, where);
  return operation.operationId;
}

/** Validates a body against one of the description's component schemas (e.g. `requestError`). */
export function validateComponent(name: string, observed: ObservedResponse): void {
  checkJson(`#${name}`, { $ref: `#/components/schemas/${name}` }, observed, `schema ${name}`);
}
