// Shared jest settings: tests run on TypeScript sources (paths mapped from tsconfig.base.json),
// in Node, transpiled per file by ts-jest; `npm run typecheck` does the type checking.
const { pathsToModuleNameMapper } = require('ts-jest');
const { compilerOptions } = require('./tsconfig.base.json');

module.exports = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
    // ES-module-only dependencies, which Jest's require cannot load as they are.
    '/node_modules/oxc-parser/.+\\.js$': '<rootDir>/../../tools/jest/esm-to-cjs.js',
  },
  transformIgnorePatterns: ['/node_modules/(?!oxc-parser/)'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  setupFiles: ['<rootDir>/../../tools/jest/isolated-home.js'],
  // Suites run real git and real processes; on two busy cores a few seconds is not enough.
  testTimeout: 30_000,
  moduleNameMapper: pathsToModuleNameMapper(compilerOptions.paths, { prefix: '<rootDir>/../../' }),
  testMatch: ['<rootDir>/tests/**/*.test.ts', '<rootDir>/src/**/*.spec.ts'],
  collectCoverageFrom: ['src/**/*.ts', '!src/index.ts', '!src/**/*.spec.ts'],
  coverageReporters: ['text-summary', 'lcov'],
};
