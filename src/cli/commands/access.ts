// `modelctl access`: who sees what, groups × entry points, from the resolver.
import { didYouMeanHint } from '../../diagnostics/did-you-mean.js';
import { accessMatrix, EVERYONE, modelAccess } from '../../inspect/index.js';
import { catalogHelp, CATALOG_OPTIONS, oneOf, str } from '../args.js';
import type { Command } from '../command.js';
import { EXIT } from '../exit-codes.js';
import { ACCESS_FORMATS, accessFormatters } from '../format/access.js';
import { INPUT_OPTIONS, withInspected } from './inspect-input.js';

export const accessCommand: Command = {
  name: 'access',
  usage: `Usage: modelctl access [DIR... | --target URL | --snapshot FILE] [--group G] [--entry-point EP]
                       [--model M] [--format text|json|markdown]

The who-sees-what matrix: for "everyone" (a user in no declared group) and
each declared group, on each entry point the catalog names, the tiers offered
(with the model each resolves to there), the models listed and the
collections. Every cell is the runtime resolver's own catalog() answer, so it
is what a gateway is given. With --target, a credential the server reports
missing hides its models, as it does on the server. --model M answers "who
can see M, where": listed in the selector, or reached through a tier.

Options:
  --target URL         a 'modelctl serve' URL (or file:PATH)
  --snapshot FILE      a compiled snapshot
  --group G            only this group (a name or alias, or '${EVERYONE}')
  --entry-point EP     only this entry point
  --model M            where M is visible
  --format FORMAT      text (default), json (schema/access-output.schema.json) or markdown
${catalogHelp(false, 19)}  -h, --help           show this help

Exit codes: 0 shown, 1 unknown --model or group, an invalid catalog or a failed read, 3 refused (auth), 64 usage error.`,
  options: { ...INPUT_OPTIONS, group: { type: 'string' }, 'entry-point': { type: 'string' }, model: { type: 'string' }, format: { type: 'string' }, ...CATALOG_OPTIONS },
  async run(values, positionals, io) {
    const format = oneOf(values.format, ACCESS_FORMATS, '--format', 'text');
    const group = str(values.group);
    const entryPoint = str(values['entry-point']);
    const model = str(values.model);
    return withInspected('access', values, positionals, io, ({ snapshot, live }) => {
      const known = (names: string[], what: string, input: string | undefined) => {
        if (input === undefined || names.includes(input)) return true;
        const h = didYouMeanHint(input, names);
        io.stderr.write(`modelctl access: no ${what} named '${input}'${h ? ` (${h})` : ''}\n`);
        return false;
      };
      const spellings = [EVERYONE, ...Object.entries(snapshot.groups).flatMap(([g, v]) => [g, ...(v?.aliases ?? [])])];
      if (!known(spellings, 'group', group) || !known(Object.keys(snapshot.models), 'model', model)) return EXIT.failed;
      const matrix = accessMatrix(snapshot, live, { ...(group ? { group } : {}), ...(entryPoint ? { entryPoint } : {}) });
      const doc = model ? { kind: 'model' as const, version: snapshot.version, model, where: modelAccess(snapshot, matrix, model) } : { kind: 'matrix' as const, matrix };
      io.stdout.write(accessFormatters[format](doc));
      return EXIT.ok;
    });
  },
};
