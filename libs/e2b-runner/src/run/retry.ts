import { SandboxError } from '../errors';

// Failures no second try can mend.
const FINAL_CODES = new Set(['AUTH_MISSING', 'AUTH_FAILED', 'ABORTED', 'NOT_FOUND', 'PATH_OUTSIDE_SANDBOX', 'INVALID_INPUT']);

/** Runs `operation`, and again up to `retries` more times when it fails with an error a retry may mend. */
export async function withRetries<T>(operation: () => Promise<T>, retries = 2, onRetry?: (error: Error, attempt: number) => void): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await operation();
    } catch (error) {
      const final = error instanceof SandboxError && FINAL_CODES.has(error.code);
      if (final || attempt >= retries) throw error;
      onRetry?.(error as Error, attempt + 1);
    }
  }
}
