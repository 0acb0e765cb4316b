/**
 * What every request handler, service and worker is given: the process-wide dependencies built once at start-up.
 * Kept apart from app.ts (which imports every route module) so a service can name its dependencies without an
 * import cycle through the app; the no-import-cycles test keeps it that way.
 */
import type { Config } from './config.js';
import type { Database } from './db/client.js';
import type { Pii } from './lib/pii.js';
import type { CaptchaService } from './modules/auth/captcha.js';

export interface AppDeps {
  config: Config;
  database: Database;
  pii: Pii;
  captcha: CaptchaService;
}

declare module 'fastify' {
  interface FastifyInstance {
    deps: AppDeps;
  }
}
