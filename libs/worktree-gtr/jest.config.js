module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'worktree-gtr',
  rootDir: __dirname,
  coverageThreshold: { global: { lines: 85 } },
};
