// Every command, in the order `modelctl --help` lists them. Each is loaded only
// when it runs: `modelctl --version` or `validate` in a pre-commit hook must not
// pay for undici, the server, the probes and every schema at start-up.
import type { CommandEntry } from '../command.js';

export const commands: readonly CommandEntry[] = [
  { name: 'init', summary: 'Scaffold a catalog repository: catalog, pinned package.json, editor settings, CI workflow', load: async () => (await import('./init.js')).initCommand },
  { name: 'validate', summary: 'Check catalog files against the schemas and rules', load: async () => (await import('./validate.js')).validateCommand },
  { name: 'compile', summary: 'Compile a catalog into one resolved, canonical (optionally signed) snapshot', load: async () => (await import('./compile.js')).compileCommand },
  { name: 'explain', summary: 'Show what a user sees on an entry point, and how a request routes', load: async () => (await import('./explain.js')).explainCommand },
  { name: 'get', summary: 'List models, providers, tiers, collections, groups or tools, with live status from a server', load: async () => (await import('./get.js')).getCommand },
  { name: 'access', summary: 'Show who sees which tiers, models and collections on which entry point', load: async () => (await import('./access.js')).accessCommand },
  { name: 'keygen', summary: 'Create an Ed25519 key pair for signing snapshots', load: async () => (await import('./keys.js')).keygenCommand },
  { name: 'verify', summary: 'Check a signed snapshot against a public key', load: async () => (await import('./verify.js')).verifyCommand },
  { name: 'plan', summary: 'Show what applying the catalog would change on a target, and who it affects', load: async () => (await import('./plan.js')).planCommand },
  { name: 'apply', summary: 'Make the catalog (or a saved plan) live on a target, with compare-and-swap', load: async () => (await import('./apply.js')).applyCommand },
  { name: 'rollback', summary: 'Make an earlier applied version live again', load: async () => (await import('./rollback.js')).rollbackCommand },
  { name: 'serve', summary: 'Run the resolver over HTTP, with the admin API that plan and apply talk to', load: async () => (await import('./serve.js')).serveCommand },
  { name: 'demo', summary: 'Compile a catalog, serve it, plan, apply, plan again and resolve a request, end to end', load: async () => (await import('./demo.js')).demoCommand },
  { name: 'export', summary: 'Write the catalog as a gateway config (LiteLLM proxy config.yaml), listing what it cannot express', load: async () => (await import('./export.js')).exportCommand },
  { name: 'import', summary: 'Turn a gateway config (LiteLLM proxy config.yaml) into a catalog directory', load: async () => (await import('./import.js')).importCommand },
  { name: 'schema', summary: 'Print or write the JSON Schemas of catalog files, for editors', load: async () => (await import('./schema.js')).schemaCommand },
  { name: 'test', summary: "Probe models' upstream sources for real: usable, error, timeout or unsupported, with latency", load: async () => (await import('./test.js')).testCommand },
];
