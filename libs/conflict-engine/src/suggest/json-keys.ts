/**
 * The keys that repeat within one object of a JSON (or JSONC) text, once for each extra
 * occurrence, scanned without parsing: `JSON.parse` would silently keep the last of two.
 */
export function jsonKeyRepeats(text: string): string[] {
  const repeated: string[] = [];
  const stack: Array<Set<string> | null> = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '/' && text[i + 1] === '/') {
      const end = text.indexOf('\n', i);
      i = end === -1 ? text.length : end;
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end === -1 ? text.length : end + 2;
    } else if (c === '"') {
      let end = i + 1;
      while (end < text.length && text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
      const value = text.slice(i + 1, end);
      i = end + 1;
      const keys = stack[stack.length - 1];
      if (keys && /^\s*:/.test(text.slice(i, i + 64))) {
        if (keys.has(value)) repeated.push(value);
        keys.add(value);
      }
    } else {
      if (c === '{') stack.push(new Set());
      else if (c === '[') stack.push(null);
      else if (c === '}' || c === ']') stack.pop();
      i++;
    }
  }
  return repeated;
}
