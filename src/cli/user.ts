import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config.js';
import { normalizeEmail, USER_ROLES, type UserRole } from '../domain/account.js';
import { AppError } from '../errors.js';
import { userCreateBody } from '../contracts/account.schema.js';
import { parseOr400 } from '../contracts/validate.js';
import { createLogger } from '../logger.js';
import { createAuditService } from '../services/audit.service.js';
import { OPERATOR } from '../services/auth/principal.js';
import { createUsersService } from '../services/users.service.js';
import { openStore } from '../store/open-store.js';

/**
 * `npm run user -- create --email <e> --name <n> --role admin`: creates a user on the store of the
 * configuration (the first admin, typically), without the API. The password comes from standard
 * input, never from the command line, where `ps` and shell history would keep it.
 */

const USAGE = `Usage:
  npm run user -- create --email <address> --name <name> [--role ${USER_ROLES.join('|')}]
  npm run user -- password --email <address>
  npm run user -- list

The password is read from standard input (its first line), or asked for without echo on a
terminal. The role defaults to admin. Exit status: 0 done; 1 failed (address taken, no such
user, password too short); 64 wrong arguments; 78 a bad setting.
`;

const EXIT = { ok: 0, failed: 1, usage: 64, config: 78 } as const;

/** The first line of stdin; on a terminal, typed with echo off. */
async function readPassword(): Promise<string> {
  const stdin = process.stdin;
  if (!stdin.isTTY) {
    let text = '';
    for await (const chunk of stdin) text += String(chunk);
    return text.split(/\r?\n/)[0] ?? '';
  }
  process.stderr.write('Password (not shown): ');
  stdin.setRawMode(true);
  stdin.setEncoding('utf8');
  return new Promise((resolve, reject) => {
    let typed = '';
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') {
          stdin.setRawMode(false);
          stdin.off('data', onData);
          stdin.pause();
          process.stderr.write('\n');
          resolve(typed);
          return;
        }
        if (ch === '\u0003') {
          stdin.setRawMode(false);
          reject(new Error('cancelled'));
          return;
        }
        typed = ch === '\u007f' ? typed.slice(0, -1) : typed + ch;
      }
    };
    stdin.on('data', onData);
  });
}

async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: { email: { type: 'string' }, name: { type: 'string' }, role: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
    });
  } catch (err) {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n\n${USAGE}`);
    return EXIT.usage;
  }
  const { values, positionals } = parsed;
  const command = positionals[0];
  if (values.help || !command || !['create', 'password', 'list'].includes(command)) {
    process.stderr.write(USAGE);
    return values.help ? EXIT.ok : EXIT.usage;
  }
  if (command !== 'list' && !values.email) {
    process.stderr.write(`--email is required\n\n${USAGE}`);
    return EXIT.usage;
  }
  const role = (values.role ?? 'admin') as UserRole;
  if (!USER_ROLES.includes(role)) {
    process.stderr.write(`--role must be one of ${USER_ROLES.join(', ')}\n`);
    return EXIT.usage;
  }

  const config = loadConfig();
  const log = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel, { stderr: true });
  const store = await openStore(config, log);
  const now = () => new Date();
  const audit = createAuditService({ accounts: store.accounts, now });
  const users = createUsersService({ accounts: store.accounts, audit, now });
  try {
    if (command === 'list') {
      for (const u of await users.list()) process.stdout.write(`${u.email}\t${u.role}\t${u.status}\t${u.name}\n`);
      return EXIT.ok;
    }
    const password = await readPassword();
    if (command === 'create') {
      const input = parseOr400(userCreateBody, { email: values.email, name: values.name ?? values.email, role, password }, 'body');
      const user = await users.create(OPERATOR, input);
      process.stdout.write(`Created ${user.role} ${user.email} (id ${user.id}). Sign in on the dashboard with this address.\n`);
      return EXIT.ok;
    }
    const user = await store.accounts.getUserByEmail(normalizeEmail(values.email ?? ''));
    if (!user) throw new AppError(404, 'not_found', `No user has the address ${values.email}.`);
    await users.update(OPERATOR, user.id, parseOr400(userCreateBody.pick({ password: true }), { password }, 'body'));
    process.stdout.write(`New password set for ${user.email}; their sessions have ended.\n`);
    return EXIT.ok;
  } finally {
    await store.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(EXIT.config);
    }
    const details =
      err instanceof AppError && err.details.length
        ? ` (${err.details.map((d) => (typeof d === 'object' && d && 'field' in d && 'message' in d ? `${String(d.field)} ${String(d.message)}` : '')).join('; ')})`
        : '';
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}${details}\n`);
    process.exit(EXIT.failed);
  },
);
