import { IntegrationError } from '../errors';

/** A JSON object as read from a settings file. */
export type JsonObject = Record<string, unknown>;

/** Parses a settings file's text; an absent or empty file is `{}`; invalid JSON is refused, never overwritten. */
export function parseJsonObject(file: string, text: string | null): JsonObject {
  if (text === null || text.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new IntegrationError(
      'INVALID_SETTINGS',
      `${file} is not valid JSON (${(error as Error).message}); fix it by hand, parallel-cc will not overwrite it.`,
      { file },
    );
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new IntegrationError('INVALID_SETTINGS', `${file} does not hold a JSON object; parallel-cc will not overwrite it.`, {
      file,
    });
  }
  return value as JsonObject;
}

/** Serialises like the file did: its indentation (two spaces by default) and a final newline if it had one. */
export function formatJsonLike(value: JsonObject, previous: string | null): string {
  const indent = /^\{\s*\n([ \t]+)"/.exec(previous ?? '')?.[1] ?? '  ';
  const newline = previous === null || previous.endsWith('\n') ? '\n' : '';
  return JSON.stringify(value, null, indent) + newline;
}

/** A deep copy of a JSON value. */
export function cloneJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
