import { defineConfig } from "vite";

// Built into the API's web root and committed there, so `dotnet build` needs no npm; served at /app.
export default defineConfig({
  base: "/app/",
  build: {
    outDir: "../../src/LeapMastery.Api/wwwroot/app",
    emptyOutDir: true,
    assetsDir: "assets",
    sourcemap: false,
  },
});
