// Catalogs the format tests share: a group, and a catalog whose only findings
// are warnings (an internal model with no task), for --fail-on and the formats
// that report warnings apart from errors.
export const GROUP = 'apiVersion: modelctl/v1\nkind: Group\nname: eng\n';

export const WARNING_ONLY = `apiVersion: modelctl/v1
kind: Provider
name: anthropic
type: anthropic
credentials:
  default: { env: ANTHROPIC_API_KEY }
---
apiVersion: modelctl/v1
kind: Model
name: summaries
access: internal
capabilities: [text]
sources:
  - provider: anthropic
    model: claude-haiku-4-5
`;
