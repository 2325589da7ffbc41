/**
 * Cross-checks our OpenAPI description (src-main/local-api/openapi.yaml) against Bandwidth's
 * official file: same operations, statuses and body shapes, but for the deliberate differences
 * below. The official file is not part of this repository: it is read from `PATCHBAY_OPENAPI_SPEC`
 * or from `../shared/reference/` beside the repository. Without it the check says "not run" and
 * is skipped, visibly. This is the only code in the repository that reads `../shared/`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { applyAllowList, compareDescriptions, describeShape } from '../../support/openapi-compare';
import type { AllowedDifference } from '../../support/openapi-compare';
import type { Json, OpenApiDocument } from '../../support/openapi-doc';
import { loadSpec, REPO_ROOT } from '../../support/openapi';

const OFFICIAL_NAME = 'bandwidth-webrtc-openapi-2.0.0.yml';
const fromEnvironment = process.env.PATCHBAY_OPENAPI_SPEC;
const officialPath = fromEnvironment ?? resolve(REPO_ROOT, '../shared/reference', OFFICIAL_NAME);
const notRun =
  fromEnvironment === undefined && !existsSync(officialPath)
    ? `not run: Bandwidth's official OpenAPI file is not at ${officialPath} ` +
      '(put the shared folder beside the repository or set PATCHBAY_OPENAPI_SPEC)'
    : undefined;

/** Deliberate differences between our description and Bandwidth's file, each with its reason. */
const ALLOWED_DIFFERENCES: AllowedDifference[] = [
  {
    // Their file marks the whole subscriptions schema readOnly, yet it is the request body of both
    // PUTs (and Bandwidth's own words describe it as one): a bug in their file.
    body: 'both',
    keyword: 'readOnly',
    at: ['subscriptions'],
    why: 'the official readOnly on subscriptions is an error: it is a request body too',
  },
  {
    // Their own text: "if present and not empty or null". This server reads null as missing.
    body: 'request',
    keyword: 'nullable',
    at: [
      'subscriptions.sessionId',
      'subscriptions.participants',
      'participantSubscription.streamAliases',
    ],
    why: 'null is accepted in a subscriptions body and read as missing',
  },
  {
    // Their file reuses the session schema, id included, as the create-session body; a client
    // cannot choose a session's id (this server ignores one sent), so our request schema has none.
    body: 'request',
    keyword: 'property',
    at: ['session.id'],
    why: 'createSession takes only a tag',
  },
];

function readOfficial(): OpenApiDocument {
  if (!existsSync(officialPath)) {
    throw new Error(`PATCHBAY_OPENAPI_SPEC points to ${officialPath}, which does not exist`);
  }
  return parse(readFileSync(officialPath, 'utf8')) as OpenApiDocument;
}

describe("our description against Bandwidth's official OpenAPI file", () => {
  if (notRun !== undefined) console.warn(`openapi-crosscheck: ${notRun}`);

  it('is the 2.0.0 file', (context) => {
    if (notRun !== undefined) context.skip(notRun);
    const official = readOfficial() as OpenApiDocument & { info?: { version?: string } };
    expect(official.openapi).toMatch(/^3\.0\./);
    expect(official.info?.version).toBe('2.0.0');
  });

  it('has the same operations, statuses, bodies and auth', (context) => {
    if (notRun !== undefined) context.skip(notRun);
    expect(compareDescriptions(loadSpec(), readOfficial()).structural).toEqual([]);
  });

  it('has the same body shapes, but for the allowed differences, each still needed', (context) => {
    if (notRun !== undefined) context.skip(notRun);
    const { shapes } = compareDescriptions(loadSpec(), readOfficial());
    const { unexplained, unused } = applyAllowList(shapes, ALLOWED_DIFFERENCES);
    expect(unexplained.map(describeShape)).toEqual([]);
    expect(unused).toEqual([]);
  });
});

/** A copy of our description changed by `edit` (it stands in for "theirs"). */
function edited(
  edit: (doc: OpenApiDocument, schemas: Record<string, Json>) => void,
): OpenApiDocument {
  const copy = structuredClone(loadSpec());
  edit(copy, copy.components.schemas);
  return copy;
}

function schema(schemas: Record<string, Json>, name: string): Json {
  const found = schemas[name];
  if (found === undefined) throw new Error(`no schema ${name}`);
  return found;
}

function properties(schemas: Record<string, Json>, name: string): Record<string, Json> {
  return schema(schemas, name).properties as Record<string, Json>;
}

describe('the comparison itself (runs everywhere)', () => {
  it('finds nothing between our description and itself', () => {
    expect(compareDescriptions(loadSpec(), loadSpec())).toEqual({ structural: [], shapes: [] });
  });

  it('names a missing operation, a missing status and a body where none belongs', () => {
    const theirs = edited((doc) => {
      delete doc.paths['/accounts/{accountId}/sessions/{sessionId}']?.delete;
      const add =
        doc.paths['/accounts/{accountId}/sessions/{sessionId}/participants/{participantId}'];
      delete (add?.put as { responses: Record<string, unknown> }).responses['409'];
      const del = add?.delete as { responses: Record<string, unknown> };
      del.responses['204'] = { $ref: '#/components/responses/session' };
    });
    expect(compareDescriptions(loadSpec(), theirs).structural).toEqual([
      'deleteSession (DELETE /accounts/{accountId}/sessions/{sessionId}) is not in theirs',
      'addParticipantToSession: statuses 204 400 401 403 404 409 500 here, 204 400 401 403 404 500 in theirs',
      'removeParticipantFromSession: 204 has no JSON body here, a body in theirs',
    ]);
  });

  it('names changed types, enums, properties, nullable and readOnly where they sit', () => {
    const theirs = edited((_doc, schemas) => {
      schema(schemas, 'publishPermission').enum = ['AUDIO', 'VIDEO', 'SCREEN'];
      properties(schemas, 'session').id = { type: 'integer' };
      properties(schemas, 'participant').nickname = { type: 'string' };
      schema(schemas, 'callbackUrl').nullable = false;
      properties(schemas, 'participant').sessions = { type: 'array', items: { type: 'string' } };
    });
    const lines = compareDescriptions(loadSpec(), theirs).shapes.map(describeShape);
    expect(lines).toContain(
      'getParticipant 200 body, publishPermission: enum ["AUDIO","VIDEO"] here, ["AUDIO","VIDEO","SCREEN"] in theirs',
    );
    expect(lines).toContain(
      'getSession 200 body, session.id: type "string" here, "integer" in theirs',
    );
    expect(lines).toContain(
      'getParticipant 200 body, participant.nickname: property "absent" here, "present" in theirs',
    );
    expect(lines).toContain(
      'getParticipant 200 body, callbackUrl: nullable true here, false in theirs',
    );
    expect(lines).toContain(
      'getParticipant 200 body, participant.sessions: readOnly true here, false in theirs',
    );
  });

  it('lets a response require more than theirs, never less; a request never more', () => {
    const responseLess = edited((_doc, schemas) => {
      (schema(schemas, 'session').required as string[]).push('tag');
    });
    expect(compareDescriptions(loadSpec(), responseLess).shapes.map(describeShape)).toContain(
      'getSession 200 body, session: required ["id"] here, ["id","tag"] in theirs',
    );
    const responseMore = edited((_doc, schemas) => {
      schema(schemas, 'session').required = [];
    });
    expect(compareDescriptions(loadSpec(), responseMore).shapes).toEqual([]);
    const requestLess = edited((_doc, schemas) => {
      schema(schemas, 'createSessionRequest').required = ['tag'];
    });
    expect(compareDescriptions(loadSpec(), requestLess).shapes).toEqual([]);
    const ours = edited((_doc, schemas) => {
      schema(schemas, 'createSessionRequest').required = ['tag'];
    });
    expect(compareDescriptions(ours, loadSpec()).shapes.map(describeShape)).toEqual([
      'createSession request body, createSessionRequest: required ["tag"] here, [] in theirs',
    ]);
  });

  it('excuses only what an entry names, and reports entries that excuse nothing', () => {
    const theirs = edited((_doc, schemas) => {
      schema(schemas, 'subscriptions').readOnly = true;
      schema(schemas, 'session').readOnly = true;
    });
    const { shapes } = compareDescriptions(loadSpec(), theirs);
    const { unexplained, unused } = applyAllowList(shapes, ALLOWED_DIFFERENCES);
    expect(new Set(unexplained.map((d) => `${d.at} ${d.keyword}`))).toEqual(
      new Set(['session readOnly']),
    );
    expect(unused).toEqual([
      'nullable at subscriptions.sessionId (request)',
      'nullable at subscriptions.participants (request)',
      'nullable at participantSubscription.streamAliases (request)',
      'property at session.id (request)',
    ]);
  });
});
