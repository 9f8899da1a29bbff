import type { FastifyServerOptions } from "fastify";

/** Query values that grant access (signed download links, tokens) never reach the log. */
const SECRET_QUERY = /([?&](?:token|access_token|accessToken|code|phoneToken)=)[^&#]*/gi;

export function redactUrl(url: string): string {
  return url.replace(SECRET_QUERY, "$1[redacted]");
}

type ReqLike = { method: string; url: string; hostname?: string; ip?: string; socket?: { remotePort?: number } };

/** The logger options with a request serializer that redacts secrets in URLs (false stays false). */
export function withRedaction(logger: FastifyServerOptions["logger"]): FastifyServerOptions["logger"] {
  if (!logger) return logger;
  const base = logger === true ? {} : (logger as Record<string, unknown>);
  return {
    ...base,
    serializers: {
      ...(base.serializers as Record<string, unknown> | undefined),
      req: (req: ReqLike) => ({ method: req.method, url: redactUrl(req.url), host: req.hostname, remoteAddress: req.ip, remotePort: req.socket?.remotePort }),
    },
  } as FastifyServerOptions["logger"];
}
