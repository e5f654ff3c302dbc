module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'merge-detector',
  rootDir: __dirname,
  collectCoverage: true,
  coverageThreshold: { global: { lines: 85 } },
};
