import * as http from 'node:http';
import type { DashboardRecord } from './dashboard-file';
import { readRunningDashboard } from './dashboard-file';

/** Whether the server a record names answers its health check (with the record's token and pid) within `timeoutMs`. */
export function dashboardAnswers(record: DashboardRecord, timeoutMs = 2000): Promise<boolean> {
  return new Promise((resolve) => {
    let url: URL;
    try {
      url = new URL(record.url);
    } catch {
      return resolve(false);
    }
    const token = url.searchParams.get('token') ?? '';
    const request = http.get(
      { host: '127.0.0.1', port: record.port, path: '/api/health', headers: { 'X-Parallel-CC-Token': token, Host: `127.0.0.1:${record.port}` }, timeout: timeoutMs },
      (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (body += chunk));
        response.on('end', () => {
          try {
            resolve(response.statusCode === 200 && (JSON.parse(body) as { pid?: number }).pid === record.pid);
          } catch {
            resolve(false);
          }
        });
      },
    );
    request.on('timeout', () => request.destroy());
    request.on('error', () => resolve(false));
  });
}

/** The dashboard already serving this home: recorded, its process alive, and answering. Null otherwise. */
export async function findRunningDashboard(env: NodeJS.ProcessEnv): Promise<DashboardRecord | null> {
  const record = readRunningDashboard(env);
  return record && (await dashboardAnswers(record)) ? record : null;
}
