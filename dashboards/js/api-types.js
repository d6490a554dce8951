// The API's answers (API.md) as the dashboard reads them: only the fields it uses. Types only, for
// the type checker (tsconfig.dashboard.json): modules name them in JSDoc `@import` comments, so no
// page ever loads this file. The chart answers are in chart-spec.js, which the server shares.

/**
 * A field a request got wrong (an error's `details[]`).
 * @typedef {{ field: string | number, message: string }} ErrorDetail
 */

/**
 * How the last collection from one source went (Campaign.collection; a share link sees only the freshness).
 * @typedef {object} SourceStatus
 * @property {'never' | 'queued' | 'running' | 'succeeded' | 'failed' | 'interrupted'} outcome
 * @property {string | null} [lastRunAt]
 * @property {string | null} [lastSuccessAt]
 * @property {number} [postsStored]
 * @property {string | null} [error]
 */

/**
 * A source this server knows (GET /api/v1/sources).
 * @typedef {object} SourceInfo
 * @property {string} type
 * @property {string} label
 * @property {boolean} collects
 * @property {boolean} billed
 * @property {boolean} credentialsSet
 * @property {string | null} setup what to set when its credentials are missing
 */

/**
 * @typedef {object} Campaign
 * @property {string} id
 * @property {string} name
 * @property {string[]} hashtags
 * @property {string} startsAt
 * @property {string | null} [endsAt]
 * @property {string} timeZone
 * @property {string[]} [cities]
 * @property {Record<string, string[]>} [topics]
 * @property {Array<{ type: string, instances?: string[] }>} [sources]
 * @property {string} [schedule]
 * @property {number | null} [monthlyReadBudget]
 * @property {{ positive: string[], negative: string[] }} [sentimentWords] the campaign's own words of feeling
 * @property {'active' | 'archived'} status
 * @property {boolean} [demo]
 * @property {Record<string, SourceStatus>} [collection]
 * @property {{ edit: boolean, export?: boolean }} [permissions] what the caller may do with it
 * @property {string | null} [organisation] named in the report's header
 * @property {string | null} [preparedFor] whom the report is for
 * @property {boolean} [shareMaskHandles] share links show pseudonyms instead of authors' handles and names
 * @property {{ contentType: string, size: number, updatedAt: string } | null} [logo] the organisation's logo (GET …/logo)
 */

/**
 * The headline figures of a filtered set (metrics/summary).
 * @typedef {object} Summary
 * @property {number} posts
 * @property {number} contributors
 * @property {number} reach
 * @property {number} impressions
 * @property {number} impressionsReported
 * @property {number} impressionsEstimated
 * @property {number} engagement
 * @property {number | null} engagementRate
 * @property {string} from
 * @property {string} to
 * @property {string} computedAt
 * @property {PreviousPeriod | null} [previous] with compare=previous: the range of equal length just before (null: outside what may be shown)
 */

/**
 * The figures of the previous period (metrics/summary?compare=previous).
 * @typedef {object} PreviousPeriod
 * @property {number} posts
 * @property {number} contributors
 * @property {number} reach
 * @property {number} impressions
 * @property {number} engagement
 * @property {string} from
 * @property {string} to
 */

/**
 * An author of the conversation network (network).
 * @typedef {object} NetworkNode
 * @property {string} id
 * @property {string | null} handle
 * @property {string} platform
 * @property {number} posts
 * @property {number} reach
 * @property {number} degree
 */

/**
 * A bucket far above the usual level (metrics/spikes).
 * @typedef {object} SpikePoint
 * @property {string} bucket
 * @property {number} posts
 * @property {number} expected
 * @property {number} score
 */

/**
 * @typedef {object} Post
 * @property {string} text
 * @property {{ id: string, name?: string | null, handle?: string | null }} author
 * @property {{ label: string } | null} [city]
 * @property {{ label: string } | null} [province]
 * @property {string | null} [url]
 * @property {number | null} impressions
 * @property {'reported' | 'estimated' | null} [impressionsSource]
 * @property {string} platform where it was published
 * @property {string} [source] how it came in
 * @property {string} [language] ISO 639-1 code, `und` when unknown
 * @property {'positive' | 'neutral' | 'negative'} [sentiment]
 * @property {'auto' | 'manual'} [sentimentSource]
 * @property {string} createdAt
 * @property {string[]} topics
 * @property {number} likes
 * @property {number} reposts
 * @property {number} replies
 * @property {number} engagement
 */

/**
 * One row of metrics/terms: a hashtag (no leading hash sign), a word, or a mention (with its at sign).
 * @typedef {{ term: string, posts: number, contributors: number, engagement: number }} TermRow
 */

/**
 * @typedef {object} Contributor
 * @property {string} [authorId]
 * @property {string | null} [name]
 * @property {string | null} [handle]
 * @property {string} [platform] where the author publishes
 * @property {number} posts
 * @property {number} reach
 * @property {number} engagement
 */

/**
 * A collection run (runs).
 * @typedef {object} Run
 * @property {string} source
 * @property {string} kind
 * @property {string} status
 * @property {string | null} [error]
 * @property {string} startedAt
 * @property {number} newPosts
 * @property {number} [pages]
 * @property {number} [postsRead]
 * @property {string} [jobId]
 */

/**
 * What an import stored and which rows it refused.
 * @typedef {{ imported: number, duplicates: number, rejected: Array<{ row: number, error: string }> }} ImportResult
 */

/**
 * One column of an import file (GET /import/columns), its meaning in the caller's language.
 * @typedef {{ name: string, required: boolean, meaning: string, example: string }} ImportColumn
 */

/**
 * One row of an import's dry run: what was read and whether it would be stored, or its problems.
 * @typedef {object} ImportPreviewRow
 * @property {number} row
 * @property {boolean} ok
 * @property {string} [error]
 * @property {string} [platform]
 * @property {string} [postId]
 * @property {string} [createdAt]
 * @property {string} [author]
 * @property {string} [text]
 * @property {{ likes?: number, reposts?: number, replies?: number, quotes?: number, bookmarks?: number }} [counts]
 * @property {number} [views]
 */

/**
 * What an import would do (POST /campaigns/:id/import?dryRun=true); nothing is stored.
 * @typedef {{ dryRun: true, rows: number, accepted: number, rejected: Array<{ row: number, error: string }>, preview: ImportPreviewRow[] }} ImportPreview
 */

/**
 * @typedef {'admin' | 'manager' | 'participant' | 'viewer'} Role
 * @typedef {{ id?: string, name: string, email: string, role: Role }} User
 */

/**
 * A sponsor's read-only link to one campaign's report.
 * @typedef {object} ShareLink
 * @property {string} id
 * @property {string} campaignId
 * @property {string} label
 * @property {string | null} from
 * @property {string | null} to
 * @property {string} expiresAt
 * @property {string | null} [revokedAt]
 * @property {boolean} allowExport
 * @property {string | null} [lastUsedAt]
 * @property {string} prefix
 * @property {string} createdBy
 * @property {string} createdAt
 * @property {string} status
 * @property {string} [token] the secret, in the answer that created it only
 * @property {string} [url]
 */

/**
 * Who the page speaks for (GET /session).
 * @typedef {{ kind: 'operator', role: Role, csrfToken?: string }
 *   | { kind: 'user', role: Role, user: User, csrfToken?: string, tokenControls?: boolean }
 *   | { kind: 'share', role?: undefined, link: ShareLink, csrfToken?: string }} Who
 */

/**
 * A member of a campaign.
 * @typedef {object} Member
 * @property {string} userId
 * @property {string} name
 * @property {string} email
 * @property {Role} role
 * @property {boolean} own
 * @property {boolean} owner  created the campaign: cannot be removed
 * @property {boolean} mayExport  a manager granted the raw CSV export
 * @property {string} addedBy
 * @property {string} addedAt
 */

/**
 * A personal API token.
 * @typedef {object} ApiToken
 * @property {string} id
 * @property {string} name
 * @property {string} prefix
 * @property {string} createdAt
 * @property {string | null} [revokedAt]
 * @property {string | null} [expiresAt]
 * @property {string | null} [lastUsedAt]
 * @property {string} status
 * @property {string} [token] the secret, in the answer that created it only
 */

/**
 * A kota or kabupaten of the gazetteer (GET /cities).
 * @typedef {{ code: string, name: string, officialName: string, kind: 'kota' | 'kabupaten', province: { name: string } }} City
 */

export {};
