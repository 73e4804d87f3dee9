// V8 settings for a CLI process, which bin/modelctl.js sets before a command
// runs (never main(): tests and library users run it in their own process).
//
// A command's run is short. V8 tiers a WebAssembly function up to its
// optimizing compiler once it has run about 1.8 MB worth of code (its
// --wasm-tiering-budget), and undici's HTTP parser (llhttp, WebAssembly)
// passes that reading one 1,000-model snapshot (1.5 MB) from a server: plan,
// apply, rollback. The compile then runs on a background thread that the
// process's exit waits for — ~150 ms and ~9,000 page faults for its memory,
// measured on `apply` of 1,000 models — to make code that has nothing left to
// parse. A budget no CLI run spends keeps the baseline (Liftoff) code, for
// the commands that read from a server. `serve` is long-lived (a replica
// following a primary parses every document it sends) and keeps V8's default;
// so do the commands that never read over HTTP, which then need not load
// node:v8 to set it (~4 ms of `--version`'s ~150).

/** Far more than any command's reads: ~1.8 MB is V8's default. */
export const CLI_WASM_TIERING_BUDGET = 2_000_000_000;

/** The commands that read from a server over HTTP (undici), and only once per run. */
const READS_OVER_HTTP = new Set(['plan', 'apply', 'rollback', 'get', 'explain', 'access', 'demo', 'test']);

/** The V8 flags for `modelctl ARGV…`: the tiering budget for a command that reads over HTTP, none for any other. */
export function v8FlagsFor(argv: readonly string[]): string[] {
  const command = argv.find((a) => a !== '--color' && a !== '--no-color');
  return command !== undefined && READS_OVER_HTTP.has(command) ? [`--wasm-tiering-budget=${CLI_WASM_TIERING_BUDGET}`] : [];
}
