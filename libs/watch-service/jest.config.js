module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'watch-service',
  rootDir: __dirname,
  collectCoverage: true,
  coverageThreshold: { global: { lines: 85 } },
};
