// Files that commonly hold secrets never leave the machine, wherever they sit in the tree.

const ENV_TEMPLATES = new Set(['.env.example', '.env.sample', '.env.template']);
const KEY_EXTENSIONS = ['.pem', '.key', '.p12', '.pfx'];
const SSH_KEY_PREFIXES = ['id_rsa', 'id_ed25519', 'id_ecdsa'];
const TOKEN_FILES = new Map([
  ['.npmrc', 'npm configuration (.npmrc): always excluded because it commonly holds registry tokens'],
  ['.pypirc', 'PyPI configuration (.pypirc): always excluded because it commonly holds upload tokens'],
  ['.netrc', 'netrc file (.netrc): always excluded because it commonly holds login passwords and tokens'],
]);
// Matched against the path's last segments.
const CREDENTIAL_PATHS: Array<[string[], string]> = [
  [['.aws', 'credentials'], 'AWS credentials (.aws/credentials)'],
  [['.aws', 'config'], 'AWS configuration (.aws/config), which can hold credentials'],
  [['.docker', 'config.json'], 'Docker registry credentials (.docker/config.json)'],
  [['.kube', 'config'], 'Kubernetes credentials (.kube/config)'],
  [['.claude', '.credentials.json'], 'Claude Code login (.claude/.credentials.json)'],
];

/**
 * Why the file at `file` (relative to the worktree, `/`-separated) must not be uploaded because
 * it commonly holds credentials, or null when nothing says so. Pure: no file is read.
 */
export function credentialReason(file: string): string | null {
  const segments = file.split('/').filter(Boolean);
  const name = segments[segments.length - 1] ?? '';
  const lower = name.toLowerCase();
  if (lower === '.env' || (lower.startsWith('.env.') && !ENV_TEMPLATES.has(lower))) {
    return 'environment file (.env*): usually holds secrets';
  }
  if (lower === '.envrc') return 'direnv file (.envrc): usually exports secrets';
  const extension = KEY_EXTENSIONS.find((ext) => lower.endsWith(ext));
  if (extension) return `private key or certificate (*${extension})`;
  if (SSH_KEY_PREFIXES.some((prefix) => lower.startsWith(prefix))) return `SSH key (${name})`;
  const token = TOKEN_FILES.get(lower);
  if (token) return token;
  if (lower === 'application_default_credentials.json') return 'Google Cloud credentials (gcloud application_default_credentials.json)';
  if (lower.endsWith('.json') && lower.includes('service-account')) return 'cloud service account key (*service-account*.json)';
  if (segments.slice(0, -1).includes('.azure')) return 'Azure credentials folder (.azure/)';
  for (const [tail, reason] of CREDENTIAL_PATHS) {
    if (endsWith(segments, tail)) return reason;
  }
  return null;
}

function endsWith(segments: string[], tail: string[]): boolean {
  if (segments.length < tail.length) return false;
  return tail.every((part, i) => segments[segments.length - tail.length + i] === part);
}
