/**
 * JSON-RPC 2.0 framing for the device gateway, as the official browser SDK (rpc-websockets) speaks
 * it: requests `{jsonrpc, method, params, id}`, notifications without `id`, answers `{jsonrpc,
 * result|error, id}`, and server notifications `{jsonrpc, method, params}`. The params of each
 * method the SDK calls are checked here; anything else gets a JSON-RPC error that says what is wrong.
 */
import { z } from 'zod';

const RPC_PARSE_ERROR = -32700;
export const RPC_INVALID_REQUEST = -32600;
export const RPC_METHOD_NOT_FOUND = -32601;
const RPC_INVALID_PARAMS = -32602;
export const RPC_INTERNAL_ERROR = -32603;

export class RpcError extends Error {
  readonly code: number;
  constructor(code: number, message: string) {
    super(message);
    this.name = 'RpcError';
    this.code = code;
  }
}

const requestSchema = z.object({
  jsonrpc: z.literal('2.0'),
  method: z.string().min(1),
  params: z.unknown().optional(),
  id: z.union([z.string(), z.number(), z.null()]).optional(),
});

export type RpcRequest = z.infer<typeof requestSchema>;

/** Parses one WebSocket message; throws an RpcError (parse error or invalid request). */
export function parseRpcMessage(text: string): RpcRequest {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new RpcError(RPC_PARSE_ERROR, 'Parse error: the message is not valid JSON');
  }
  const parsed = requestSchema.safeParse(value);
  if (!parsed.success) {
    throw new RpcError(
      RPC_INVALID_REQUEST,
      'Invalid request: expected {"jsonrpc":"2.0","method":string,"params"?,"id"?}',
    );
  }
  return parsed.data;
}

export const mediaPreferencesSchema = z.object({ protocol: z.literal('WEBRTC') });

export const offerSdpSchema = z.object({
  sdpOffer: z.string().min(1).max(200_000),
  mediaMetadata: z
    .object({
      mediaStreams: z.record(z.string(), z.object({ alias: z.string().max(100).optional() })),
      dataChannels: z.record(z.string(), z.unknown()).optional(),
    })
    .optional(),
});

export const answerSdpSchema = z.object({ sdpAnswer: z.string().min(1).max(200_000) });

/** Checks a method's params against its schema; an RpcError (invalid params) names the problem. */
export function rpcParams<T>(schema: z.ZodType<T>, method: string, params: unknown): T {
  const parsed = schema.safeParse(params ?? {});
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where =
    issue === undefined ? '' : `${issue.path.join('.') || '(params)'}: ${issue.message}`;
  throw new RpcError(RPC_INVALID_PARAMS, `Invalid params for ${method}: ${where}`);
}

export function rpcResult(id: string | number | null, result: unknown): string {
  return JSON.stringify({ jsonrpc: '2.0', result, id });
}

export function rpcError(id: string | number | null, code: number, message: string): string {
  return JSON.stringify({ jsonrpc: '2.0', error: { code, message }, id });
}

export function rpcNotification(method: string, params: unknown): string {
  return JSON.stringify({ jsonrpc: '2.0', method, params });
}
