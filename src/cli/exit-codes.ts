// Exit codes, the same for every command (design §7).
export const EXIT = {
  ok: 0,
  failed: 1,
  changes: 2,
  refused: 3,
  usage: 64,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
