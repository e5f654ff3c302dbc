import nx from '@nx/eslint-plugin';

// Layers follow DESIGN.md's dependency direction; a forbidden import fails lint.
// What mcp-tools may use, and live-state beside mcp-tools itself: every lib that owns tables or git knowledge.
const EVERY_LIB_BELOW_MCP_TOOLS = [
  'layer:core-sessions',
  'layer:merge-detector',
  'layer:e2b-runner',
  'layer:conflict-engine',
  'layer:worktree-gtr',
  'layer:git',
  'type:test-utils',
];

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
  {
    // What a live screen shows: read from every lib that owns a part of it (e2b-runner for sandbox
    // runs; mcp-tools only for the one list of migration sets, its light `migrations` entry).
    sourceTag: 'layer:live-state',
    onlyDependOnLibsWithTags: ['layer:mcp-tools', ...EVERY_LIB_BELOW_MCP_TOOLS],
  },
  { sourceTag: 'layer:claude-integration', onlyDependOnLibsWithTags: ['layer:core-sessions', 'layer:git', 'type:test-utils'] },
  {
    // e2b-runner only for its migration set: the one list of every lib's tables lives in mcp-tools.
    sourceTag: 'layer:mcp-tools',
    onlyDependOnLibsWithTags: EVERY_LIB_BELOW_MCP_TOOLS,
  },
  // The dashboard's server shows the live state; core-sessions for the home's folder. Its tests
  // open a home with every lib's tables and record a merge.
  {
    sourceTag: 'layer:dashboard-server',
    onlyDependOnLibsWithTags: ['layer:live-state', 'layer:core-sessions', 'layer:conflict-engine', 'layer:merge-detector', 'layer:e2b-runner', 'type:test-utils'],
  },
];

// Only @parallel-cc/git runs git (and test-utils, which builds the repositories tests use): a
// second runner anywhere else is a seam leaking. Both call shapes count, `spawn('git')` and
// `cp.spawn('git')`.
const PROCESS_CALLS = '/^(spawn|spawnSync|execFile|execFileSync|exec|execSync)$/';
const GIT_PROCESS = 'git runs only through @parallel-cc/git (runGit, gitOutput, tryGit, runGitSync).';
const SIMPLE_GIT = 'simple-git is not used: git runs through @parallel-cc/git (its README says why).';
const gitSelectors = [
  { selector: `CallExpression[callee.name=${PROCESS_CALLS}][arguments.0.value='git']`, message: GIT_PROCESS },
  { selector: `CallExpression[callee.property.name=${PROCESS_CALLS}][arguments.0.value='git']`, message: GIT_PROCESS },
  { selector: "ImportExpression[source.value='simple-git']", message: SIMPLE_GIT },
  { selector: "CallExpression[callee.name='require'][arguments.0.value='simple-git']", message: SIMPLE_GIT },
];

// core-sessions owns `sessions`, `file_claims` and `notifications`: no other lib or app names them
// in SQL (DESIGN.md); they call core-sessions' exported queries (sessionById, liveSessions, …).
const CORE_TABLE = '(sessions|file_claims|notifications|changed_files)';
const coreTableMessage =
  'Only core-sessions names its tables (sessions, file_claims, notifications) in SQL: call its exported queries (sessionById, liveSessions, sessionsHoldingWork, sessionOnBranch, addNotification, …).';
const coreTableSelectors = [
  // db.selectFrom('sessions'), .innerJoin('sessions as s', …), .insertInto(`notifications`) …
  `CallExpression[callee.property.name=/^(selectFrom|insertInto|updateTable|deleteFrom|innerJoin|leftJoin)$/][arguments.0.value=/^${CORE_TABLE}\\b/]`,
  `CallExpression[callee.property.name=/^(selectFrom|insertInto|updateTable|deleteFrom|innerJoin|leftJoin)$/][arguments.0.quasis.0.value.raw=/^${CORE_TABLE}\\b/]`,
  // sql.table('sessions'), sql.ref('sessions.id'), sql.id('file_claims')
  `CallExpression[callee.object.name='sql'][callee.property.name=/^(table|ref|id)$/][arguments.0.value=/^${CORE_TABLE}\\b/]`,
  // sql`select … from sessions …`, sql`… join notifications …`, sql`… sessions.id …`, and sql.raw('…')
  `TaggedTemplateExpression[tag.name='sql'] TemplateElement[value.raw=/(\\b(from|join|into|update|table)\\s+\\W?${CORE_TABLE}\\b)|(\\b${CORE_TABLE}\\.\\w)/i]`,
  `CallExpression[callee.object.name='sql'][callee.property.name='raw'][arguments.0.value=/(\\b(from|join|into|update|table)\\s+\\W?${CORE_TABLE}\\b)|(\\b${CORE_TABLE}\\.\\w)/i]`,
].map((selector) => ({ selector, message: coreTableMessage }));

// The seams, as lint. ESLint does not merge one rule's options across config objects (for files
// two objects both match, the later one's list replaces the earlier's), so each object lists every
// selector that applies to its files.
const sourceFiles = ['libs/*/src/**/*.{ts,js}', 'apps/*/src/**/*.{ts,js}'];
const seams = [
  {
    files: sourceFiles,
    ignores: ['libs/git/**', 'libs/test-utils/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'simple-git', message: SIMPLE_GIT }] }],
      'no-restricted-syntax': ['error', ...gitSelectors, ...coreTableSelectors],
    },
  },
  { files: ['libs/core-sessions/src/**/*.{ts,js}'], rules: { 'no-restricted-syntax': ['error', ...gitSelectors] } },
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
  ...seams,
];
