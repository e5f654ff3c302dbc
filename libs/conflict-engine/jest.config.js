module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'conflict-engine',
  rootDir: __dirname,
  collectCoverage: true,
  coverageThreshold: { global: { lines: 85 } },
};
