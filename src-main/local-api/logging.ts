/**
 * The local API's request log (Fastify's pino logger, JSON lines), when it is on. Every URL in it
 * has the value of a `token` query parameter redacted (a device connects with its token in the
 * query) and control characters escaped; so has every error message it records.
 */
import type { FastifyError, FastifyLoggerOptions, FastifyRequest } from 'fastify';
import { loggableUrl, printable, redactTokenQuery } from '../shared/text';

/** Where the JSON lines go instead of stdout (tests, or a file). */
export interface LogDestination {
  write(line: string): void;
}

/** `true`: log to stdout; a destination: log there; `false`/absent: no request log. */
export type RequestLogging = boolean | LogDestination;

function requestFields(request: FastifyRequest): Record<string, string | number | undefined> {
  return {
    method: request.method,
    url: loggableUrl(request.url),
    host: printable(request.host),
    remoteAddress: request.ip,
    remotePort: request.socket?.remotePort,
  };
}

function errorFields(error: FastifyError): { type: string; message: string; stack: string } {
  const clean = (text: string): string => printable(redactTokenQuery(text));
  return {
    type: error.name,
    message: clean(error.message),
    stack: clean(error.stack ?? ''),
  };
}

/** Fastify's `logger` option for `logging`. */
export function loggerOptions(logging: RequestLogging | undefined): FastifyLoggerOptions | false {
  if (logging === undefined || logging === false) return false;
  return {
    level: 'info',
    serializers: { req: requestFields, err: errorFields },
    ...(logging === true ? {} : { stream: logging }),
  };
}
