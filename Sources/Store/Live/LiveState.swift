import Settlement
import Synchronization

/// What settlement works on, held in memory: accumulators of people, open visits and
/// their fee lines. An operation checks and changes it and queues its rows in one step
/// (under one lock), so the order of the queue is the order in which the state changed;
/// the group commit then writes the queue in that order.
///
/// Entries are loaded from the database on first use. An entry that is absent has no
/// queued change, so the database is current for it; a load that races a ``clear()``
/// is dropped (the generation moved on).
struct LiveState: Sendable {
  /// Moves on whenever the cached entries are dropped.
  var generation = 0
  /// 累计: the running totals of each person loaded.
  var accumulators: [String: Accumulators] = [:]
  /// Every fee line of each loaded visit, in upload order (changed through ``keep(_:of:)``).
  private(set) var feeLines: [String: [StoredFeeLine]] = [:]
  /// How many lines `feeLines` holds.
  private(set) var cachedLineCount = 0
  /// Visits as last written or read.
  var visits: [String: Visit] = [:]
  /// Writes waiting for the group commit, in the order the state changed.
  var queue: [QueuedWrite] = []
  var nextTicket = 0
  /// A commit is running or about to run.
  var committing = false
  /// A cache drop has been asked for (too many entries).
  var compacting = false
  /// Set while an exclusive operation runs: new changes wait for it.
  var paused = false
  var pausedWaiters: [CheckedContinuation<Void, Never>] = []
  /// Resumed when the queue is empty and no commit runs.
  var idleWaiters: [CheckedContinuation<Void, Never>] = []
  /// How the queue has been committed so far.
  var figures = GroupCommitFigures()

  /// Beyond this many cached people, visits and fee lines (a few hundred MB), the next
  /// quiet moment drops them all.
  static let cacheLimit = 1_000_000

  var isOverfull: Bool { accumulators.count + visits.count + cachedLineCount > Self.cacheLimit }

  /// Keeps `lines` as every fee line of `visitID`.
  mutating func keep(_ lines: [StoredFeeLine], of visitID: String) {
    cachedLineCount += lines.count - (feeLines[visitID]?.count ?? 0)
    feeLines[visitID] = lines
  }

  /// Takes what was read from the database, for the entries still absent (a queued change wins).
  mutating func absorb(_ fetched: Fetched) {
    for (person, values) in fetched.accumulators where accumulators[person] == nil { accumulators[person] = values }
    for (visit, values) in fetched.feeLines where feeLines[visit] == nil { keep(values, of: visit) }
    for (id, visit) in fetched.visits where visits[id] == nil { visits[id] = visit }
  }

  mutating func clear() {
    generation += 1
    accumulators = [:]
    feeLines = [:]
    cachedLineCount = 0
    visits = [:]
  }

  /// Queues `changes`; the ticket is sealed at once, or when the unit of work ends.
  mutating func enqueue(_ changes: WriteSet, sealed: Bool) -> QueuedWrite {
    nextTicket += 1
    let write = QueuedWrite(ticket: nextTicket, changes: changes, sealed: sealed, completion: Completion<Void>())
    queue.append(write)
    return write
  }

  /// The sealed writes at the head of the queue, taken off it.
  mutating func takeSealedPrefix() -> [QueuedWrite] {
    let count = queue.prefix { $0.sealed }.count
    let taken = Array(queue.prefix(count))
    queue.removeFirst(count)
    if count > 0 {
      figures.batches += 1
      figures.writes += count
    }
    return taken
  }
}

/// How the group commit has batched: transactions written and the writes they held.
///
/// ```swift
/// let before = store.groupCommitFigures
/// // … load …
/// let figures = store.groupCommitFigures - before   // figures.writesPerBatch: 7.2
/// ```
public struct GroupCommitFigures: Sendable {
  public var batches = 0
  public var writes = 0

  public var writesPerBatch: Double { batches == 0 ? 0 : Double(writes) / Double(batches) }

  public static func - (a: Self, b: Self) -> Self { Self(batches: a.batches - b.batches, writes: a.writes - b.writes) }
}

/// A write waiting in the group-commit queue.
struct QueuedWrite: Sendable {
  let ticket: Int
  var changes: WriteSet
  /// Its request has added its answer (or has none): it may be committed.
  var sealed: Bool
  let completion: Completion<Void>
}

/// What changes need in memory, as read from the database.
struct Fetched: Sendable {
  var accumulators: [String: Accumulators] = [:]
  var feeLines: [String: [StoredFeeLine]] = [:]
  var visits: [String: Visit] = [:]
}
