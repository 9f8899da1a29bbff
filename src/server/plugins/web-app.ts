import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";

export const WWW_DIR = path.resolve(process.cwd(), "www");

/**
 * Serves the built mini app (www/) so a browser at the API's address gets the whole product.
 * Unknown non-API GETs get index.html (client-side routes). The build uses relative asset
 * paths (Zalo requires base "./"), so a <base href="/"> keeps them right on deep paths.
 */
export default fp(
  async function webApp(app: FastifyInstance, opts: { wwwDir?: string }) {
    const dir = opts.wwwDir ?? WWW_DIR;
    const indexFile = path.join(dir, "index.html");
    if (!existsSync(indexFile)) {
      app.log.warn(`no built app in ${dir}: run "npm run build" to serve the mini app from the API`);
      return;
    }
    const indexHtml = readFileSync(indexFile, "utf8").replace("<head>", '<head><base href="/">');
    await app.register(fastifyStatic, { root: dir, prefix: "/", wildcard: false, index: false, cacheControl: true, maxAge: "1h" });
    const sendIndex = (_req: unknown, reply: import("fastify").FastifyReply) => reply.type("text/html; charset=utf-8").header("cache-control", "no-cache").send(indexHtml);
    app.get("/", { schema: { hide: true } }, sendIndex);
    app.get("/zapps/*", { schema: { hide: true } }, sendIndex);
    // A reload on a client-side route (/learn, /unit/10507 …) gets the app; API paths keep JSON 404s.
    app.get("/*", { schema: { hide: true } }, (req, reply) => {
      if (/^\/(api|media|docs)(\/|$)/.test(req.url)) {
        return reply.code(404).send({ error: { code: "NOT_FOUND", message: `Route GET ${req.url.split("?")[0]} not found` } });
      }
      return sendIndex(req, reply);
    });
  },
  { name: "web-app" },
);
