import { existsSync, mkdirSync, renameSync } from 'node:fs'
import { dirname } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { migrate } from './migrations'

/** The store could not be opened; the message says where and why, never a stack of SQL. */
export class StoreOpenError extends Error {
  readonly code = 'store-open-failed'
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = 'StoreOpenError'
  }
}

export interface OpenedDatabase {
  db: DatabaseSync
  /** Where a corrupt database was moved before a fresh one was started. */
  movedAside: string | null
}

const SQLITE_READONLY = 8
const SQLITE_CORRUPT = 11
const SQLITE_CANTOPEN = 14
const SQLITE_NOTADB = 26

function sqliteCode(err: unknown): number | undefined {
  const code = (err as { errcode?: unknown } | null)?.errcode
  return typeof code === 'number' ? code & 0xff : undefined
}

function configure(db: DatabaseSync, inMemory: boolean): void {
  // Durability first: a webhook is acknowledged only after COMMIT, so COMMIT must mean on disk.
  db.exec('PRAGMA journal_mode = WAL')
  db.exec('PRAGMA synchronous = FULL')
  db.exec('PRAGMA foreign_keys = ON')
  db.exec('PRAGMA busy_timeout = 5000')
  const mode = (db.prepare('PRAGMA journal_mode').get() as { journal_mode: string }).journal_mode
  const sync = (db.prepare('PRAGMA synchronous').get() as { synchronous: number }).synchronous
  if (mode.toLowerCase() !== (inMemory ? 'memory' : 'wal') || sync !== 2) {
    throw new StoreOpenError(`SQLite refused the durability settings (journal_mode=${mode}, synchronous=${sync}).`)
  }
  migrate(db)
}

function tryOpen(file: string): DatabaseSync {
  const db = new DatabaseSync(file)
  try {
    configure(db, file === ':memory:')
    return db
  } catch (err) {
    db.close()
    throw err
  }
}

function moveAside(file: string, stamp: number): string {
  const target = `${file}.corrupt-${stamp}`
  renameSync(file, target)
  for (const suffix of ['-wal', '-shm']) {
    if (existsSync(file + suffix)) renameSync(file + suffix, target + suffix)
  }
  return target
}

/**
 * Opens (or creates) the capture database. A corrupt file is moved aside and a fresh one
 * started, so the app still opens; an unwritable location is a clear error.
 */
export function openDatabase(file: string, now: () => number = Date.now): OpenedDatabase {
  if (file !== ':memory:') {
    try {
      mkdirSync(dirname(file), { recursive: true })
    } catch (err) {
      throw new StoreOpenError(`Cannot create the data directory ${dirname(file)}: ${(err as Error).message}`, { cause: err })
    }
  }
  try {
    return { db: tryOpen(file), movedAside: null }
  } catch (err) {
    if (err instanceof StoreOpenError) throw err
    const code = sqliteCode(err)
    if (code === SQLITE_CORRUPT || code === SQLITE_NOTADB) {
      const movedTo = moveAside(file, now())
      try {
        return { db: tryOpen(file), movedAside: movedTo }
      } catch (again) {
        throw new StoreOpenError(`Cannot start a fresh capture database at ${file}: ${(again as Error).message}`, { cause: again })
      }
    }
    if (code === SQLITE_READONLY || code === SQLITE_CANTOPEN) {
      throw new StoreOpenError(
        `Cannot write the capture database at ${file}: the file or its folder is read-only or inaccessible. ` + 'Choose another place with --data-dir.',
        { cause: err }
      )
    }
    throw new StoreOpenError(`Cannot open the capture database at ${file}: ${(err as Error).message}`, { cause: err })
  }
}
