// Child process of the large-catalog benches (bench/large-lib.mjs measure()):
//   node bench/large-child.mjs SCRIPT [ARGS...]   runs SCRIPT as if it were the main module
//   node bench/large-child.mjs --bare-parse DIR   the bare baseline: list the *.yaml files
//       (fast-glob), read each (readFileSync) and yaml.parseAllDocuments + toJS it. Nothing else.
// On exit it writes { maxRssKb } (process.resourceUsage().maxRSS) to fd 3, so the
// parent sees the peak RSS of exactly this process, whatever the script does.
import { writeSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

process.on('exit', () => {
  try {
    writeSync(3, JSON.stringify({ maxRssKb: process.resourceUsage().maxRSS }));
  } catch {
    // no fd 3: run by hand
  }
});

const [, , first, ...rest] = process.argv;
if (first === '--bare-parse') {
  const [{ default: fg }, { parseAllDocuments }, { readFileSync }] = await Promise.all([import('fast-glob'), import('yaml'), import('node:fs')]);
  const dir = resolve(rest[0] ?? '.');
  const files = (await fg(['**/*.yaml', '**/*.yml'], { cwd: dir, absolute: true, onlyFiles: true, dot: false, followSymbolicLinks: false, ignore: ['**/node_modules/**'] })).sort();
  let documents = 0;
  for (const file of files) for (const doc of parseAllDocuments(readFileSync(file, 'utf8'))) (doc.toJS(), documents++);
  process.stderr.write(`bare parse: ${files.length} files, ${documents} documents\n`);
} else {
  const script = resolve(first);
  process.argv = [process.argv[0], script, ...rest];
  await import(pathToFileURL(script).href);
}
