import type { McpTool } from '../tool';
import { applyAutoFix } from './apply-auto-fix';
import { checkConflicts } from './check-conflicts';
import { checkMergeStatus } from './check-merge-status';
import { claimFile } from './claim-file';
import { detectAdvancedConflicts } from './detect-advanced-conflicts';
import { getAutoFixSuggestions } from './get-auto-fix-suggestions';
import { getConflictHistory } from './get-conflict-history';
import { getMergeEvents } from './get-merge-events';
import { getMySession } from './get-my-session';
import { getNotifications } from './get-notifications';
import { getParallelStatus } from './get-parallel-status';
import { guardEdit } from './guard-edit';
import { listFileClaims } from './list-file-claims';
import { notifyWhenMerged } from './notify-when-merged';
import { previewSessionConflicts } from './preview-session-conflicts';
import { rebaseAssist } from './rebase-assist';
import { recordEdit } from './record-edit';
import { releaseFile } from './release-file';
import { whoIsEditing } from './who-is-editing';

/**
 * The 19 parallel-cc tools, in the order `tools/list` shows them. Building this list loads only
 * valibot: each tool imports the libs it adapts when it runs.
 */
export const allTools: readonly McpTool[] = [
  getParallelStatus,
  getMySession,
  notifyWhenMerged,
  checkMergeStatus,
  checkConflicts,
  rebaseAssist,
  getMergeEvents,
  claimFile,
  releaseFile,
  listFileClaims,
  whoIsEditing,
  detectAdvancedConflicts,
  getAutoFixSuggestions,
  applyAutoFix,
  getConflictHistory,
  previewSessionConflicts,
  getNotifications,
  guardEdit,
  recordEdit,
];
