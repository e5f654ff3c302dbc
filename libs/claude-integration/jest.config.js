module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'claude-integration',
  rootDir: __dirname,
  collectCoverage: true,
  coverageThreshold: { global: { lines: 85 } },
};
