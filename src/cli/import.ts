import { runImportCommand } from './import.command.js';

/** `npm run import`: the import command (import.command.ts) on this process's arguments, settings and streams. */
process.exitCode = await runImportCommand(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  prettyLogs: process.stderr.isTTY,
});
