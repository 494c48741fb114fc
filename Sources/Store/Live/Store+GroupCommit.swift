import Foundation
import SQLKit
import Settlement
import Synchronization

/// Group commit (成组提交): every change is made in memory and queued; one committer writes
/// the queue in batches, one transaction per batch with one multi-row statement per table,
/// and each request is answered after the batch holding it has committed.
///
/// A failed batch drops the cached state (the database is the truth again) and fails every
/// queued write, since they were computed on top of it.
extension Store {
  /// What ``change(loading:visitLines:_:)`` found under the lock.
  private enum Step<T: Sendable>: Sendable {
    case done(T, QueuedWrite, startCommitter: Bool, compact: Bool)
    case paused
    case notLoaded
  }

  /// Checks and changes the live state and queues the rows, in one step under the lock.
  ///
  /// The accumulators of `persons`, the fee lines of `visitLines` and the `visits` are loaded
  /// first (a visit that does not exist stays absent). `body` must throw before it changes
  /// anything. Outside a unit of work it waits for the commit.
  func change<T: Sendable>(
    loading persons: [String] = [], visitLines: [String] = [], visits: [String] = [],
    _ body: (inout LiveState) throws -> (T, WriteSet)
  ) async throws -> T {
    let unit = UnitOfWork.current
    try unit?.checkWrites()
    if let held = unit?.held {
      // Inside a held transaction: computed on what the transaction sees, written into it.
      var scratch = LiveState()
      scratch.absorb(
        try await inSavepoint(held.sql) {
          try await Store.fetch(persons: persons, visitLines: visitLines, visits: visits, $0)
        })
      let (value, changes) = try body(&scratch)
      try await inSavepoint(held.sql) { try await changes.write($0) }
      return value
    }
    while true {
      try await load(persons: persons, visitLines: visitLines, visits: visits)
      let step = try live.withLock { state -> Step<T> in
        if state.paused { return .paused }
        guard persons.allSatisfy({ state.accumulators[$0] != nil }),
          visitLines.allSatisfy({ state.feeLines[$0] != nil })
        else { return .notLoaded }
        let (value, changes) = try body(&state)
        let write = state.enqueue(changes, sealed: unit == nil)
        let start = unit == nil && !state.committing
        if start { state.committing = true }
        let compact = state.isOverfull && !state.compacting
        if compact { state.compacting = true }
        return .done(value, write, startCommitter: start, compact: compact)
      }
      switch step {
      case .paused:
        sealWrites(of: unit)
        await waitUntilResumed()
      case .notLoaded:
        continue
      case .done(let value, let write, let start, let compact):
        if start { startCommitter() }
        if compact { Task.detached { try? await self.exclusive { _ in } } }
        guard let unit else {
          try await write.completion.wait()
          return value
        }
        unit.state.withLock {
          $0.writes.append((write.ticket, write.completion))
          $0.store = self
        }
        return value
      }
    }
  }

  /// Runs `body` while nothing else changes: new changes wait, the queue is committed first,
  /// and the cached state is dropped afterwards (reloaded from the database on next use). For
  /// rare operations: cancellations, 冲正, withdrawals.
  ///
  /// Inside a request (a unit of work), `body` runs in the request's held transaction, which
  /// commits with the request's answer (``HeldTransaction``); otherwise in a transaction of
  /// its own.
  func exclusive<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
    if let unit = UnitOfWork.current {
      let held = try await heldTransaction(for: unit)
      return try await inSavepoint(held.sql, body)
    }
    return try await exclusiveLock.withLock {
      await pauseUntilIdle()
      defer { resumeAfterExclusive() }
      return try await database.transaction(body)
    }
  }

  /// Pauses new changes and waits until the queue is committed.
  func pauseUntilIdle() async {
    live.withLock { $0.paused = true }
    await waitUntilIdle()
  }

  /// Drops the cached state (the database changed under it) and lets changes run again.
  func resumeAfterExclusive() {
    let waiters = live.withLock { state in
      state.paused = false
      state.compacting = false
      state.clear()
      defer { state.pausedWaiters = [] }
      return state.pausedWaiters
    }
    for waiter in waiters { waiter.resume() }
  }

  /// How the group commit has batched since the store opened.
  public var groupCommitFigures: GroupCommitFigures { live.withLock { $0.figures } }

  /// Runs `body` (a request) as a unit of work: its changes are queued but not committed
  /// until ``commit(_:answer:)``.
  public func withUnitOfWork<T: Sendable>(_ body: () async -> T) async -> (T, UnitOfWork) {
    let unit = UnitOfWork()
    let value = await UnitOfWork.$current.withValue(unit) { await body() }
    return (value, unit)
  }

  /// Commits a unit's changes with its answer in the same transaction, and waits for it.
  /// A unit that changed nothing keeps no answer.
  ///
  /// A held transaction commits with the answer; a refused request (no answer) rolls it back,
  /// so that nothing of it is half-stored and it may be sent again once fixed.
  public func commit(_ unit: UnitOfWork, answer: AnswerRow?) async throws {
    let (writes, held) = unit.state.withLock { state in
      state.committed = true
      return (state.writes, state.held)
    }
    if let held {
      held.ending.finish(.success(answer.map { .commit($0) } ?? .rollBack))
      if answer != nil { try await held.finished.wait() }
      return
    }
    guard !writes.isEmpty else { return }
    let (attached, start) = live.withLock { state -> (Bool, Bool) in
      // The last write is still queued (only this commit seals it, or a change made after it).
      var attached = false
      if let answer, let last = writes.last, let index = state.queue.firstIndex(where: { $0.ticket == last.ticket }) {
        state.queue[index].changes.answers.append(answer)
        attached = true
      }
      return (attached, seal(writes.map(\.ticket), in: &state))
    }
    if start { startCommitter() }
    do {
      for write in writes { try await write.completion.wait() }
      // Should the last write ever have gone already, the answer is kept on its own.
      if let answer, !attached { try await change { _ in ((), WriteSet(answers: [answer])) } }
    } catch {
      // A COMMIT that failed may still have committed (a connection lost at COMMIT).
      if let answer { answers.withLock { $0.markUncertain(answer.key, now: Date()) } }
      throw error
    }
    if let answer {
      answers.withLock { $0.add(answer.key, transaction: answer.transaction, now: Date()) }
    }
  }

  /// Seals the writes of a unit dropped without committing.
  func seal(abandoned tickets: [Int]) {
    if live.withLock({ seal(tickets, in: &$0) }) { startCommitter() }
  }

  /// Seals the writes of `unit` already queued, so that the committer may take them.
  func sealWrites(of unit: UnitOfWork?) {
    guard let unit else { return }
    let tickets = unit.state.withLock { $0.writes.map(\.ticket) }
    guard !tickets.isEmpty else { return }
    if live.withLock({ seal(tickets, in: &$0) }) { startCommitter() }
  }

  /// Seals `tickets`; true when the caller must start the committer.
  private func seal(_ tickets: [Int], in state: inout LiveState) -> Bool {
    let tickets = Set(tickets)
    for index in state.queue.indices where tickets.contains(state.queue[index].ticket) {
      state.queue[index].sealed = true
    }
    guard !state.committing, state.queue.first?.sealed == true else { return false }
    state.committing = true
    return true
  }

  /// The committers of every store run on the storage event loop.
  static let commitExecutor = EventLoopExecutor(Database.storageLoop)

  private func startCommitter() {
    Task.detached(executorPreference: Store.commitExecutor) { await self.commitQueue() }
  }

  /// Commits sealed batches until none is left at the head of the queue.
  private func commitQueue() async {
    while true {
      let (batch, idle) = live.withLock { state -> ([QueuedWrite], [CheckedContinuation<Void, Never>]) in
        let batch = state.takeSealedPrefix()
        guard batch.isEmpty else { return (batch, []) }
        state.committing = false
        guard state.queue.isEmpty else { return ([], []) }
        defer { state.idleWaiters = [] }
        return ([], state.idleWaiters)
      }
      guard !batch.isEmpty else {
        for waiter in idle { waiter.resume() }
        return
      }
      let changes = batch.reduce(into: WriteSet()) { $0.append($1.changes) }
      do {
        try await database.transaction { sql in try await changes.write(sql) }
        for write in batch { write.completion.finish(.success(())) }
      } catch {
        let dropped = live.withLock { state in
          state.clear()
          defer { state.queue = [] }
          return state.queue
        }
        for write in batch + dropped { write.completion.finish(.failure(error)) }
      }
    }
  }

  private func waitUntilIdle() async {
    await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
      let idle = live.withLock { state in
        guard state.queue.isEmpty, !state.committing else {
          state.idleWaiters.append(continuation)
          return false
        }
        return true
      }
      if idle { continuation.resume() }
    }
  }

  private func waitUntilResumed() async {
    await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
      let running = live.withLock { state in
        guard !state.paused else {
          state.pausedWaiters.append(continuation)
          return false
        }
        return true
      }
      if running { continuation.resume() }
    }
  }

  /// Loads what is not in memory yet, unless the cache was dropped meanwhile.
  private func load(persons: [String], visitLines: [String], visits: [String]) async throws {
    let (generation, missingPersons, missingLines, missingVisits) = live.withLock { state in
      (
        state.generation, persons.filter { state.accumulators[$0] == nil },
        visitLines.filter { state.feeLines[$0] == nil }, visits.filter { state.visits[$0] == nil }
      )
    }
    guard !missingPersons.isEmpty || !missingLines.isEmpty || !missingVisits.isEmpty else { return }
    let fetched = try await read { sql in
      try await Store.fetch(persons: missingPersons, visitLines: missingLines, visits: missingVisits, sql)
    }
    live.withLock { state in
      guard state.generation == generation else { return }
      state.absorb(fetched)
    }
  }

  /// The accumulators of `persons`, the fee lines of `visitLines` and the `visits`, as `sql` sees them.
  static func fetch(
    persons: [String], visitLines: [String], visits: [String], _ sql: any SQLDatabase
  ) async throws -> Fetched {
    var fetched = Fetched()
    for person in persons { fetched.accumulators[person] = try await Store.accumulators(sql, personNumber: person) }
    for visit in visitLines { fetched.feeLines[visit] = try await Store.storedFeeLines(sql, visitID: visit) }
    for id in visits { fetched.visits[id] = try await Store.visit(sql, id: id) }
    return fetched
  }
}
