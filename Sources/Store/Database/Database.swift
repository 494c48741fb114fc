import Logging
import NIOCore
import NIOPosix
import PostgresKit
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
  /// The one connection that writes; its transactions never interleave.
  private let writer: @Sendable () async throws -> any SQLDatabase
  /// A second connection for reads outside transactions: WAL lets it read while the writer writes.
  private let reader: @Sendable () async throws -> any SQLDatabase
  /// Which engine is behind the connections (the few statements that differ ask).
  public let kind: Kind
  private let lock = AsyncLock()
  private let closer: @Sendable () async throws -> Void
  /// PostgreSQL's writer connection, whose statements may be given a time limit.
  private let postgresWriter: ReopeningConnection?

  public enum Kind: Sendable {
    case sqlite
    case postgres
  }

  init(
    kind: Kind, writer: @escaping @Sendable () async throws -> any SQLDatabase,
    reader: @escaping @Sendable () async throws -> any SQLDatabase, postgresWriter: ReopeningConnection? = nil,
    closer: @escaping @Sendable () async throws -> Void
  ) {
    self.kind = kind
    self.writer = writer
    self.reader = reader
    self.postgresWriter = postgresWriter
    self.closer = closer
  }

  /// On PostgreSQL, from now on a writer's statement unanswered for `limit` closes the
  /// connection and fails, instead of holding the writer (and every change behind it) for
  /// good; the next statement reconnects. Set once the migrations, which may run long, are done.
  public func limitWriterStatements(to limit: Duration?) {
    postgresWriter?.limitStatements(to: limit)
  }

  /// SQLite's connections never drop: the same one serves every statement.
  convenience init(
    sqliteWriter: any SQLDatabase, reader: any SQLDatabase, closer: @escaping @Sendable () async throws -> Void
  ) {
    self.init(kind: .sqlite, writer: { sqliteWriter }, reader: { reader }, closer: closer)
  }

  /// Opens a SQLite file (created if missing), `:memory:`, or a `postgres://user:password@host:port/database` URL.
  ///
  /// On PostgreSQL, a writer's statement not answered within `statementLimit` closes its
  /// connection (a half-open socket would otherwise hold the writer for good); the next one
  /// reconnects. See ``limitWriterStatements(to:)``.
  public static func open(
    _ location: String, statementLimit: Duration? = nil, logger: Logger = Logger(label: "yibao.store")
  ) async throws -> Database {
    if location.hasPrefix("postgres://") || location.hasPrefix("postgresql://") {
      return try await openPostgres(location, statementLimit: statementLimit, logger: logger)
    }
    let storage: SQLiteConnection.Storage = location == ":memory:" ? .memory : .file(path: location)
    // One thread for the writer's statements and one for the readers', this database's own:
    // reads never queue behind a batch being written, nor behind another database's lock wait.
    let writerThread = startedPool()
    let connection = try await SQLiteConnection.open(
      storage: storage, threadPool: writerThread, logger: logger, on: storageLoop)
    let sql = connection.sql(queryLogLevel: nil)
    guard location != ":memory:" else {
      try await sql.raw("PRAGMA foreign_keys=ON").run()
      return Database(sqliteWriter: sql, reader: sql) {
        try await connection.close()
        try await writerThread.shutdownGracefully()
      }
    }
    // WAL: readers never block the writer; NORMAL sync is durable across process crashes.
    _ = try await sql.raw("PRAGMA journal_mode=WAL").all()
    try await sql.raw("PRAGMA synchronous=NORMAL").run()
    try await sql.raw("PRAGMA foreign_keys=ON").run()
    try await sql.raw("PRAGMA busy_timeout=5000").run()
    let readerThread = startedPool()
    let readConnection = try await SQLiteConnection.open(
      storage: storage, threadPool: readerThread, logger: logger, on: storageLoop)
    let reader = readConnection.sql(queryLogLevel: nil)
    try await reader.raw("PRAGMA busy_timeout=5000").run()
    // Checkpoints (copying the WAL into the file) run on the reader's connection and thread,
    // beside the writer, instead of stalling every thousandth commit; once the WAL passes
    // 64 MB, a RESTART checkpoint (which waits for the writer) lets it start over.
    try await sql.raw("PRAGMA wal_autocheckpoint=0").run()
    let checkpoints = Task.detached {
      while !Task.isCancelled {
        try? await Task.sleep(for: .milliseconds(250))
        let row = try? await reader.raw("PRAGMA wal_checkpoint(PASSIVE)").first()
        if let frames = try? row?.decode(column: "log", as: Int.self), frames > 16_384 {
          _ = try? await reader.raw("PRAGMA wal_checkpoint(RESTART)").all()
        }
      }
    }
    return Database(sqliteWriter: sql, reader: reader) {
      checkpoints.cancel()
      _ = await checkpoints.result
      try await readConnection.close()
      try await connection.close()
      try await readerThread.shutdownGracefully()
      try await writerThread.shutdownGracefully()
    }
  }

  /// Runs `body` alone: BEGIN … COMMIT, or ROLLBACK when it throws, so nothing is half-stored.
  public func transaction<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
    try await lock.withLock {
      let sql = try await writer()
      // SQLite takes the write lock at BEGIN IMMEDIATE; PostgreSQL has one writer connection here.
      try await sql.raw(kind == .sqlite ? "BEGIN IMMEDIATE" : "BEGIN").run()
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

  /// One write statement, its own transaction, between the others.
  public func write<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
    try await lock.withLock { try await body(try await writer()) }
  }

  /// Reads what is committed, on the reader connection, without waiting for writers.
  public func read<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
    try await body(try await reader())
  }

  public func close() async throws { try await closer() }

  /// The storage's own event loop: a statement's answer is not queued behind the HTTP
  /// traffic of the shared event loops.
  static let storageLoop = MultiThreadedEventLoopGroup(numberOfThreads: 1).next()
  private static func startedPool() -> NIOThreadPool {
    let pool = NIOThreadPool(numberOfThreads: 1)
    pool.start()
    return pool
  }

  static func openPostgres(_ url: String, statementLimit: Duration?, logger: Logger) async throws -> Database {
    var configuration = try SQLPostgresConfiguration(url: url).coreConfiguration
    // Should this process wedge inside a transaction, the server lets go of its locks.
    configuration.options.additionalStartupParameters.append(("idle_in_transaction_session_timeout", "60000"))
    let writer = try await ReopeningConnection.connect(configuration, id: 1, logger: logger)
    writer.limitStatements(to: statementLimit)
    let reader = try await ReopeningConnection.connect(configuration, id: 2, logger: logger)
    return Database(kind: .postgres, writer: writer.database, reader: reader.database, postgresWriter: writer) {
      try await reader.close()
      try await writer.close()
    }
  }
}
