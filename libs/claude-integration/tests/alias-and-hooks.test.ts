import { detectShell, lineDiff, shellQuote } from '../src';
import { addAliasBlock, profilePath, removeAliasBlock } from '../src/install/alias';
import { addHooks, inspectHooks, installedHookBinaries, removeHooks } from '../src/install/hooks-config';

describe('alias blocks', () => {
  it.each([null, '', 'a\n', 'a', '# >>> user block\nx\n'])('round-trips %j exactly', (text) => {
    const added = addAliasBlock(text, 'bash');
    expect(added).toContain("alias claude='claude-parallel'");
    expect(addAliasBlock(added, 'bash')).toBe(added);
    expect(removeAliasBlock(added)).toBe(text);
  });

  it('keeps user lines written after our block', () => {
    const added = `${addAliasBlock('a\n', 'zsh')}export X=1\n`;
    expect(removeAliasBlock(added)).toBe('a\nexport X=1\n');
  });

  it('detects the shell from SHELL and names the accepted ones otherwise', () => {
    expect(detectShell({ SHELL: '/usr/bin/zsh' })).toBe('zsh');
    expect(() => detectShell({ SHELL: '/bin/tcsh' })).toThrow(/SHELL="\/bin\/tcsh".*--shell bash, zsh or fish/);
    expect(profilePath('zsh', '/h', { ZDOTDIR: '/z' })).toBe('/z/.zshrc');
    expect(profilePath('fish', '/h', {})).toBe('/h/.config/fish/config.fish');
  });
});

describe('hook entries', () => {
  it('quotes the binary for sh and reads it back', () => {
    const bin = "/home/o'neil/bin/parallel-cc";
    expect(shellQuote(bin)).toBe(`'/home/o'\\''neil/bin/parallel-cc'`);
    expect(installedHookBinaries(addHooks({}, bin))).toEqual([bin]);
  });

  it('recognises its hooks whatever the binary is called, and adds them only once', () => {
    for (const bin of ['/usr/local/bin/parallel-cc', '/lib/node_modules/@parallel-cc/cli/bin/parallel-cc.js']) {
      const once = addHooks({}, bin);
      expect(addHooks(JSON.parse(JSON.stringify(once)), bin)).toEqual(once);
      expect(inspectHooks(once, bin)).toEqual({
        SessionStart: 'installed',
        PreToolUse: 'installed',
        PostToolUse: 'installed',
        SessionEnd: 'installed',
        WorktreeCreate: 'installed',
        WorktreeRemove: 'installed',
      });
      expect(removeHooks(once)).toEqual({});
    }
    expect(inspectHooks(addHooks({}, '/x/other-tool'), '/x/other-tool').PostToolUse).toBe('missing');
  });

  it('removes only ours from a group shared with the user', () => {
    const settings = {
      hooks: { PostToolUse: [{ matcher: '*', hooks: [{ type: 'command', command: 'lint' }, { type: 'command', command: "'/b/parallel-cc' hook post-tool-use" }] }] },
    };
    expect(inspectHooks(settings, '/b/parallel-cc').PostToolUse).toBe('installed');
    expect(removeHooks(settings)).toEqual({ hooks: { PostToolUse: [{ matcher: '*', hooks: [{ type: 'command', command: 'lint' }] }] } });
  });

  it('shows a change as removed and added lines', () => {
    expect(lineDiff('{\n  "a": 1\n}\n', '{\n  "a": 1,\n  "b": 2\n}\n')).toBe('-  "a": 1\n+  "a": 1,\n+  "b": 2');
    expect(lineDiff(null, 'x\n')).toBe('+x');
  });
});
