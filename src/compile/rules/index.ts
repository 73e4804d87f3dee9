// Every semantic rule, one file each, named after the diagnostic code it reports.
import type { Rule } from './types.js';
import { duplicateName } from './duplicate-name.js';
import { multipleSettings } from './multiple-settings.js';
import { unknownProvider } from './unknown-provider.js';
import { unknownBinding } from './unknown-binding.js';
import { unknownModel } from './unknown-model.js';
import { unknownGroup } from './unknown-group.js';
import { unknownNativeTool } from './unknown-native-tool.js';
import { unknownEntryPointGroup } from './unknown-entry-point-group.js';
import { unknownExtends } from './unknown-extends.js';
import { unknownDefaultModel } from './unknown-default-model.js';
import { defaultModelUnusable } from './default-model-unusable.js';
import { capabilityPurposeMismatch } from './capability-purpose-mismatch.js';
import { nativeToolNeedsTools } from './native-tool-needs-tools.js';
import { nativeToolMissingCapability } from './native-tool-missing-capability.js';
import { noActiveSource } from './no-active-source.js';
import { internalModelExposed } from './internal-model-exposed.js';
import { capabilityNotInRegistry } from './capability-not-in-registry.js';
import { entryPointGroupWithoutTier } from './entry-point-group-without-tier.js';
import { duplicateSource } from './duplicate-source.js';
import { protocolUnsupported } from './protocol-unsupported.js';
import { providerOptionsUnused } from './provider-options-unused.js';
import { entryPointConflict } from './entry-point-conflict.js';
import { unknownEntryPoint } from './unknown-entry-point.js';
import { groupAliasConflict } from './group-alias-conflict.js';
import { maxOutputExceedsContext } from './max-output-exceeds-context.js';
import { thinkingBudgetExceedsOutput } from './thinking-budget-exceeds-output.js';
import { localeMissing } from './locale-missing.js';
import { internalModelWithoutTask } from './internal-model-without-task.js';

export type { Rule } from './types.js';

/** In the order they run; diagnostics are sorted by position afterwards. */
export const rules: readonly Rule[] = [
  duplicateName,
  multipleSettings,
  unknownProvider,
  unknownBinding,
  unknownModel,
  unknownGroup,
  unknownNativeTool,
  unknownEntryPointGroup,
  unknownExtends,
  unknownDefaultModel,
  defaultModelUnusable,
  capabilityPurposeMismatch,
  nativeToolNeedsTools,
  nativeToolMissingCapability,
  noActiveSource,
  internalModelExposed,
  capabilityNotInRegistry,
  entryPointGroupWithoutTier,
  duplicateSource,
  protocolUnsupported,
  providerOptionsUnused,
  entryPointConflict,
  unknownEntryPoint,
  groupAliasConflict,
  maxOutputExceedsContext,
  thinkingBudgetExceedsOutput,
  localeMissing,
  internalModelWithoutTask,
];
