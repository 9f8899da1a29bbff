import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { brotliCompressSync, gzipSync } from "node:zlib";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import fp from "fastify-plugin";

export const WWW_DIR = path.resolve(process.cwd(), "www");

/** Vite names built files name.<hash>.module.js / name-<hash>.css: their bytes never change. */
const HASHED = /[.-][\w-]{8,}\.(module\.js|js|css|woff2?)(\.br|\.gz)?$/;
export const IMMUTABLE = "public, max-age=31536000, immutable";

/**
 * Serves the built mini app (www/) so a browser at the API's address gets the whole product.
 * Files go out compressed from the .br/.gz the build wrote beside them; hashed files are cached
 * for a year, everything else (index.html, app-config.json) is revalidated on every load.
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
    const html = Buffer.from(readFileSync(indexFile, "utf8").replace("<head>", '<head><base href="/">'));
    const index = { br: brotliCompressSync(html), gzip: gzipSync(html, { level: 9 }), identity: html };
    await app.register(fastifyStatic, {
      root: dir,
      prefix: "/",
      wildcard: false,
      index: false,
      preCompressed: true,
      cacheControl: false,
      setHeaders(res, file) {
        res.setHeader("cache-control", HASHED.test(file) ? IMMUTABLE : "no-cache");
      },
    });
    const sendIndex = (req: FastifyRequest, reply: FastifyReply) => {
      const accept = String(req.headers["accept-encoding"] ?? "");
      const encoding = /\bbr\b/.test(accept) ? "br" : /\bgzip\b/.test(accept) ? "gzip" : "identity";
      reply.type("text/html; charset=utf-8").header("cache-control", "no-cache").header("vary", "accept-encoding");
      if (encoding !== "identity") reply.header("content-encoding", encoding);
      return reply.send(index[encoding]);
    };
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
