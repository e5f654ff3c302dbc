module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'mcp-tools',
  rootDir: __dirname,
  collectCoverage: true,
  coverageThreshold: { global: { lines: 85 } },
};
