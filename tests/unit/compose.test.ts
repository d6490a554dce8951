import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { SETTINGS } from '../../src/config.js';

/** No Docker engine runs here: check what can be checked of the production shape without one. */
interface Service {
  command?: string[];
  environment?: Record<string, string>;
  healthcheck?: { test: string[] };
  depends_on?: Record<string, { condition?: string }>;
  volumes?: string[];
  image?: string;
  build?: string;
}

const compose = parse(readFileSync('docker-compose.yml', 'utf8'), { merge: true }) as { services: Record<string, Service>; volumes: Record<string, unknown> };
const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> };
const dockerfile = readFileSync('Dockerfile', 'utf8');

describe('docker-compose.yml', () => {
  it('runs api, worker and scheduler from one image, with mongo and redis', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['api', 'mongo', 'redis', 'scheduler', 'worker']);
    const images = new Set(['api', 'worker', 'scheduler'].map((s) => compose.services[s]!.image));
    expect(images.size).toBe(1);
    expect(compose.services.mongo!.image).toMatch(/^mongo:(7|8)/);
    expect(compose.services.redis!.image).toMatch(/^redis:7/);
  });

  it.each(['api', 'worker', 'scheduler'])('%s runs a built entry point whose source exists and that package.json names', (name) => {
    const cmd = compose.services[name]!.command!;
    expect(cmd[0]).toBe('node');
    const built = cmd[1]!;
    expect(built).toMatch(/^dist\/.+\.js$/);
    expect(existsSync(built.replace(/^dist\//, '').replace(/\.js$/, '.ts'))).toBe(true);
    expect(Object.values(pkg.scripts)).toContain(`node ${built}`);
  });

  it.each(['api', 'worker', 'scheduler'])('%s passes only settings the configuration knows', (name) => {
    const env = Object.keys(compose.services[name]!.environment ?? {});
    expect(env).toEqual(expect.arrayContaining(['MONGODB_URI', 'REDIS_URL', 'ADMIN_TOKEN']));
    for (const key of env) expect(SETTINGS, key).toContain(key);
  });

  it('has health checks and named volumes for the stateful services', () => {
    for (const name of ['api', 'mongo', 'redis']) expect(compose.services[name]!.healthcheck?.test.length, name).toBeGreaterThan(1);
    expect(Object.keys(compose.volumes).sort()).toEqual(['mongo-data', 'redis-data']);
    expect(compose.services.mongo!.volumes).toContain('mongo-data:/data/db');
  });

  it('runs mongo as the replica set MONGODB_URI names, initiated once by its health check, healthy only as primary', () => {
    const mongo = compose.services.mongo!;
    const set = /replicaSet=([\w-]+)/.exec(compose.services.api!.environment!.MONGODB_URI!)?.[1];
    expect(set).toBeDefined();
    expect(mongo.command).toEqual(expect.arrayContaining(['--replSet', set]));
    const check = mongo.healthcheck!.test.join(' ');
    // Initiated only when rs.status() fails (never initiated), with the host the services reach it by.
    expect(check).toMatch(/try \{ rs\.status\(\) \} catch \(e\) \{ rs\.initiate\(/);
    expect(check).toContain(`_id: '${set}'`);
    expect(check).toContain("host: 'mongo:27017'");
    expect(check).toMatch(/isWritablePrimary \? 0 : 1/);
  });

  it.each(['api', 'worker', 'scheduler'])('%s waits for a healthy mongo and redis', (name) => {
    expect(compose.services[name]!.depends_on).toEqual({ mongo: { condition: 'service_healthy' }, redis: { condition: 'service_healthy' } });
  });

  it('gives the api its public address', () => {
    // `${PUBLIC_URL:-default}`: compose's interpolation, whose default must itself be a URL.
    const raw = compose.services.api!.environment!.PUBLIC_URL!;
    const url = /^\$\{PUBLIC_URL:-(.+)\}$/.exec(raw)?.[1];
    expect(url, raw).toBeDefined();
    expect(new URL(url!).protocol).toMatch(/^https?:$/);
  });

  it('builds from a multi-stage Dockerfile on a current Node LTS image', () => {
    const froms = [...dockerfile.matchAll(/^FROM\s+(\S+)/gm)].map((m) => m[1]);
    expect(froms.length).toBeGreaterThanOrEqual(2);
    for (const f of froms) expect(f).toMatch(/^node:(22|24)-/);
    expect(dockerfile).toContain('npm run build');
  });
});
