import type { Rule } from './types.js';
import { duplicateName } from './duplicate-name.js';
import { multipleSettings } from './multiple-settings.js';
import { unknownBinding, unknownEntryPointGroup, unknownExtends, unknownModel, unknownNativeTool, unknownProvider } from './references.js';
import { unknownGroup } from './unknown-group.js';
import { defaultModelUnusable, unknownDefaultModel } from './default-model.js';
import { capabilityNotInRegistry, capabilityPurposeMismatch, nativeToolMissingCapability, nativeToolNeedsTools } from './capabilities.js';
import { duplicateSource, noActiveSource, protocolUnsupported, providerOptionsUnused } from './routes.js';
import { entryPointGroupWithoutTier, internalModelExposed, internalModelWithoutTask } from './exposure.js';
import { entryPointConflict, unknownEntryPoint } from './entry-points.js';
import { groupAliasConflict } from './groups.js';
import { maxOutputExceedsContext } from './limits.js';
import { localeMissing } from './locale-missing.js';

export type { Rule } from './types.js';

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
  localeMissing,
  internalModelWithoutTask,
];
