import helmet from "@fastify/helmet";
import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";

/** Zalo shows the mini app from its own origins; nobody else may frame our pages. */
const FRAME_ANCESTORS = ["'self'", "https://h5.zdn.vn", "https://*.zdn.vn", "https://*.zalo.me", "zbrowser://h5.zdn.vn"];

/**
 * Security headers: nosniff, frame-ancestors (Zalo allowed), referrer policy; HSTS only on HTTPS
 * (behind the proxy, with TRUST_PROXY); `Cache-Control: no-store` on every API answer to a signed-in
 * person unless the route chose its own caching.
 */
export default fp(
  async function securityHeaders(app: FastifyInstance) {
    await app.register(helmet, {
      // Only frame-ancestors is set (below): a full CSP belongs to the web app's build, not to the API.
      contentSecurityPolicy: false,
      // Lesson media and posters are loaded by the Zalo WebView from another origin.
      crossOriginResourcePolicy: { policy: "cross-origin" },
      crossOriginOpenerPolicy: false,
      hsts: false,
      frameguard: false, // frame-ancestors above replaces X-Frame-Options (which cannot allow Zalo)
    });
    app.addHook("onSend", async (request, reply, payload) => {
      if (!reply.hasHeader("content-security-policy")) reply.header("content-security-policy", `frame-ancestors ${FRAME_ANCESTORS.join(" ")}`);
      if (request.protocol === "https") reply.header("strict-transport-security", "max-age=31536000; includeSubDomains");
      if (request.url.startsWith("/api/") && (request.user || request.headers.authorization) && !reply.hasHeader("cache-control")) reply.header("cache-control", "no-store");
      return payload;
    });
  },
  { name: "security-headers", dependencies: ["auth"] },
);
