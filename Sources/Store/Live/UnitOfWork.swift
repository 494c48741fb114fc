import Synchronization

/// The changes of one request, committed in the same transaction as its answer, so that
/// a request is either answered and durable with its answer kept, or neither.
///
/// While a unit is current, the store's changes are queued unsealed and do not wait; the
/// request renders its answer, then ``Store/commit(_:answer:)`` seals them with it and
/// waits for the group commit. An exclusive change instead opens a ``HeldTransaction``,
/// which the answer commits.
///
/// ```swift
/// let (response, unit) = await store.withUnitOfWork { await respond(to: request) }
/// try await store.commit(unit, answer: AnswerRow(institutionCode: code, messageID: id, transaction: "2207",
///                                                 response: bytes))
/// ```
public final class UnitOfWork: Sendable {
  @TaskLocal static var current: UnitOfWork?

  struct State {
    /// Queued writes of this request, not yet waited for.
    var writes: [(ticket: Int, completion: Completion<Void>)] = []
    /// The transaction of an exclusive change, open until the answer is written into it.
    var held: HeldTransaction?
    /// The store its writes are queued in.
    weak var store: Store?
    /// ``Store/commit(_:answer:)`` has taken it over.
    var committed = false
  }

  let state = Mutex(State())

  init() {}

  /// A request that never committed (it cannot happen through `NationalInterface.handle`,
  /// which always does) must not stall the store: its held transaction rolls back, and its
  /// queued writes, already applied to the state in memory, are sealed so that the queue
  /// behind them moves on.
  deinit {
    let (held, store, tickets) = state.withLock { state in
      (state.held, state.committed ? nil : state.store, state.writes.map(\.ticket))
    }
    held?.ending.finish(.success(.rollBack))
    if let store, !tickets.isEmpty { store.seal(abandoned: tickets) }
  }

  var held: HeldTransaction? { state.withLock { $0.held } }

  /// Throws the failure of a write already made: a request whose change failed stops there.
  func checkWrites() throws {
    let writes = state.withLock { $0.writes }
    for write in writes {
      if let error = write.completion.failure { throw error }
    }
  }
}
