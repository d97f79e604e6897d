// Vite config of the playground: a landing page, the React page and the Vue page, built from the workspace
// packages' sources (the `@skein/source` export condition), so no package needs building first.
import { fileURLToPath } from 'node:url'
import react from '@vitejs/plugin-react'
import vue from '@vitejs/plugin-vue'
import { defaultClientConditions, defaultServerConditions, defineConfig } from 'vite'

const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url))

export default defineConfig({
  root: here('.'),
  appType: 'mpa',
  plugins: [react(), vue()],
  resolve: { conditions: ['@skein/source', ...defaultClientConditions] },
  // start.mjs loads server/startPlayground.ts through Vite: the proxy and emulator come from source there too.
  ssr: {
    noExternal: [/^@skein\//],
    resolve: { conditions: ['@skein/source', ...defaultServerConditions] },
  },
  build: {
    outDir: here('dist'),
    emptyOutDir: true,
    rollupOptions: {
      input: { index: here('index.html'), react: here('react/index.html'), vue: here('vue/index.html') },
    },
  },
})
