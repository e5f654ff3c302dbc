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
  { sourceTag: 'layer:claude-integration', onlyDependOnLibsWithTags: ['layer:core-sessions', 'layer:git', 'type:test-utils'] },
  {
    // e2b-runner only for its migration set: the one list of every lib's tables lives in mcp-tools.
    sourceTag: 'layer:mcp-tools',
    onlyDependOnLibsWithTags: [
      'layer:core-sessions',
      'layer:merge-detector',
      'layer:e2b-runner',
      'layer:conflict-engine',
      'layer:worktree-gtr',
      'layer:git',
      'type:test-utils',
    ],
  },
];

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
  {
    files: ['**/*.js', '**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
];
