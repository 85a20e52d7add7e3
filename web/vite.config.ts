import { svelte } from "@sveltejs/vite-plugin-svelte";
import { defineConfig } from "vite";

// Built into web/dist, which `otaudit serve` serves from the package: relative asset URLs, no CDN, no fonts.
export default defineConfig({
  root: import.meta.dirname,
  base: "./",
  plugins: [svelte()],
  build: { outDir: "dist", emptyOutDir: true, reportCompressedSize: false },
  logLevel: "warn",
});
