import path from "node:path";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance } from "fastify";
import type { LessonFile } from "../../../domain/learning/lesson.schema";

/** Every media file the lessons name, as "/media/bai-01.mp4" (relative to the content folder). */
export function lessonMediaPaths(lessons: readonly LessonFile[]): Set<string> {
  const all = lessons.flatMap((l) => [...l.video.sources.map((s) => s.src), l.video.poster, l.video.subtitles]);
  return new Set(all.filter((p) => !/^https?:\/\//.test(p)).map((p) => path.posix.normalize(`/${p.replace(/^\.?\/+/, "")}`)));
}

/**
 * /media/<path in the content folder>, with Range (206), ETag, Last-Modified and Cache-Control
 * from @fastify/static. Only files a lesson names are served: the same folder holds
 * questions.json, whose answers must never be downloadable.
 */
export async function registerLessonMedia(app: FastifyInstance): Promise<void> {
  const { pack } = app.ctx;
  const allowed = lessonMediaPaths(pack.lessons);
  // A child context, so the error handler below only sees media requests.
  await app.register(async (media) => {
    // A 416 carries "Content-Range: bytes */size" on the error; keep it, then let the app's handler answer.
    media.setErrorHandler((err: Error & { headers?: Record<string, string> }, _req, reply) => {
      if (err.headers) reply.headers(err.headers);
      throw err;
    });
    await registerStatic(media, pack.contentDir, allowed);
  });
}

async function registerStatic(app: FastifyInstance, root: string, allowed: ReadonlySet<string>): Promise<void> {
  await app.register(fastifyStatic, {
    root,
    prefix: "/media/",
    decorateReply: false,
    index: false,
    acceptRanges: true,
    etag: true,
    lastModified: true,
    cacheControl: true,
    // Re-rendered media keeps its name; a day's cache plus ETag revalidation keeps phones light and still current.
    maxAge: "1d",
    allowedPath: (pathname) => allowed.has(path.posix.normalize(pathname)),
  });
}
