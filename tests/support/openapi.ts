/**
 * Validates responses against the official Bandwidth WebRTC OpenAPI 3.0.3 description, which lives
 * beside the repository: `<repo>/../shared/reference/bandwidth-webrtc-openapi-2.0.0.yml` (here
 * /work/shared/...). `PATCHBAY_OPENAPI_SPEC` may point elsewhere. A missing file fails loudly.
 *
 * Ajv handles OpenAPI 3.0's `nullable` natively (with `type`). The spec marks the `subscriptions`
 * schema `readOnly` by mistake (it is a request body too); `readOnly` is only an annotation for Ajv,
 * so responses validate as intended. The spec sets no `additionalProperties: false`, so tests also
 * compare exact shapes where that matters.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import type { ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { parse } from 'yaml';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const SPEC_PATH =
  process.env.PATCHBAY_OPENAPI_SPEC ??
  resolve(REPO_ROOT, '../shared/reference/bandwidth-webrtc-openapi-2.0.0.yml');

type Json = Record<string, unknown>;
interface ResponseObject {
  $ref?: string;
  content?: Record<string, { schema?: Json }>;
}
interface OperationObject {
  operationId: string;
  responses: Record<string, ResponseObject>;
}
interface OpenApiDocument {
  paths: Record<string, Record<string, OperationObject>>;
  components: { schemas: Record<string, Json>; responses: Record<string, ResponseObject> };
}

export interface ObservedResponse {
  status: number;
  contentType: string | null;
  /** Raw body text ('' when none). */
  text: string;
}

let cached:
  { spec: OpenApiDocument; ajv: Ajv; validators: Map<string, ValidateFunction> } | undefined;

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

function load(): NonNullable<typeof cached> {
  if (cached !== undefined) return cached;
  if (!existsSync(SPEC_PATH)) {
    throw new Error(
      `The official Bandwidth WebRTC OpenAPI file is missing: ${SPEC_PATH}. The integration tests ` +
        'validate every response against it; put the shared folder beside the repository ' +
        '(../shared/reference/) or set PATCHBAY_OPENAPI_SPEC to its path.',
    );
  }
  const spec = parse(readFileSync(SPEC_PATH, 'utf8')) as OpenApiDocument;
  const ajv = new Ajv({ allErrors: true, strict: true });
  const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
  addFormats(ajv);
  ajv.addKeyword('example');
  ajv.addSchema({ $id: 'spec', definitions: rewriteRefs(spec.components.schemas) as Json });
  cached = { spec, ajv, validators: new Map() };
  return cached;
}

export function loadSpec(): OpenApiDocument {
  return load().spec;
}

/** The spec operation for a method and a URL path starting with /v1 (query ignored). */
export function findOperation(method: string, path: string): OperationObject | undefined {
  const { spec } = load();
  const bare = (path.split('?')[0] ?? path).replace(/^\/v1(?=\/)/, '');
  for (const [template, item] of Object.entries(spec.paths)) {
    const pattern = new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`);
    const operation = item[method.toLowerCase()];
    if (pattern.test(bare) && operation !== undefined) return operation;
  }
  return undefined;
}

function validatorFor(key: string, schema: unknown): ValidateFunction {
  const state = load();
  let validate = state.validators.get(key);
  if (validate === undefined) {
    validate = state.ajv.compile(rewriteRefs(schema) as Json);
    state.validators.set(key, validate);
  }
  return validate;
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
  const validate = validatorFor(key, schema);
  if (!validate(body)) {
    throw new Error(
      `${where}: body does not match the spec: ${load().ajv.errorsText(validate.errors)}\n` +
        JSON.stringify(body),
    );
  }
}

/**
 * Throws unless the response's status is declared for that operation and its body matches the
 * declared schema (or is empty where the spec declares no content). Returns the operationId.
 */
export function validateResponse(method: string, path: string, observed: ObservedResponse): string {
  const operation = findOperation(method, path);
  if (operation === undefined) throw new Error(`${method} ${path} is not an operation in the spec`);
  const where = `${operation.operationId} answered ${observed.status}`;
  let declared = operation.responses[String(observed.status)];
  if (declared === undefined) throw new Error(`${where}, a status the spec does not declare`);
  if (declared.$ref !== undefined) {
    const name = declared.$ref.replace('#/components/responses/', '');
    declared = load().spec.components.responses[name] ?? {};
  }
  const schema = declared.content?.['application/json']?.schema;
  if (schema === undefined) {
    if (observed.text !== '') throw new Error(`${where} with a body where the spec has none`);
    return operation.operationId;
  }
  checkJson(`${operation.operationId} ${observed.status}`, schema, observed, where);
  return operation.operationId;
}

/** Validates a body against one of the spec's component schemas (e.g. `requestError`). */
export function validateComponent(name: string, observed: ObservedResponse): void {
  checkJson(`#${name}`, { $ref: `#/components/schemas/${name}` }, observed, `schema ${name}`);
}
