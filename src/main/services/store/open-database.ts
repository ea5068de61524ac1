import { existsSync, mkdirSync, renameSync } from 'node:fs'
import { HookscopeError } from '@shared/errors'
import { dirname } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { migrate } from './migrations'

/** The store could not be opened; the message says where and why, never a stack of SQL. */
export class StoreOpenError extends HookscopeError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('store-open-failed', message, options)
  }
}

export interface OpenedDatabase<T> {
  db: DatabaseSync
  /** What `build` made on the open database (prepared statements touch every table). */
  value: T
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
  // Other connections (the store threads) open the same file at the same time: wait for their locks.
  db.exec('PRAGMA busy_timeout = 5000')
  // A new file gives freed pages back to the disk on request (Clear all). Only a file with no page
  // written yet can take this, so it is set before the switch to WAL, which writes the first page.
  if ((db.prepare('PRAGMA page_count').get() as { page_count: number }).page_count === 0)
    db.exec('PRAGMA auto_vacuum = INCREMENTAL')
  // Durability first: a webhook is acknowledged only after COMMIT, so COMMIT must mean on disk.
  db.exec('PRAGMA journal_mode = WAL')
  db.exec('PRAGMA synchronous = FULL')
  db.exec('PRAGMA foreign_keys = ON')
  // The log is cut back to this size each time it starts over (it grows past it under a burst).
  db.exec('PRAGMA journal_size_limit = 33554432')
  const mode = (db.prepare('PRAGMA journal_mode').get() as { journal_mode: string }).journal_mode
  const sync = (db.prepare('PRAGMA synchronous').get() as { synchronous: number }).synchronous
  if (mode.toLowerCase() !== (inMemory ? 'memory' : 'wal') || sync !== 2) {
    throw new StoreOpenError(`SQLite refused the durability settings (journal_mode=${mode}, synchronous=${sync}).`)
  }
  migrate(db)
}

function tryOpen<T>(file: string, build: (db: DatabaseSync) => T): { db: DatabaseSync; value: T } {
  const db = new DatabaseSync(file)
  try {
    configure(db, file === ':memory:')
    return { db, value: build(db) }
  } catch (err) {
    db.close()
    throw err
  }
}

/** After a failed open: does SQLite itself find the file damaged? (Only then is it moved aside.) */
function looksCorrupt(file: string): boolean {
  let db: DatabaseSync | null = null
  try {
    db = new DatabaseSync(file, { readOnly: true })
    const rows = db.prepare('PRAGMA quick_check(1)').all() as { quick_check: string }[]
    return rows[0]?.quick_check !== 'ok'
  } catch (err) {
    const code = sqliteCode(err)
    return (
      code === SQLITE_CORRUPT ||
      code === SQLITE_NOTADB ||
      /malformed|corrupt|vtable constructor failed/i.test((err as Error).message)
    )
  } finally {
    db?.close()
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
 * Opens (or creates) the capture database and runs `build` on it (preparing statements reads the
 * schema and every virtual table). Any failure there that SQLite confirms as damage moves the file
 * aside and starts a fresh one, so the app still opens; an unwritable location is a clear error.
 */
export function openDatabase<T>(file: string, now: () => number, build: (db: DatabaseSync) => T): OpenedDatabase<T> {
  if (file !== ':memory:') {
    try {
      mkdirSync(dirname(file), { recursive: true })
    } catch (err) {
      throw new StoreOpenError(`Cannot create the data directory ${dirname(file)}: ${(err as Error).message}`, {
        cause: err
      })
    }
  }
  try {
    return { ...tryOpen(file, build), movedAside: null }
  } catch (err) {
    if (err instanceof StoreOpenError) throw err
    const code = sqliteCode(err)
    if (
      code === SQLITE_CORRUPT ||
      code === SQLITE_NOTADB ||
      (code !== SQLITE_READONLY && code !== SQLITE_CANTOPEN && looksCorrupt(file))
    ) {
      const movedTo = moveAside(file, now())
      try {
        return { ...tryOpen(file, build), movedAside: movedTo }
      } catch (again) {
        throw new StoreOpenError(`Cannot start a fresh capture database at ${file}: ${(again as Error).message}`, {
          cause: again
        })
      }
    }
    if (code === SQLITE_READONLY || code === SQLITE_CANTOPEN) {
      throw new StoreOpenError(
        `Cannot write the capture database at ${file}: the file or its folder is read-only or inaccessible. ` +
          'Choose another place with --data-dir.',
        { cause: err }
      )
    }
    throw new StoreOpenError(`Cannot open the capture database at ${file}: ${(err as Error).message}`, { cause: err })
  }
}
