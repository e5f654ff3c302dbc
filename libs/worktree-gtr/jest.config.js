module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'worktree-gtr',
  rootDir: __dirname,
  collectCoverage: true,
  coverageThreshold: { global: { lines: 85 } },
};
