// A minimal LSP client for yaml-language-server over stdio: spawned with the
// current node, answers the server's workspace/configuration pulls from one
// settings object, and collects published diagnostics per document.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type CompletionItem,
  type CompletionList,
  type Diagnostic,
  type Hover,
  type ProtocolConnection,
} from 'vscode-languageserver-protocol/node.js';

const SERVER = fileURLToPath(new URL('../../node_modules/yaml-language-server/bin/yaml-language-server', import.meta.url));

export type Settings = Record<string, unknown>;

export interface YamlServer {
  /** Opens (or replaces) a document and resolves with the next diagnostics the server publishes for it. */
  open(path: string, text: string): Promise<Diagnostic[]>;
  /** Sends new text for an open document and resolves with its next diagnostics. */
  change(path: string, text: string): Promise<Diagnostic[]>;
  /** open() the first time, change() after. */
  set(path: string, text: string): Promise<Diagnostic[]>;
  completion(path: string, line: number, character: number): Promise<CompletionItem[]>;
  hover(path: string, line: number, character: number): Promise<Hover | null>;
  stderr(): string;
  close(): Promise<void>;
}

function section(settings: Settings, name: string | undefined): unknown {
  if (!name) return settings;
  // '[yaml]'-style language-scoped sections: none.
  if (name.startsWith('[')) return null;
  return name.split('.').reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), settings) ?? null;
}

export async function startYamlServer(opts: { cwd: string; workspace: string; settings: Settings }): Promise<YamlServer> {
  const child: ChildProcess = spawn(process.execPath, [SERVER, '--stdio'], { cwd: opts.cwd, stdio: ['pipe', 'pipe', 'pipe'], env: { PATH: process.env.PATH } });
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (c: string) => (stderr += c));
  const conn: ProtocolConnection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  const waiting = new Map<string, (d: Diagnostic[]) => void>();
  const versions = new Map<string, number>();
  conn.onRequest('workspace/configuration', (params: { items: { section?: string }[] }) => params.items.map((i) => section(opts.settings, i.section)));
  conn.onRequest('client/registerCapability', () => null);
  conn.onRequest('window/workDoneProgress/create', () => null);
  conn.onNotification('textDocument/publishDiagnostics', (p: { uri: string; diagnostics: Diagnostic[] }) => {
    const resolve = waiting.get(p.uri);
    waiting.delete(p.uri);
    resolve?.(p.diagnostics);
  });
  conn.onNotification('window/logMessage', (p: { message: string }) => void (stderr += `${p.message}\n`));
  conn.listen();

  const root = pathToFileURL(opts.workspace).href;
  await conn.sendRequest('initialize', {
    processId: process.pid,
    rootUri: root,
    workspaceFolders: [{ uri: root, name: 'catalog' }],
    capabilities: {
      workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true } },
      textDocument: {
        completion: { completionItem: { documentationFormat: ['markdown', 'plaintext'], snippetSupport: true } },
        hover: { contentFormat: ['markdown', 'plaintext'] },
        publishDiagnostics: {},
      },
    },
  });
  await conn.sendNotification('initialized', {});
  // The .vscode/settings.json equivalent: pushed, and answered again on every pull.
  await conn.sendNotification('workspace/didChangeConfiguration', { settings: opts.settings });

  const uriOf = (path: string) => pathToFileURL(path).href;
  const nextDiagnostics = (uri: string) =>
    new Promise<Diagnostic[]>((resolve) => {
      waiting.set(uri, resolve);
    });

  const server: YamlServer = {
    async open(path, text) {
      const uri = uriOf(path);
      const version = (versions.get(uri) ?? 0) + 1;
      versions.set(uri, version);
      const next = nextDiagnostics(uri);
      await conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version, text } });
      return next;
    },
    async change(path, text) {
      const uri = uriOf(path);
      const version = (versions.get(uri) ?? 0) + 1;
      versions.set(uri, version);
      const next = nextDiagnostics(uri);
      await conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
      return next;
    },
    async completion(path, line, character) {
      const result = await conn.sendRequest<CompletionList | CompletionItem[] | null>('textDocument/completion', { textDocument: { uri: uriOf(path) }, position: { line, character } });
      return Array.isArray(result) ? result : (result?.items ?? []);
    },
    async hover(path, line, character) {
      return conn.sendRequest<Hover | null>('textDocument/hover', { textDocument: { uri: uriOf(path) }, position: { line, character } });
    },
    set(path, text) {
      return versions.has(uriOf(path)) ? server.change(path, text) : server.open(path, text);
    },
    stderr: () => stderr,
    async close() {
      try {
        await Promise.race([conn.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
        await conn.sendNotification('exit');
      } catch {
        // The server may already be gone.
      }
      conn.dispose();
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
  return server;
}

/**
 * The server pulls its settings asynchronously after `initialized`; until they
 * land, a document validates without any schema. Sends `text` (which must have
 * a schema error) until its diagnostics are not empty, at most ~5 s.
 */
export async function waitForSchema(server: YamlServer, path: string, text: string): Promise<Diagnostic[]> {
  let diagnostics = await server.set(path, text);
  for (let i = 0; i < 50 && diagnostics.length === 0; i++) {
    await new Promise((r) => setTimeout(r, 100));
    diagnostics = await server.change(path, text);
  }
  return diagnostics;
}
