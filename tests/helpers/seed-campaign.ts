import { expect } from 'vitest';
import { startService, type RunningService } from './service.js';

/**
 * A campaign with 200 imported posts over three days of November 2026, created through the API:
 * what a fault test stores before the fault, and again on a clean service to compare figures.
 */
export const SEED_WINDOW = { from: '2026-11-01', to: '2026-11-08' };

export function seedCsv(): string {
  const rows = ['platform,post_id,created_at,text,author_id,likes,city'];
  for (let i = 0; i < 200; i++) {
    const text = i % 4 === 0 ? 'Banjir lagi di kota kami #Seed' : 'Kegiatan relawan #Seed';
    rows.push(
      `instagram,s${i},2026-11-0${2 + (i % 3)}T${String(8 + (i % 10)).padStart(2, '0')}:00:00+07:00,${text},ig-${i % 40},${i % 9},${i % 2 ? '73.71' : '53.71'}`,
    );
  }
  return `${rows.join('\n')}\n`;
}

/** `api`: fetch against the service with the admin token (RunningService.api, or a child process's). */
export async function seedCampaign(api: (pathname: string, init?: RequestInit) => Promise<Response>): Promise<string> {
  const created = await api('/api/v1/campaigns', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Seeded', hashtags: ['#Seed'], startsAt: '2026-11-01T00:00:00+07:00', cities: ['73.71', '53.71'] }),
  });
  expect(created.status, await created.clone().text()).toBe(201);
  const id = ((await created.json()) as { campaign: { id: string } }).campaign.id;
  const imported = await api(`/api/v1/campaigns/${id}/import`, { method: 'POST', headers: { 'content-type': 'text/csv; charset=utf-8' }, body: seedCsv() });
  expect(imported.status, await imported.clone().text()).toBe(200);
  return id;
}

/** A fresh service holding the seeded campaign, its follow-up work done: the clean run. */
export async function cleanSeededService(): Promise<RunningService> {
  const svc = await startService();
  await seedCampaign(svc.api);
  await svc.idle();
  return svc;
}
