import { makeRepo, removeTempDirs } from '@parallel-cc/test-utils';
import { loadAliases } from '../src/semantic/load-aliases';
import { mayNameFile } from '../src/semantic/module-paths';
import { aliasedFiles, aliasesOf, tsconfigCandidates, tsconfigFacts } from '../src/semantic/path-aliases';

afterAll(() => removeTempDirs());

describe('a tsconfig read for its module names', () => {
  test('comments and trailing commas as TypeScript reads them; extends, baseUrl and paths resolved from its folder', () => {
    const text = `{
      // the base
      "extends": "../tsconfig.base",
      "compilerOptions": { "baseUrl": ".", "paths": { "~/*": ["src/*"], }, /* more */ },
    }`;
    expect(tsconfigFacts('pkg/tsconfig.json', text)).toEqual({ extends: ['tsconfig.base.json'], baseUrl: 'pkg', paths: { '~/*': ['src/*'] }, folder: 'pkg' });
  });

  test('an extends list keeps its relative configs (a package config is not read); no compilerOptions, no paths', () => {
    expect(tsconfigFacts('tsconfig.json', '{ "extends": ["@tsconfig/node20/tsconfig.json", "./a.json", "./b"] }')).toEqual({ extends: ['a.json', 'b.json'], folder: '.' });
  });

  test('a config extended from outside the repository is left out', () => {
    expect(tsconfigFacts('pkg/tsconfig.json', '{ "extends": ["../../outside", "./../base.json"] }')).toEqual({ extends: ['base.json'], folder: 'pkg' });
  });

  test('not a JSON object: null', () => {
    expect(tsconfigFacts('tsconfig.json', '[1, 2]')).toBeNull();
    expect(tsconfigFacts('tsconfig.json', 'not json')).toBeNull();
  });

  test('the candidates of a file: a tsconfig.json, then a jsconfig.json, in its folder, then in each folder above', () => {
    expect(tsconfigCandidates('packages/app/x.ts')).toEqual(['packages/app/tsconfig.json', 'packages/app/jsconfig.json', 'packages/tsconfig.json', 'packages/jsconfig.json', 'tsconfig.json', 'jsconfig.json']);
    expect(tsconfigCandidates('x.ts')).toEqual(['tsconfig.json', 'jsconfig.json']);
  });
});

describe('aliases of a chain of configs, the most derived first', () => {
  test('paths from the first config that sets them, against the first baseUrl set anywhere in the chain', () => {
    const derived = { extends: ['base.json'], baseUrl: 'pkg', folder: 'pkg' };
    const base = { extends: [], paths: { '@/*': ['src/*'] }, folder: '.' };
    expect(aliasedFiles(aliasesOf([derived, base])!, '@/lib/math')).toEqual(['pkg/src/lib/math']);
  });

  test('without a baseUrl, against the folder of the config that set them', () => {
    const derived = { extends: ['config/base.json'], folder: 'pkg' };
    const base = { extends: [], paths: { '@/*': ['../src/*'] }, folder: 'config' };
    expect(aliasedFiles(aliasesOf([derived, base])!, '@/lib/math')).toEqual(['src/lib/math']);
  });

  test('a derived config that sets paths replaces the base config\'s whole', () => {
    const derived = { extends: ['base.json'], paths: { '#/*': ['lib/*'] }, folder: '.' };
    const base = { extends: [], paths: { '@/*': ['src/*'] }, folder: '.' };
    const aliases = aliasesOf([derived, base])!;
    expect(aliasedFiles(aliases, '@/x')).toBeNull();
    expect(aliasedFiles(aliases, '#/x')).toEqual(['lib/x']);
  });

  test('no paths anywhere: no aliases', () => {
    expect(aliasesOf([{ extends: [], baseUrl: '.', folder: '.' }])).toBeNull();
  });

  test('an exact pattern first, else the longest prefix; every substitution; a pattern with two stars is ignored', () => {
    const aliases = aliasesOf([
      { extends: [], folder: '.', paths: { 'config': ['conf/index.ts'], '@/*': ['src/*', 'gen/*'], '@/ui/*': ['ui/*'], '*/*/*': ['x'] } },
    ])!;
    expect(aliasedFiles(aliases, 'config')).toEqual(['conf/index.ts']);
    expect(aliasedFiles(aliases, '@/lib')).toEqual(['src/lib', 'gen/lib']);
    expect(aliasedFiles(aliases, '@/ui/button')).toEqual(['ui/button']);
    expect(aliasedFiles(aliases, 'react')).toBeNull();
  });
});

describe('mayNameFile with the aliases that govern the importing file', () => {
  const aliases = aliasesOf([{ extends: [], baseUrl: 'orm', paths: { '~/*': ['src/*'] }, folder: 'orm' }])!;

  test.each([
    ['~/session.ts', 'orm/src/session.ts', true],
    ['~/session.ts', 'orm/src/pg/session.ts', false],
    ['~/pg/session', 'orm/src/pg/session.ts', true],
    ['~/lib', 'orm/src/lib/index.ts', true],
    ['~/lib.js', 'orm/src/lib.ts', true],
  ])('%s names %s: %s', (specifier, target, expected) => {
    expect(mayNameFile(specifier, 'orm/src/netlify/session.ts', target, aliases)).toBe(expected);
  });

  test('a specifier no pattern matches, or a relative one, is read as without aliases', () => {
    expect(mayNameFile('drizzle-orm/session', 'kit/src/x.ts', 'drizzle-orm/session.ts', aliases)).toBe(true);
    expect(mayNameFile('./session', 'orm/src/pg/x.ts', 'orm/src/pg/session.ts', aliases)).toBe(true);
    // Without them, an alias is a guess by the path's ending.
    expect(mayNameFile('~/session.ts', 'orm/src/netlify/session.ts', 'orm/src/pg/session.ts')).toBe(true);
  });
});

describe('loadAliases', () => {
  test('each file gets the nearest tsconfig.json at the revision, with the configs it extends', async () => {
    const repo = makeRepo({
      'tsconfig.base.json': '{ "compilerOptions": { "paths": { "@/*": ["shared/*"] } } }',
      'orm/tsconfig.json': '{ "extends": "../tsconfig.base.json", "compilerOptions": { "baseUrl": ".", "paths": { "~/*": ["src/*"] } } }',
      'orm/src/a.ts': '',
      'kit/tsconfig.json': '{ "extends": "../tsconfig.base.json" }',
      'kit/src/b.ts': '',
      'loose/c.ts': '',
      'web/jsconfig.json': '{ "compilerOptions": { "baseUrl": ".", "paths": { "@/*": ["lib/*"] } } }',
      'web/lib/d.js': '',
    });
    const aliases = await loadAliases(repo, 'HEAD', ['orm/src/a.ts', 'kit/src/b.ts', 'loose/c.ts', 'web/lib/d.js']);
    expect(aliasedFiles(aliases.get('orm/src/a.ts')!, '~/x')).toEqual(['orm/src/x']);
    expect(aliasedFiles(aliases.get('orm/src/a.ts')!, '@/x')).toBeNull();
    // Paths from the base config, resolved from its own folder (no baseUrl in the chain).
    expect(aliasedFiles(aliases.get('kit/src/b.ts')!, '@/x')).toEqual(['shared/x']);
    expect(aliases.get('loose/c.ts')).toBeNull();
    // A JavaScript project's jsconfig.json, as editors read it.
    expect(aliasedFiles(aliases.get('web/lib/d.js')!, '@/x')).toEqual(['web/lib/x']);
  });

  test('a tsconfig extending a file outside the repository still gives its own paths, and the reader goes on', async () => {
    const repo = makeRepo({ 'tsconfig.json': '{ "extends": "../../../base.json", "compilerOptions": { "paths": { "@/*": ["src/*"] } } }', 'src/a.ts': '' });
    const aliases = await loadAliases(repo, 'HEAD', ['src/a.ts']);
    expect(aliasedFiles(aliases.get('src/a.ts')!, '@/x')).toEqual(['src/x']);
  });

  test('an extends cycle ends', async () => {
    const repo = makeRepo({
      'tsconfig.json': '{ "extends": "./b.json", "compilerOptions": { "paths": { "@/*": ["src/*"] } } }',
      'b.json': '{ "extends": "./tsconfig.json" }',
      'src/a.ts': '',
    });
    const aliases = await loadAliases(repo, 'HEAD', ['src/a.ts']);
    expect(aliasedFiles(aliases.get('src/a.ts')!, '@/x')).toEqual(['src/x']);
  });
});
