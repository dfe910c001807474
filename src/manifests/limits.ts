/**
 * Input limits for manifest files. Bad or hostile input (alias bombs, huge files) is refused by
 * these with a clear error instead of exhausting memory or time.
 */
export const MANIFEST_LIMITS = {
  /** Largest single manifest file. Real config files are a few KB. */
  maxFileBytes: 4 * 1024 * 1024,
  /** Most YAML documents in one file. */
  maxDocumentsPerFile: 10_000,
  /** Most alias dereferences per document (the `yaml` package's billion-laughs guard). */
  maxAliasCount: 100,
  /** Deepest nesting of maps/sequences in one document. */
  maxDepth: 64,
  /** Most manifest files read from one config directory. */
  maxFiles: 100_000,
} as const;
