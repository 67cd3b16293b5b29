// Build config for the console. It is run from the repo root (`vite build --config web/vite.config.ts`),
// so every path is resolved from this file's folder rather than from the working directory.
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: here,
  base: '/',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    rolldownOptions: {
      output: {
        // React changes far less often than our pages, so its own chunk stays cached across releases.
        // antd is left to the default splitting, which puts each page's components in that page's chunk.
        codeSplitting: {
          groups: [{ name: 'react', test: /node_modules[\\/](react|react-dom|react-router|react-router-dom|scheduler)[\\/]/ }],
        },
      },
    },
  },
  server: {
    // In development the API runs separately (`npm start`); the console talks to it through this
    // proxy so cookies stay same-origin, exactly as when the server serves web/dist itself.
    // GONGSHU_API points it at a server on another port.
    proxy: {
      '/api': process.env.GONGSHU_API ?? 'http://localhost:8080',
      '/open': process.env.GONGSHU_API ?? 'http://localhost:8080',
    },
  },
});
