/**
 * A request's PostgreSQL statements stop when its client goes away (issue 10 item 4): every request runs as a
 * RequestQueries scope (db/client.ts), and when the response's connection closes before the answer was written
 * (browser tab closed, fetch aborted, proxy timeout) the statement running for it is cancelled at once and any later
 * one refused — instead of running to STATEMENT_TIMEOUT_MS (or, for an export, to its end) on a pool connection
 * nobody waits for. One mechanism for every route; routes do nothing.
 *
 * PostgreSQL only: PGlite is one in-process connection that runs a statement to its end (small installations),
 * so the hook is not installed there.
 *
 * The scope is entered in onRequest and again in preValidation: body parsing continues from the socket's 'data'
 * events, outside the request's async context (the same as @fastify/request-context does).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { RequestQueries, runForRequest } from '../db/client.js';

const queriesOf = new WeakMap<FastifyRequest, RequestQueries>();

export function registerQueryCancellation(app: FastifyInstance) {
  if (app.deps.database.kind !== 'postgres') return;
  app.addHook('onRequest', (req, reply, done) => {
    const queries = new RequestQueries();
    queriesOf.set(req, queries);
    reply.raw.once('close', () => {
      if (reply.raw.writableEnded) return; // answered: nothing of this request is still wanted from the database
      void queries.cancel().then((n) => {
        if (n) req.log.info({ statements: n }, 'client closed the request: its statements were cancelled');
      });
    });
    runForRequest(queries, done);
  });
  app.addHook('preValidation', (req, _reply, done) => {
    const queries = queriesOf.get(req);
    if (queries) runForRequest(queries, done);
    else done();
  });
}
