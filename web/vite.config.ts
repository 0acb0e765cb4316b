import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The API server (Fastify) runs on :3000 and also serves web/dist in production.
// The proxy keeps the Host header (no changeOrigin) so the server's same-origin check passes in dev.
const api = 'http://localhost:3000';

export default defineConfig({
  plugins: [react()],
  server: {
    port: 5173,
    proxy: {
      '/api': { target: api },
      '/docs': { target: api },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
  },
});
