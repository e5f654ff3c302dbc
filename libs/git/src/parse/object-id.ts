const OBJECT_ID = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;

/** Whether `text` is a full object id (SHA-1 or SHA-256). */
export function isObjectId(text: string): boolean {
  return OBJECT_ID.test(text);
}
