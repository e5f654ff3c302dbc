module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'e2b-runner',
  rootDir: __dirname,
  collectCoverage: true,
  coverageThreshold: { global: { lines: 85 } },
};
