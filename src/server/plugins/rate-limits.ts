import rateLimit from "@fastify/rate-limit";
import type { FastifyInstance, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import { entriesEndpoints } from "../../domain/entries/entries.endpoints";
import type { Env } from "../config/env";

declare module "fastify" {
  interface FastifyRequest {
    /**
     * Set by a feature's earlier hook (before preHandler) when an anonymous request acts for a known
     * person, e.g. an upload link's owner: the request then spends that person's budget, not its IP's.
     */
    rateLimitSubject?: string;
  }
}

/** Which budget a request spends: per IP before sign-in, per person after. */
export type LimitClass = "signin" | "desktopCodes" | "desktopPolls" | "public" | "reads" | "writes" | "uploads" | "answers";

/** Counted per client IP (the rest per person). */
const PER_IP: ReadonlySet<LimitClass> = new Set(["signin", "desktopCodes", "desktopPolls", "public"]);

const ANSWER_ROUTE = /^\/api\/quiz\/attempts\/:id\/answers\//;

export function limitClassOf(req: FastifyRequest): LimitClass | null {
  const url = req.routeOptions.url ?? "";
  // Only the API is limited; health checks (load balancers) and static files never are.
  if (!url.startsWith("/api/") || url === "/api/health") return null;
  if (url.startsWith("/api/auth/") && url !== "/api/auth/sign-out") return "signin";
  // Desktop sign-in is anonymous: a code per desktop, then a poll every 2 s until it is confirmed.
  if (url === entriesEndpoints.desktopCode.path && req.method === "POST") return "desktopCodes";
  if (url === entriesEndpoints.desktopPoll.path) return "desktopPolls";
  if (!req.user && !req.rateLimitSubject) return "public";
  if (ANSWER_ROUTE.test(url)) return "answers";
  const consumes = (req.routeOptions.schema as { consumes?: string[] } | undefined)?.consumes ?? [];
  if (consumes.some((c) => c.startsWith("multipart/"))) return "uploads";
  return req.method === "GET" || req.method === "HEAD" ? "reads" : "writes";
}

function perMinute(env: Env, cls: LimitClass): number {
  const table: Record<LimitClass, number> = {
    signin: env.RATE_LIMIT_SIGNIN,
    desktopCodes: env.RATE_LIMIT_DESKTOP_CODES,
    desktopPolls: env.RATE_LIMIT_DESKTOP_POLLS,
    public: env.RATE_LIMIT_PUBLIC,
    reads: env.RATE_LIMIT_READS,
    writes: env.RATE_LIMIT_WRITES,
    uploads: env.RATE_LIMIT_UPLOADS,
    answers: env.RATE_LIMIT_ANSWERS,
  };
  return table[cls];
}

/**
 * @fastify/rate-limit, run as a preHandler so the signed-in person is known: sign-in, desktop
 * sign-in codes and polls, and anonymous calls are counted per IP (behind a proxy set TRUST_PROXY so
 * the IP is the client's), everything else per person and class — an anonymous request a feature
 * tied to a person (`rateLimitSubject`) too. 429 carries Retry-After and the RATE_LIMITED code.
 */
export default fp(
  async function rateLimits(app: FastifyInstance) {
    const env = app.ctx.env;
    await app.register(rateLimit, {
      global: true,
      hook: "preHandler",
      timeWindow: 60_000,
      allowList: (req) => {
        const cls = limitClassOf(req);
        return cls === null || perMinute(env, cls) === 0;
      },
      keyGenerator: (req) => {
        const cls = limitClassOf(req) ?? "public";
        if (PER_IP.has(cls)) return `${cls}:ip:${req.ip}`;
        if (req.user) return `${cls}:user:${req.user.id}`;
        return req.rateLimitSubject ? `${cls}:${req.rateLimitSubject}` : `${cls}:ip:${req.ip}`;
      },
      max: (req) => perMinute(env, limitClassOf(req) ?? "public"),
      errorResponseBuilder: (_req, ctx) => Object.assign(new Error(`Too many requests; retry in ${ctx.after}`), { statusCode: 429 }),
    });
  },
  { name: "rate-limits", dependencies: ["auth"] },
);
