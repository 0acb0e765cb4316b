/*
 * Loaded by index.html as a classic script, so it runs before the app's modules. The CSP allows no 'unsafe-eval'
 * (server/src/app.ts): Zod probes new Function() for its JIT as the first object schema is built, which the browser
 * reports as a CSP violation on every load. Jitless mode validates the same without it. Zod keeps its config on
 * globalThis.__zod_globalConfig (created only if absent), which is how it is set before Zod loads.
 */
globalThis.__zod_globalConfig = Object.assign(globalThis.__zod_globalConfig || {}, { jitless: true });
