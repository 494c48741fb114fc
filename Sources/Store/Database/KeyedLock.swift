import Synchronization

/// One ``AsyncLock`` per key, created on demand and dropped when idle: serializes work on
/// the same message or the same person while different keys run freely.
///
/// ```swift
/// let locks = KeyedLock()
/// let answer = await locks.withLock("H37040200001|msgid") { await process() }
/// ```
public final class KeyedLock: Sendable {
  private struct Entry {
    let lock = AsyncLock()
    var users = 0
  }

  private let entries = Mutex<[String: Entry]>([:])

  public init() {}

  public func withLock<T: Sendable>(_ key: String, _ body: () async -> T) async -> T {
    let lock = entries.withLock { entries -> AsyncLock in
      entries[key, default: Entry()].users += 1
      return entries[key]!.lock
    }
    defer {
      entries.withLock { entries in
        entries[key]?.users -= 1
        if entries[key]?.users == 0 { entries[key] = nil }
      }
    }
    // The body does not throw, so neither does the lock.
    return (try? await lock.withLock { await body() })!
  }

  /// Holds the locks of every key in `keys`, taken in sorted order so that two callers
  /// naming the same keys never wait on each other in a cycle.
  public func withLocks<T: Sendable>(_ keys: [String], _ body: () async -> T) async -> T {
    let sorted = Array(Set(keys)).sorted()
    guard let first = sorted.first else { return await body() }
    return await withLock(first) { await withLocks(Array(sorted.dropFirst()), body) }
  }
}
