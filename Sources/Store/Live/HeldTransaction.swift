import Foundation
import SQLKit
import Synchronization

/// The transaction of a request that made an exclusive change (a cancellation, a 冲正, a
/// withdrawal of lines), held open until the request's answer is written into it: the change
/// and its kept answer commit together, so a request answered is durable with its answer, and
/// a crash leaves neither. Everything else the request changes or reads afterwards goes
/// through the same transaction; a refused request rolls it all back.
///
/// While it is held, the store is paused: new changes wait, other exclusive operations too.
///
/// ```swift
/// let (response, unit) = await store.withUnitOfWork { await cancelSettlement() }  // holds
/// try await store.commit(unit, answer: answer)                                   // commits both
/// ```
final class HeldTransaction: Sendable {
  /// How the request ends it.
  enum Ending: Sendable {
    case commit(AnswerRow?)
    case rollBack
  }

  /// The writer's connection, inside the transaction.
  let sql: any SQLDatabase
  let ending = Completion<Ending>()
  /// The transaction's own outcome: committed, or why not.
  let finished = Completion<Void>()
  /// Keys of kept answers it deletes (冲正), dropped from memory once it has committed.
  let forgottenAnswers = Mutex<[String]>([])

  init(sql: any SQLDatabase) { self.sql = sql }
}

/// The transaction was rolled back because its request was refused.
struct RolledBack: Error {}

extension Store {
  /// The current request's held transaction, opened (after the queue is committed) if it has none yet.
  func heldTransaction(for unit: UnitOfWork) async throws -> HeldTransaction {
    if let held = unit.held { return held }
    try unit.checkWrites()
    sealWrites(of: unit)
    let opened = Completion<HeldTransaction>()
    // Not the unit itself: a unit dropped without committing must be freed, to roll back.
    let earlierWrites = unit.state.withLock { $0.writes.map(\.completion) }
    Task.detached {
      var outcome: Result<Void, any Error> = .success(())
      do {
        try await self.exclusiveLock.withLock {
          await self.pauseUntilIdle()
          defer { self.resumeAfterExclusive() }
          // The request's own earlier writes are committed by now, or failed: then it stops.
          for write in earlierWrites { if let error = write.failure { throw error } }
          let (answer, forgotten) = try await self.database.transaction { sql -> (AnswerRow?, [String]) in
            let held = HeldTransaction(sql: sql)
            opened.finish(.success(held))
            guard case .commit(let answer) = try await held.ending.wait() else { throw RolledBack() }
            if let answer { try await WriteSet(answers: [answer]).write(sql) }
            return (answer, held.forgottenAnswers.withLock { $0 })
          }
          // Memory follows the commit before any other change may run.
          self.answers.withLock { index in
            for key in forgotten { index.remove(key) }
            if let answer { index.add(answer.key, transaction: answer.transaction, now: Date()) }
          }
        }
      } catch {
        outcome = .failure(error)
        if case .success(let held)? = opened.result, case .success(.commit(let answer?))? = held.ending.result {
          // A COMMIT that failed may still have committed (a connection lost at COMMIT).
          self.answers.withLock { $0.markUncertain(answer.key, now: Date()) }
        }
      }
      if case .failure(let error) = outcome { opened.finish(.failure(error)) }
      (try? await opened.wait())?.finished.finish(outcome)
    }
    let held = try await opened.wait()
    unit.state.withLock { $0.held = held }
    return held
  }

  /// Runs `body` so that, if it throws, what it did is undone and the transaction goes on.
  func inSavepoint<T: Sendable>(_ sql: any SQLDatabase, _ body: (any SQLDatabase) async throws -> T) async throws -> T {
    try await sql.raw("SAVEPOINT operation").run()
    do {
      let value = try await body(sql)
      try await sql.raw("RELEASE SAVEPOINT operation").run()
      return value
    } catch {
      try? await sql.raw("ROLLBACK TO SAVEPOINT operation").run()
      try? await sql.raw("RELEASE SAVEPOINT operation").run()
      throw error
    }
  }

  /// Reads what is committed, or, inside a request holding a transaction, what it has changed so far.
  func read<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
    // In a savepoint: on PostgreSQL a failed read would otherwise turn the COMMIT into a silent rollback.
    if let held = UnitOfWork.current?.held { return try await inSavepoint(held.sql, body) }
    return try await database.read(body)
  }
}
