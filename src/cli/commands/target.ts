// Running a command against --target: open it, show it only redacted, map
// the failures every target command shares to exit codes, close it. Every
// message that could carry the target URL or the admin token passes
// through redactText on the way out.
import {
  DamagedTargetError,
  LockHeldError,
  openTarget,
  redactText,
  redactUrl,
  targetSecrets,
  TargetRefusedError,
  TargetSpecError,
  type Target,
} from '../../apply/index.js';
import { str } from '../args.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { UsageError, type CliIO } from '../io.js';
import { SignatureRefusedError } from '../snapshot-file.js';

export interface TargetSession {
  target: Target;
  /** --target as the user typed it, safe to print (userinfo and query values masked). */
  shown: string;
  /** Masks what must never be printed in a message. */
  redact: (text: string) => string;
}

export async function withTarget(command: string, values: Record<string, unknown>, io: CliIO, fn: (s: TargetSession) => Promise<ExitCode>): Promise<ExitCode> {
  const spec = str(values.target);
  if (!spec) throw new UsageError('--target is required (an http(s) URL, redis://… or file:PATH)');
  const token = io.env['MODELCTL_ADMIN_TOKEN'];
  const secrets = [...targetSecrets(spec, io.env), ...(token && token.length >= 4 ? [token] : [])];
  const redact = (text: string) => redactText(text, secrets);
  let target: Target;
  try {
    target = openTarget(spec, { cwd: io.cwd, env: io.env, redisTls: values['redis-tls'] === true });
  } catch (err) {
    if (err instanceof TargetSpecError) throw new UsageError(redact(err.message));
    throw err;
  }
  const shown = redactUrl(spec);
  if (shown !== spec && /^https?:/i.test(spec)) {
    io.stderr.write(`modelctl ${command}: credentials in the --target URL are neither sent nor shown; the admin token comes from MODELCTL_ADMIN_TOKEN\n`);
  }
  const fail = (message: string, code: ExitCode): ExitCode => {
    io.stderr.write(`modelctl ${command}: ${redact(message)}\n`);
    return code;
  };
  try {
    return await fn({ target, shown, redact });
  } catch (err) {
    if (err instanceof TargetRefusedError) return fail(`refused, nothing changed: ${err.message}`, EXIT.refused);
    if (err instanceof SignatureRefusedError) return fail(`refused, nothing changed: ${err.message}`, EXIT.refused);
    if (err instanceof LockHeldError) {
      return fail(
        `refused, nothing changed: ${err.message}.\n` +
          `If that run is gone (e.g. a CI job killed on another machine), remove the lock with:\n` +
          `  modelctl ${command} --force-unlock ${err.owner.id} --target ${shown}`,
        EXIT.refused,
      );
    }
    if (err instanceof DamagedTargetError) {
      return fail(
        `${err.message}\nThe kept versions can repair it: modelctl rollback --list --target ${shown}, then modelctl rollback --to VERSION --target ${shown}`,
        EXIT.failed,
      );
    }
    if (err instanceof UsageError) throw new UsageError(redact(err.message));
    return fail((err as Error).message, EXIT.failed);
  } finally {
    await target.close();
  }
}

/** `--force-unlock ID` (file: targets): terraform's force-unlock, nothing else is done. */
export async function forceUnlockTarget(command: string, id: string, s: TargetSession, io: CliIO): Promise<ExitCode> {
  if (!s.target.forceUnlock) throw new UsageError('--force-unlock applies to file: targets (a server has no lock file)');
  const result = await s.target.forceUnlock(id);
  switch (result.status) {
    case 'removed':
      io.stderr.write(`modelctl ${command}: removed lock ${id} (pid ${result.owner.pid} on ${result.owner.host}, since ${result.owner.at}) from ${s.shown}\n`);
      return EXIT.ok;
    case 'mismatch': {
      const held = result.owner === 'debris' ? 'an unreadable lock (it is cleared automatically)' : `lock ID ${result.owner.id}`;
      io.stderr.write(`modelctl ${command}: refused, nothing changed: ${s.shown} is held by ${held}, not ${id}\n`);
      return EXIT.refused;
    }
    case 'none':
      io.stderr.write(`modelctl ${command}: ${s.shown} is not locked; nothing to unlock\n`);
      return EXIT.failed;
  }
}
