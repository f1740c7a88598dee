import { defineConfig } from 'vite';

// No React plugin: esbuild's automatic JSX runtime is all the build needs (no fast refresh in dev).
export default defineConfig({
  esbuild: { jsx: 'automatic' },
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: true,
    manifest: true,
    // Inline nothing as a data: URL script; the server's CSP is script-src 'self'.
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 1200,
  },
  server: {
    proxy: {
      '/api': { target: 'http://127.0.0.1:3000', ws: true },
    },
  },
});
