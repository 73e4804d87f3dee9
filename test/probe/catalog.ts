// A catalog on disk whose providers all point at a mock upstream.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AWS_PAIR, KEY } from './helpers.js';

export const CATALOG_ENV = { ANTHROPIC_KEY: KEY, OPENAI_KEY: KEY, GEMINI_KEY: KEY, BEDROCK_KEYS: AWS_PAIR };

const provider = (name: string, type: string, baseUrl: string, env: string, extra = '') =>
  `apiVersion: modelctl/v1\nkind: Provider\nname: ${name}\ntype: ${type}\nbaseUrl: ${baseUrl}\n${extra}credentials:\n  default: { env: ${env} }\n`;

export interface ModelSpec {
  name: string;
  capabilities?: string[];
  sources: [provider: string, upstream: string, weight?: number][];
}

export const DEFAULT_MODELS: ModelSpec[] = [
  // 2 of 3 usable: the OpenAI source answers 401 and echoes the key it was sent.
  { name: 'alpha', sources: [['anthropic', 'claude-good'], ['openai', 'gpt-echo'], ['google', 'gemini-good']] },
  { name: 'beta', sources: [['bedrock', 'titan-good']] },
  { name: 'gamma', capabilities: ['text', 'tools', 'streaming'], sources: [['openai', 'gpt-no-tools']] },
];

export function modelYaml(m: ModelSpec): string {
  const caps = m.capabilities ?? ['text'];
  return `apiVersion: modelctl/v1\nkind: Model\nname: ${m.name}\nvendor: test\ncapabilities: [${caps.join(', ')}]\nsources:\n${m.sources.map(([p, u, w]) => `  - { provider: ${p}, model: ${u}${w === undefined ? '' : `, weight: ${w}`} }`).join('\n')}\n`;
}

export async function writeCatalog(mockUrl: string, models: ModelSpec[] = DEFAULT_MODELS, dir?: string, bedrockEnv = 'BEDROCK_KEYS'): Promise<string> {
  const root = dir ?? (await mkdtemp(join(tmpdir(), 'modelctl-probe-')));
  const docs = [
    provider('anthropic', 'anthropic', mockUrl, 'ANTHROPIC_KEY'),
    provider('openai', 'openai', `${mockUrl}/v1`, 'OPENAI_KEY'),
    provider('google', 'google', mockUrl, 'GEMINI_KEY'),
    provider('bedrock', 'bedrock', mockUrl, bedrockEnv, 'region: us-west-2\n'),
    `apiVersion: modelctl/v1\nkind: Settings\nlocales: [en]\ndefaultModel: ${models[0]!.name}\n`,
  ];
  await writeFile(join(root, 'catalog.yaml'), docs.join('---\n'));
  await writeFile(join(root, 'models.yaml'), models.map(modelYaml).join('---\n'));
  return root;
}
