/**
 * Which way imports may point (README, Architecture; docs/architecture.md). Each folder lists what it must not import;
 * eslint's no-restricted-imports fails `npm test` on an import that points back up.
 *
 *   domain  ←  pure stages (enrich, geo, topics, time, import, language, sentiment, terms, network, alerts-text, chat)  ←  services  ←  http, jobs
 *   contracts (request/response schemas) and errors.ts are neutral: anyone may use them.
 *   store, queue and sources are adapters behind ports (store.port.ts, jobs.ts, source.port.ts);
 *   only the composition root (app.ts) and the entry points pick an adapter.
 *   sources/registry.ts lists the sources (types, labels, settings, campaign options): contracts and
 *   services may read it, never a source's own folder.
 *   net/ is the outbound HTTP adapter (the address rules and the guarded fetch for servers users
 *   choose); it imports nothing of the project. Contracts may use its pure address rules only.
 *   workers/ holds entry points only; nothing in src/ imports it.
 */

/** A specifier naming one of these folders (relative: `../http/x.js`, `../../store/sqlite/y.js`). */
const folder = (...names) => `(^|/)(${names.join('|')})/`;
const ROOT_FILES = '(^|/)(app|main|server)\\.js$';
/** Every folder under sources/ is one source's adapter, so a new source is covered without a change here. */
const CONCRETE_ADAPTERS = '(^|/)(store/(sqlite|mongo)|queue/(bullmq|inline)|sources/[^/]+)/';
/** In sources/, anything but the registry (and the port, for those that may see adapters through it). */
const sourcesBut = (...allowed) => `(^|/)sources/(?!(${allowed.map((f) => f.replaceAll('.', '\\.')).join('|')})$)`;

const rule = (...forbidden) => ({
  'no-restricted-imports': [
    'error',
    {
      patterns: forbidden.map(([regex, message]) => ({ regex, message })),
    },
  ],
});

const noWorkers = [folder('workers'), 'workers/ holds entry points only: move shared code into src/.'];
const noEntry = [ROOT_FILES, 'Only entry points import the composition root.'];

export const LAYERS = [
  {
    files: ['src/domain/**/*.ts'],
    rules: rule(['^\\.\\./', 'domain/ is pure types and rules: it imports nothing of the project outside domain/.']),
  },
  {
    files: [
      'src/enrich/**/*.ts',
      'src/geo/**/*.ts',
      'src/topics/**/*.ts',
      'src/time/**/*.ts',
      'src/import/**/*.ts',
      'src/language/**/*.ts',
      'src/sentiment/**/*.ts',
      'src/alerts-text/**/*.ts',
      'src/terms/**/*.ts',
      'src/network/**/*.ts',
      'src/chat/**/*.ts',
    ],
    rules: rule(
      [
        folder('services', 'http', 'jobs', 'store', 'queue', 'sources', 'cli', 'demo', 'process', 'observability', 'contracts'),
        'Pure stages use domain/ and each other only: no I/O, no service, no adapter.',
      ],
      ['(^|/)config\\.js$', 'Pure stages take settings as arguments.'],
      noEntry,
      noWorkers,
    ),
  },
  {
    files: ['src/contracts/**/*.ts', 'src/errors.ts'],
    rules: rule(
      [
        folder('services', 'http', 'jobs', 'store', 'queue', 'cli', 'demo', 'process'),
        'Contracts and errors are neutral: domain/, zod and the source registry only.',
      ],
      [sourcesBut('registry.js'), 'Contracts read the sources from sources/registry.ts only.'],
      ['(^|/)net/(?!outbound-address\\.js$)', 'Contracts check addresses with net/outbound-address.ts only: no I/O.'],
      noEntry,
      noWorkers,
    ),
  },
  {
    files: ['src/services/**/*.ts'],
    rules: rule(
      [folder('http', 'jobs', 'cli', 'demo', 'process'), 'Services are called by http/ and jobs/, never the other way round.'],
      [CONCRETE_ADAPTERS, 'Services see stores, queues and sources through their ports.'],
      [sourcesBut('registry.js', 'source.port.js'), 'Services see the sources through sources/registry.ts and source.port.ts only.'],
      noEntry,
      noWorkers,
    ),
  },
  {
    files: ['src/http/**/*.ts'],
    rules: rule(
      [folder('jobs', 'cli', 'demo', 'process', 'store', 'queue'), 'Routes parse, call a service, respond: no store, no queue.'],
      [CONCRETE_ADAPTERS, 'Routes never pick an adapter.'],
      noEntry,
      noWorkers,
    ),
  },
  {
    files: ['src/jobs/**/*.ts'],
    rules: rule(
      [folder('http', 'cli', 'demo', 'process'), 'Processors are plain functions of (payload, deps): no HTTP.'],
      [CONCRETE_ADAPTERS, 'Processors see stores, queues and sources through their ports.'],
      noEntry,
      noWorkers,
    ),
  },
  {
    files: ['src/net/**/*.ts'],
    rules: rule(['^\\.\\./', 'net/ is the outbound HTTP adapter: it imports nothing of the project outside net/.']),
  },
  {
    files: ['src/store/**/*.ts', 'src/queue/**/*.ts', 'src/sources/**/*.ts'],
    rules: rule(
      [folder('services', 'http', 'jobs', 'cli', 'demo', 'process', 'contracts'), 'Adapters implement ports: they know nothing of the layers that use them.'],
      noEntry,
      noWorkers,
    ),
  },
  {
    files: ['src/cli/**/*.ts'],
    rules: rule([folder('http', 'jobs'), 'The command line calls services, as the API does.'], noWorkers),
  },
  {
    files: ['src/*.ts', 'src/demo/**/*.ts', 'src/process/**/*.ts', 'src/observability/**/*.ts', 'src/charts/**/*.ts'],
    ignores: ['src/errors.ts'],
    rules: rule(noWorkers),
  },
];
