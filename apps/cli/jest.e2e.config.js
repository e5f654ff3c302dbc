// The end-to-end tests that drive the real Claude Code CLI: run by `npm run e2e:claude`, which
// installs it and passes its path in PARALLEL_CC_E2E_CLAUDE; not part of `npm test`.
module.exports = {
  ...require('./jest.config.js'),
  displayName: 'cli-e2e',
  testMatch: ['<rootDir>/tests-e2e/**/*.test.ts'],
  testTimeout: 120_000,
};
