module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'core-sessions',
  rootDir: __dirname,
  collectCoverage: true,
  coverageThreshold: { global: { lines: 85 } },
};
