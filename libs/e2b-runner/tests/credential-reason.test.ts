import { credentialReason } from '../src/upload/credential-reason';

describe('credentialReason', () => {
  test.each([
    ['.env', /environment file/],
    ['.env.local', /environment file/],
    ['config/.env.production', /environment file/],
    ['apps/web/.ENV', /environment file/],
    ['.envrc', /direnv/],
    ['id_rsa', /SSH key \(id_rsa\)/],
    ['home/.ssh/id_rsa.pub', /SSH key/],
    ['keys/id_ed25519', /SSH key/],
    ['id_ecdsa_work', /SSH key/],
    ['certs/server.pem', /private key or certificate \(\*\.pem\)/],
    ['tls/server.KEY', /\(\*\.key\)/],
    ['store.p12', /\(\*\.p12\)/],
    ['store.pfx', /\(\*\.pfx\)/],
    ['.npmrc', /npm configuration \(\.npmrc\): always excluded because it commonly holds registry tokens/],
    ['packages/a/.npmrc', /\.npmrc/],
    ['.pypirc', /upload tokens/],
    ['.netrc', /passwords and tokens/],
    ['.aws/credentials', /AWS credentials/],
    ['deploy/.aws/config', /AWS configuration/],
    ['.config/gcloud/application_default_credentials.json', /Google Cloud/],
    ['ci/my-service-account-prod.json', /service account/],
    ['.azure/accessTokens.json', /Azure/],
    ['nested/.azure/sub/file', /Azure/],
    ['.docker/config.json', /Docker/],
    ['.kube/config', /Kubernetes/],
    ['.claude/.credentials.json', /Claude Code login/],
  ])('%s is excluded', (file, reason) => {
    expect(credentialReason(file)).toMatch(reason);
  });

  test.each([
    '.env.example',
    '.env.sample',
    'config/.env.template',
    'README.md',
    'src/env.ts',
    'environment.md',
    'keyboard.ts',
    'src/monkey',
    'docs/pem-files.md',
    '.aws/README.md',
    'aws/credentials.md',
    'config.json',
    '.docker/daemon.json',
    'kube/config',
    '.claude/settings.json',
    'service-account.yaml',
    'constructor',
    '__proto__',
    'azure.md',
  ])('%s is kept', (file) => {
    expect(credentialReason(file)).toBeNull();
  });
});
