// The public API of @parallel-cc/dashboard-server: everything exported here is public.
export { startDashboardServer } from './dashboard-server';
export type { DashboardServer, DashboardServerOptions } from './dashboard-server';
export { serveDashboard, checkPort } from './serve-dashboard';
export type { ServeDashboardOptions, ServedDashboard } from './serve-dashboard';
export { liveStateSource, toStateChange } from './live-state-source';
export type { LiveStateSource, StateChange } from './state-source';
export { readRunningDashboard, dashboardFile } from './dashboard-file';
export type { DashboardRecord } from './dashboard-file';
export { findRunningDashboard } from './running-dashboard';
export { dashboardAssetsDir } from './assets-dir';
export { DashboardServerError } from './errors';
export type { DashboardServerErrorCode } from './errors';
