/**
 * Security headers: helmet's, as app.ts helmetOptions() configures them (CSP, frame-ancestors, nosniff, referrer
 * policy, cross-origin isolation, HSTS when on TLS), computed ONCE at start. @fastify/helmet built helmet's
 * middleware anew on every request — parsing the Content-Security-Policy directives each time: a fifth of a trivial
 * request's CPU (issue 10 item 5, measured with a CPU profile). None of these headers depends on the request, so
 * helmet itself runs once against a recording response and every response gets what it recorded.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';

/** What helmet sets (and removes) on a response with these options. */
export function helmetHeaders(options: HelmetOptions): { set: Record<string, string>; remove: string[] } {
  const set: Record<string, string> = {};
  const remove: string[] = [];
  const recorder = {
    setHeader(name: string, value: unknown) {
      set[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
    },
    removeHeader(name: string) {
      delete set[name.toLowerCase()];
      remove.push(name.toLowerCase());
    },
  };
  let finished = false;
  helmet(options)({} as IncomingMessage, recorder as unknown as ServerResponse, (err?: unknown) => {
    if (err) throw err instanceof Error ? err : new Error(String(err));
    finished = true;
  });
  // helmet's middlewares are synchronous; a configuration whose headers depended on the request would show here
  if (!finished) throw new Error('helmet did not finish synchronously: its headers cannot be computed once');
  return { set, remove };
}

export function registerSecurityHeaders(app: FastifyInstance, options: HelmetOptions) {
  const { set, remove } = helmetHeaders(options);
  app.addHook('onRequest', (_req, reply, done) => {
    reply.headers(set);
    for (const name of remove) reply.removeHeader(name);
    done();
  });
}
