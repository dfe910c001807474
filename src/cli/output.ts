/** Small output helpers shared by commands. */
import { formatProblem, UpdopsError, type Problem } from '../errors.js';

export type OutputFormat = 'text' | 'json';

export function parseFormat(value: string, allowed: readonly string[] = ['text', 'json']): string {
  if (!allowed.includes(value)) throw new UpdopsError('USAGE', `--format must be one of ${allowed.join(', ')}`);
  return value;
}

export function problemToJson(problem: Problem): Record<string, unknown> {
  const { location } = problem;
  return {
    code: problem.code,
    message: problem.message,
    ...(location ? { file: location.file, line: location.line, col: location.col, ...(location.path ? { path: location.path } : {}) } : {}),
  };
}

export function printLines(lines: string[], stream: NodeJS.WritableStream = process.stdout): void {
  if (lines.length > 0) stream.write(`${lines.join('\n')}\n`);
}

export function problemLines(problems: Problem[], prefix = ''): string[] {
  return problems.map((p) => `${prefix}${formatProblem(p)}`);
}
