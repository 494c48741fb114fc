import Synchronization

/// A first-come, first-served lock for async code: what keeps two settlements of the
/// embedded database from ever computing on the same state.
///
/// ```swift
/// let lock = AsyncLock()
/// try await lock.withLock { try await writeSettlement() }
/// ```
public final class AsyncLock: Sendable {
  private struct State {
    var locked = false
    var waiters: [CheckedContinuation<Void, Never>] = []
  }

  private let state = Mutex(State())

  public init() {}

  public func withLock<T: Sendable>(_ body: () async throws -> T) async throws -> T {
    await acquire()
    defer { release() }
    return try await body()
  }

  private func acquire() async {
    await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
      let resumeNow = state.withLock { state -> Bool in
        if state.locked {
          state.waiters.append(continuation)
          return false
        }
        state.locked = true
        return true
      }
      if resumeNow { continuation.resume() }
    }
  }

  private func release() {
    let next = state.withLock { state -> CheckedContinuation<Void, Never>? in
      if state.waiters.isEmpty {
        state.locked = false
        return nil
      }
      return state.waiters.removeFirst()
    }
    next?.resume()
  }
}
