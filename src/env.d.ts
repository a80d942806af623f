// What vite.config.ts defines for the app besides Vite's own `import.meta.env` entries.
interface ImportMetaEnv {
  /** package.json's version; absent under Vitest, which does not read vite.config.ts. */
  readonly APP_VERSION?: string;
}
