// The public API of @parallel-cc/conflict-engine: everything exported here is public.
export { detectConflicts } from './detect-conflicts';
export type { DetectConflictsOptions, ConflictReport } from './detect-conflicts';
export { collectConflicts, conflictKind } from './conflicts';
export type { Conflict, ConflictKind, ConflictStages } from './conflicts';
export { parseMergeTree } from './parsers/merge-tree';
export type { MergeTreeOutput, MergeMessage, StageEntry } from './parsers/merge-tree';
export { refProblem, assertValidRef } from './refs';
export { ConflictEngineError } from './errors';
export type { ConflictEngineErrorCode } from './errors';
export { classify } from './classify/classify';
export type { ClassifyContext } from './classify/analyze-code';
export type { Classification, ConflictClass, Severity } from './classify/classification';
export type { ConflictFile, FileVersion, ChangedFile } from './conflict-file';
export { conflictRegions } from './regions';
export type { ConflictRegion } from './regions';
