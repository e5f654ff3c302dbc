import nx from '@nx/eslint-plugin';

// Layers follow DESIGN.md's dependency direction; a forbidden import fails lint.
const depConstraints = [
  { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:lib', 'type:test-utils'] },
  { sourceTag: 'type:test-utils', onlyDependOnLibsWithTags: ['layer:git'] },
  { sourceTag: 'layer:git', onlyDependOnLibsWithTags: [] },
  { sourceTag: 'layer:worktree-gtr', onlyDependOnLibsWithTags: ['layer:git', 'type:test-utils'] },
  { sourceTag: 'layer:conflict-engine', onlyDependOnLibsWithTags: ['layer:git', 'type:test-utils'] },
  { sourceTag: 'layer:core-sessions', onlyDependOnLibsWithTags: ['layer:worktree-gtr', 'layer:git', 'type:test-utils'] },
  {
    sourceTag: 'layer:merge-detector',
    onlyDependOnLibsWithTags: ['layer:core-sessions', 'layer:worktree-gtr', 'layer:conflict-engine', 'layer:git', 'type:test-utils'],
  },
  {
    sourceTag: 'layer:e2b-runner',
    onlyDependOnLibsWithTags: ['layer:core-sessions', 'layer:worktree-gtr', 'layer:conflict-engine', 'layer:git', 'type:test-utils'],
  },
  {
    sourceTag: 'layer:watch-service',
    onlyDependOnLibsWithTags: ['layer:merge-detector', 'layer:core-sessions', 'layer:worktree-gtr', 'type:test-utils'],
  },
  { sourceTag: 'layer:claude-integration', onlyDependOnLibsWithTags: ['layer:core-sessions', 'layer:git', 'type:test-utils'] },
  {
    sourceTag: 'layer:mcp-tools',
    onlyDependOnLibsWithTags: [
      'layer:core-sessions',
      'layer:merge-detector',
      'layer:conflict-engine',
      'layer:worktree-gtr',
      'layer:git',
      'type:test-utils',
    ],
  },
];

// Only @parallel-cc/git runs git (and test-utils, which builds the repositories tests use): a
// second runner anywhere else is a seam leaking. Both call shapes count, `spawn('git')` and
// `cp.spawn('git')`.
const PROCESS_CALLS = '/^(spawn|spawnSync|execFile|execFileSync|exec|execSync)$/';
const GIT_PROCESS = 'git runs only through @parallel-cc/git (runGit, gitOutput, tryGit, runGitSync).';
const SIMPLE_GIT = 'simple-git is not used: git runs through @parallel-cc/git (its README says why).';
const oneGitSeam = {
  files: ['libs/*/src/**/*.{ts,js}', 'apps/*/src/**/*.{ts,js}'],
  ignores: [
    'libs/git/**',
    'libs/test-utils/**',
  ],
  rules: {
    'no-restricted-imports': ['error', { paths: [{ name: 'simple-git', message: SIMPLE_GIT }] }],
    'no-restricted-syntax': [
      'error',
      { selector: `CallExpression[callee.name=${PROCESS_CALLS}][arguments.0.value='git']`, message: GIT_PROCESS },
      { selector: `CallExpression[callee.property.name=${PROCESS_CALLS}][arguments.0.value='git']`, message: GIT_PROCESS },
      { selector: "ImportExpression[source.value='simple-git']", message: SIMPLE_GIT },
      { selector: "CallExpression[callee.name='require'][arguments.0.value='simple-git']", message: SIMPLE_GIT },
    ],
  },
};

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  { ignores: ['**/dist', '**/coverage', '**/node_modules', '.nx'] },
  {
    files: ['**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        { enforceBuildableLibDependency: false, allow: [], depConstraints },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  oneGitSeam,
  {
    files: ['**/*.js', '**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
];
