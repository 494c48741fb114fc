import Logging
import NIOCore
import NIOPosix
import SQLKit
import SQLiteKit

/// The storage connection: one SQLKit code path over SQLite (embedded default) or
/// PostgreSQL, with transactions that are never interleaved.
///
/// ```swift
/// let database = try await Database.open("yibao.sqlite")
/// try await database.transaction { sql in try await sql.raw("…").run() }
/// ```
public final class Database: Sendable {
  public let sql: any SQLDatabase
  private let lock = AsyncLock()
  private let closer: @Sendable () async throws -> Void

  init(sql: any SQLDatabase, closer: @escaping @Sendable () async throws -> Void) {
    self.sql = sql
    self.closer = closer
  }

  /// Opens a SQLite file (created if missing), or `:memory:`.
  public static func open(_ location: String, logger: Logger = Logger(label: "yibao.store")) async throws -> Database {
    let storage: SQLiteConnection.Storage = location == ":memory:" ? .memory : .file(path: location)
    let connection = try await SQLiteConnection.open(storage: storage, logger: logger)
    let sql = connection.sql(queryLogLevel: nil)
    if location != ":memory:" {
      // WAL: readers never block the writer; NORMAL sync is durable across process crashes.
      _ = try await sql.raw("PRAGMA journal_mode=WAL").all()
      try await sql.raw("PRAGMA synchronous=NORMAL").run()
    }
    try await sql.raw("PRAGMA foreign_keys=ON").run()
    try await sql.raw("PRAGMA busy_timeout=5000").run()
    return Database(sql: sql) { try await connection.close() }
  }

  /// Runs `body` alone: BEGIN … COMMIT, or ROLLBACK when it throws, so nothing is half-stored.
  public func transaction<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
    try await lock.withLock {
      try await sql.raw("BEGIN IMMEDIATE").run()
      do {
        let result = try await body(sql)
        try await sql.raw("COMMIT").run()
        return result
      } catch {
        try? await sql.raw("ROLLBACK").run()
        throw error
      }
    }
  }

  /// Runs a read on its own, never inside another caller's transaction.
  public func read<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
    try await lock.withLock { try await body(sql) }
  }

  public func close() async throws { try await closer() }
}
