import { ListToolsResultSchema } from '@modelcontextprotocol/sdk/types.js';
import { AjvJsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/ajv-provider.js';
import type { JsonSchemaType } from '@modelcontextprotocol/sdk/validation/types.js';
import { allTools, listTools } from '../src';

const NAMES = [
  'get_parallel_status',
  'get_my_session',
  'notify_when_merged',
  'check_merge_status',
  'check_conflicts',
  'rebase_assist',
  'get_merge_events',
  'claim_file',
  'release_file',
  'list_file_claims',
  'who_is_editing',
  'detect_advanced_conflicts',
  'get_auto_fix_suggestions',
  'apply_auto_fix',
  'get_conflict_history',
  'preview_session_conflicts',
  'get_notifications',
  'guard_edit',
  'record_edit',
];

const SNAKE = /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/;

type JsonSchema = { type?: string; enum?: unknown[]; description?: string; properties?: Record<string, JsonSchema>; required?: string[] };

describe('allTools as tools/list serves them', () => {
  const listed = listTools(allTools);

  test('19 tools, in order, with unique snake_case names', () => {
    expect(listed.map((t) => t.name)).toEqual(NAMES);
    expect(new Set(listed.map((t) => t.name)).size).toBe(19);
    for (const tool of listed) expect(tool.name).toMatch(SNAKE);
  });

  test('the list is a valid tools/list result by the MCP SDK\'s own schema', () => {
    expect(() => ListToolsResultSchema.parse({ tools: listed })).not.toThrow();
  });

  test.each(listed.map((t) => [t.name, t] as const))('%s: an object schema whose every property is typed and described', (_name, tool) => {
    const schema = tool.inputSchema as JsonSchema;
    expect(schema.type).toBe('object');
    expect(schema.properties).toEqual(expect.any(Object));
    expect(schema).not.toHaveProperty('$schema');
    for (const [key, property] of Object.entries(schema.properties ?? {})) {
      expect(key).toMatch(SNAKE);
      expect(property.type ?? property.enum).toBeDefined();
      expect(property.description).toMatch(/^.{20,}$/s);
    }
    for (const key of schema.required ?? []) expect(Object.keys(schema.properties ?? {})).toContain(key);
    expect(tool.title.length).toBeGreaterThan(5);
    expect(tool.description.length).toBeGreaterThan(150);
    expect(tool.annotations).toEqual({
      title: tool.title,
      readOnlyHint: expect.any(Boolean),
      destructiveHint: expect.any(Boolean),
      idempotentHint: expect.any(Boolean),
      openWorldHint: expect.any(Boolean),
    });
    if (tool.annotations.readOnlyHint) expect(tool.annotations).toMatchObject({ destructiveHint: false, idempotentHint: true });
  });

  test.each(listed.map((t) => [t.name, t] as const))('%s: an output schema of an object, which the SDK\'s validator compiles', (_name, tool) => {
    const schema = tool.outputSchema as JsonSchema & { oneOf?: JsonSchema[] };
    expect(schema.type).toBe('object');
    expect(schema).not.toHaveProperty('$schema');
    // An object's fields, or (claim_file) a choice of objects.
    const shapes = schema.oneOf ?? [schema];
    for (const shape of shapes) expect(Object.keys(shape.properties ?? {}).length).toBeGreaterThan(0);
    expect(() => new AjvJsonSchemaValidator().getValidator(schema as JsonSchemaType)).not.toThrow();
  });

  test('the annotations say which tools change things', () => {
    const by = (hint: 'readOnlyHint' | 'destructiveHint' | 'openWorldHint') => listed.filter((t) => t.annotations[hint]).map((t) => t.name);
    expect(by('destructiveHint')).toEqual(['rebase_assist', 'apply_auto_fix']);
    expect(by('openWorldHint')).toEqual(['get_auto_fix_suggestions']);
    expect(listed.filter((t) => !t.annotations.readOnlyHint).map((t) => t.name)).toEqual([
      'notify_when_merged',
      'rebase_assist',
      'claim_file',
      'release_file',
      'get_auto_fix_suggestions',
      'apply_auto_fix',
      'get_notifications',
      'guard_edit',
      'record_edit',
    ]);
  });

  test('limits reach JSON Schema, so a client can check arguments before calling', () => {
    const schemaOf = (name: string) => listed.find((t) => t.name === name)?.inputSchema as JsonSchema;
    const props = (name: string) => schemaOf(name).properties ?? {};
    expect(props('check_conflicts')['branch']).toMatchObject({ type: 'string', minLength: 1, maxLength: 255, pattern: '^[^-]' });
    // Any case is accepted, so the schema names the modes in its description rather than a case-sensitive enum.
    expect(props('claim_file')['mode']).toMatchObject({ type: 'string', description: expect.stringMatching(/EXCLUSIVE.*SHARED.*INTENT.*Any case/) });
    expect(props('claim_file')['ttl_seconds']).toMatchObject({ type: 'integer', minimum: 60, maximum: 604_800 });
    expect(props('get_merge_events')['limit']).toMatchObject({ type: 'integer', minimum: 1, maximum: 1000 });
    expect(schemaOf('check_conflicts').required).toEqual(['branch', 'target_branch']);
  });
});
