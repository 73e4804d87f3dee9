import type { Diagnostic, DiagnosticCode } from '../../diagnostics/types.js';
import type { CompileContext } from '../context.js';

/** A check the schema cannot express: one small file each, named after its code. */
export interface Rule {
  code: DiagnosticCode;
  check(ctx: CompileContext): Diagnostic[];
}
