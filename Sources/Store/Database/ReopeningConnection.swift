import Logging
import NIOCore
import PostgresKit
import SQLKit
import Synchronization

/// A PostgreSQL connection that is opened again once it has dropped (a server restart, a cut
/// network, an administrator's `pg_terminate_backend`): the statement that saw the drop fails,
/// and the next one runs on a new connection instead of failing until the process restarts.
///
/// ```swift
/// let writer = try await ReopeningConnection.connect(configuration, id: 1, logger: logger)
/// let sql = try await writer.database()
/// ```
final class ReopeningConnection: Sendable {
  private let configuration: PostgresConnection.Configuration
  private let id: Int
  /// How long a statement may go unanswered before its connection is closed; none until set.
  private let statementLimit = Mutex<TimeAmount?>(nil)
  private let logger: Logger
  private let current: Mutex<PostgresConnection>
  /// Set by ``close()``: no reopening after it.
  private let closed = Mutex(false)
  /// One reconnection at a time: concurrent callers wait for it and share the new connection.
  private let reopening = AsyncLock()

  private init(
    configuration: PostgresConnection.Configuration, id: Int, logger: Logger, connection: PostgresConnection
  ) {
    self.configuration = configuration
    self.id = id
    self.logger = logger
    self.current = Mutex(connection)
  }

  static func connect(
    _ configuration: PostgresConnection.Configuration, id: Int, logger: Logger
  ) async throws -> ReopeningConnection {
    let connection = try await PostgresConnection.connect(
      on: Database.storageLoop, configuration: configuration, id: id, logger: logger)
    return ReopeningConnection(configuration: configuration, id: id, logger: logger, connection: connection)
  }

  /// From now on, a statement unanswered for `limit` closes the connection (nil: no limit).
  func limitStatements(to limit: Duration?) {
    statementLimit.withLock { $0 = limit.map { TimeAmount($0) } }
  }

  /// The open connection, reopened first if it has dropped.
  func database() async throws -> any SQLDatabase {
    if let open = openConnection() { return open }
    return try await reopening.withLock {
      if let open = openConnection() { return open }
      guard !closed.withLock({ $0 }) else { throw StoreError.unavailable("数据库已关闭") }
      logger.warning("PostgreSQL 连接已断开，重新连接", metadata: ["connection": "\(id)"])
      let fresh: PostgresConnection
      do {
        fresh = try await PostgresConnection.connect(
          on: Database.storageLoop, configuration: configuration, id: id, logger: logger)
      } catch {
        throw StoreError.unavailable("数据库连接已断开，重新连接失败（\(String(reflecting: error))），请稍后重试")
      }
      current.withLock { $0 = fresh }
      return OpenConnectionDatabase(fresh, limit: statementLimit.withLock { $0 })
    }
  }

  /// The current connection, unless it has dropped.
  private func openConnection() -> (any SQLDatabase)? {
    let connection = current.withLock { $0 }
    return connection.isClosed ? nil : OpenConnectionDatabase(connection, limit: statementLimit.withLock { $0 })
  }

  func close() async throws {
    try await reopening.withLock {
      closed.withLock { $0 = true }
      let connection = current.withLock { $0 }
      if !connection.isClosed { try await connection.close() }
    }
  }
}

/// Sends each statement from the connection's event loop, after checking there that the
/// connection is still open. PostgresNIO never answers a statement written to a closed
/// connection: without the check, the ROLLBACK after a drop would wait forever and hold the
/// writer. On the event loop, no close can slip between the check and the write. A statement
/// not answered within `limit`, if there is one, closes the connection, which fails it.
private struct OpenConnectionDatabase: SQLDatabase {
  let connection: PostgresConnection
  let base: any SQLDatabase
  let limit: TimeAmount?

  init(_ connection: PostgresConnection, limit: TimeAmount?) {
    self.connection = connection
    self.base = connection.sql(queryLogLevel: nil)
    self.limit = limit
  }

  var logger: Logger { base.logger }
  var eventLoop: any EventLoop { base.eventLoop }
  var version: (any SQLDatabaseReportedVersion)? { base.version }
  var dialect: any SQLDialect { base.dialect }
  var queryLogLevel: Logger.Level? { base.queryLogLevel }

  func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) -> EventLoopFuture<
    Void
  > {
    eventLoop.flatSubmit { [connection, base, limit] in
      guard !connection.isClosed else {
        return connection.eventLoop.makeFailedFuture(StoreError.unavailable("数据库连接已断开，本次未保存任何内容，请重试"))
      }
      let answered = base.execute(sql: query, onRow)
      guard let limit else { return answered }
      // Both closures run on the connection's event loop; the flag stops a watchdog that was
      // already due when the answer came.
      let done = NIOLoopBoundBox(false, eventLoop: connection.eventLoop)
      let watchdog = connection.eventLoop.scheduleTask(in: limit) {
        if !done.value { connection.close().whenComplete { _ in } }
      }
      answered.whenComplete { _ in
        done.value = true
        watchdog.cancel()
      }
      return answered
    }
  }
}
